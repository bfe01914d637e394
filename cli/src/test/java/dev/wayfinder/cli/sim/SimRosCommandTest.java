package dev.wayfinder.cli.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.cli.CliRun;
import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.Main;
import dev.wayfinder.cli.ChildCli;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.mcap.McapReader;
import dev.wayfinder.ros.mcap.McapScan;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.Vector3;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wayfinder sim --scenario S --ros} in-process, on loopback only and on domain 39 (apart from the ros topic
 * commands' 37), so ROS programs on the usual domain do not meet it; {@code --record} in a child JVM on domain 57,
 * stopped by SIGTERM.
 */
class SimRosCommandTest {
  private static final String[] NET = {"--localhost", "--domain", "39"};

  private static void assertUserError(CliRun r, String... expected) {
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    for (String e : expected) {
      assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r);
    }
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r);
  }

  @Test
  void mistakesAreUserErrorsThatSayWhatWasExpected() {
    assertUserError(CliRun.of("sim"), "a subcommand is required", "--ros");
    assertUserError(CliRun.of("sim", "--scenario", "empty-arena"), "need --ros");
    assertUserError(CliRun.of("sim", "--ros"), "--ros needs --scenario");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "no-such-scenario"), "no-such-scenario");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--rate-factor", "0"),
        "--rate-factor must be 0.01 to 100", "--max-speed");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--max-speed", "--rate-factor", "2"),
        "contradict");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--camera-hz", "500"),
        "--camera-hz must be above 0 and at most 120", "500");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--camera-width", "0"),
        "--camera-width must be 1 to 4096 pixels, got 0");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--cmd-vel-timeout", "-1"),
        "--cmd-vel-timeout must be above 0");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--domain", "300"), "0..232", "300");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--episodes", "-1"), "--episodes");
  }

  @Test
  void anEpisodeRunsToItsTimeLimitAsFastAsPossibleAndIsSummarized() throws Exception {
    CliRun r = CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--max-speed", "--no-camera", "--episodes",
        "1", "--seed", "4", "--json", NET[0], NET[1], NET[2]);
    assertEquals(Main.OK, r.exitCode(), r::toString);
    JsonNode j = Json.mapper().readTree(r.out());
    assertEquals("empty-arena", j.get("scenario").asText(), r::toString);
    assertEquals(30.0, j.get("simSeconds").asDouble(), 1e-6, "the episode's 30 s limit: " + r);
    assertEquals(1, j.get("episodes").size(), r::toString);
    JsonNode e = j.get("episodes").get(0);
    assertEquals(4, e.get("seed").asLong());
    assertEquals("time_limit", e.get("truncation").asText(), "nobody drove: " + r);
    assertTrue(j.get("realTimeFactor").asDouble() > 1, "--max-speed runs faster than real time: " + r);
  }

  @Test
  void recordFlagLeavesACompleteFileOfWhatItPublishedAndTheCommandsAfterSigterm(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sim.mcap");
    int commands = 5;
    try (Node driver = Node.create("driver", NodeOptions.localhost(57));
         ChildCli sim = ChildCli.start(dir.resolve("log.txt"), "512m", "sim", "--ros", "--scenario", "empty-arena",
             "--no-camera", "--domain", "57", "--localhost", "--record", file.toString())) {
      List<StringMessage> status = new CopyOnWriteArrayList<>();
      driver.subscription(StringMessage.TYPE, "/wayfinder/episode", QosProfile.LATCHED.withDepth(5), status::add);
      Publisher<Twist> cmd = driver.publisher(Twist.TYPE, "/cmd_vel", QosProfile.DEFAULT);
      long end = System.nanoTime() + 60_000_000_000L;
      while ((status.isEmpty() || cmd.confirmedSubscriptionCount() == 0) && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertTrue(!status.isEmpty() && cmd.confirmedSubscriptionCount() >= 1, sim::log);
      for (int i = 0; i < commands; i++) {
        cmd.publish(new Twist(new Vector3(0.1, 0, 0), new Vector3(0, 0, 0.2 * i)));
        Thread.sleep(50);
      }
      while (!cmd.allAcknowledged() && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      Thread.sleep(300);
      sim.terminate(30); // exit code 143: ended by the signal, after the shutdown hook
      assertTrue(sim.said("recorded "), sim::log);
    }
    Map<String, Long> counts = new HashMap<>();
    List<Twist> recordedCommands = new ArrayList<>();
    try (McapReader r = McapReader.open(file)) {
      McapScan scan = r.scan(m -> {
        counts.merge(m.channel().topic(), 1L, Long::sum);
        if (m.channel().topic().equals("/cmd_vel")) {
          recordedCommands.add(Twist.TYPE.deserialize(m.data()));
        }
        return true;
      });
      assertEquals(scan.messageCount(), r.verify().messageCount(), "the summary and indexes agree");
    }
    assertEquals(commands, recordedCommands.size(), "the commands it received: " + counts);
    assertEquals(0.8, recordedCommands.get(commands - 1).angular().z(), 1e-9);
    assertEquals(1L, counts.get("/tf_static"), counts.toString());
    assertEquals(1L, counts.get("/map"), counts.toString());
    for (String t : new String[] {"/clock", "/odom", "/tf", "/imu/data_raw", "/scan", "/goal_pose",
        "/wayfinder/episode"}) {
      assertTrue(counts.getOrDefault(t, 0L) >= 1, t + " recorded: " + counts);
    }
    assertEquals(counts.get("/clock"), counts.get("/odom"), "clock and odometry go out every tick: " + counts);
  }
}
