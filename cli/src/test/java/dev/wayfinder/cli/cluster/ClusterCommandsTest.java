package dev.wayfinder.cli.cluster;

import dev.wayfinder.cli.ChildCli;
import dev.wayfinder.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code wayfinder worker} and {@code cluster status}: a worker in a child JVM listed with its load; bad input. */
class ClusterCommandsTest {
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void aWorkerStartsAndTheStatusListsIt(@TempDir Path dir) throws Exception {
    int port = freePort();
    ChildCli worker = ChildCli.start(dir.resolve("worker.log"), "512m", "worker", "--port", String.valueOf(port),
        "--host", "127.0.0.1", "--slots", "1", "--label", "site=lab2");
    try {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!worker.said(" ready: ") && System.nanoTime() < end) {
        Thread.sleep(100);
      }
      assertTrue(worker.said("ready: 1 member in cluster 'wayfinder'"), worker.log());
      CliRun r = CliRun.of("cluster", "status", "127.0.0.1:" + port);
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.out().contains(":" + port) && r.out().contains("running"), r.out());
      assertTrue(r.out().contains("labels: site=lab2"), r.out());
      CliRun j = CliRun.of("cluster", "status", "127.0.0.1:" + port, "--json");
      assertEquals(0, j.exitCode(), j.toString());
      assertTrue(j.out().contains("\"slots\" : 1") || j.out().contains("\"slots\":1"), j.out());
    } finally {
      worker.close();
    }
  }

  @Test
  void unreachableAndMalformedAddressesAreUserErrors() throws Exception {
    int port = freePort();
    CliRun s = CliRun.of("cluster", "status", "127.0.0.1:" + port);
    assertEquals(1, s.exitCode(), s.toString());
    assertTrue(s.err().contains("cluster status 127.0.0.1:" + port + ": nothing listens there"), s.err());
    CliRun m = CliRun.of("cluster", "status", "somewhere");
    assertEquals(1, m.exitCode(), m.toString());
    assertTrue(m.err().contains("expected HOST:PORT"), m.err());
    CliRun w = CliRun.of("worker", "--port", String.valueOf(freePort()), "--host", "127.0.0.1", "--join",
        "127.0.0.1:" + port);
    assertEquals(1, w.exitCode(), w.toString());
    assertTrue(w.err().contains("--join 127.0.0.1:" + port + ": nothing listens there"), w.err());
    CliRun e = CliRun.of("eval", "--weights", "cluttered-room-rgbd-map", "--cluster", "127.0.0.1:" + port);
    assertEquals(1, e.exitCode(), e.toString());
    assertTrue(e.err().contains("--cluster 127.0.0.1:" + port + ": nothing listens there"), e.err());
    CliRun noCluster = CliRun.of("eval", "--weights", "cluttered-room-rgbd-map", "--select", "gpu=nvidia");
    assertEquals(1, noCluster.exitCode(), noCluster.toString());
    assertTrue(noCluster.err().contains("--select picks workers of a cluster: give --cluster HOST:PORT too"),
        noCluster.err());
    CliRun badTerm = CliRun.of("train", "-o", "unused", "--cluster", "127.0.0.1:" + port, "--select", "gpu");
    assertEquals(1, badTerm.exitCode(), badTerm.toString());
    assertTrue(badTerm.err().contains("--select 'gpu': expected KEY=VALUE or KEY>=NUMBER"), badTerm.err());
    CliRun badLabel = CliRun.of("worker", "--port", String.valueOf(freePort()), "--label", "gpu=h100");
    assertEquals(1, badLabel.exitCode(), badLabel.toString());
    assertTrue(badLabel.err().contains("--label 'gpu=h100': gpu is what the worker reports of itself"),
        badLabel.err());
  }
}
