package dev.wayfinder.cli.cluster;

import dev.wayfinder.cli.Main;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.cluster.HostPort;
import dev.wayfinder.cluster.MemberFilter;
import dev.wayfinder.cluster.Worker;
import dev.wayfinder.cluster.WorkerMain;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wayfinder worker}: a cluster member that runs evaluation episodes and DAgger collection. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Start a worker: a member of a wayfinder cluster (Hazelcast, TCP/IP only, no multicast) that runs"
        + " the episodes of 'wayfinder eval --cluster' and 'wayfinder train --cluster'. Runs until Ctrl-C.",
        "The first worker starts the cluster; the others --join it. Every machine must run the same version."})
public final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "5701", paramLabel = "P",
      description = "Port to listen on (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--join", paramLabel = "HOST:PORT", description = "A member of the cluster to join.")
  String join;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "The address to listen on and announce (default:"
      + " chosen among this machine's interfaces; 127.0.0.1 keeps the cluster on this machine).")
  String host;

  @Option(names = "--slots", paramLabel = "N", description = "Units of work run at once (default: one per two"
      + " cores, at least one).")
  Integer slots;

  @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label for 'eval/train --cluster ... --select"
      + " KEY=VALUE' to pick this worker by (a site, a rack, a machine type); repeat for more.")
  List<String> labels = new java.util.ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    // The worker owns its JVM until it is stopped (as the studio does): Hazelcast logs through SLF4J (warnings of
    // its own at error level, simplelogger.properties) from its very first line, which only a system property sets.
    System.setProperty("hazelcast.logging.type", "slf4j");
    Worker w;
    try {
      Optional<HostPort> j = join == null ? Optional.empty() : Optional.of(HostPort.parse(join, "--join"));
      int n = slots != null ? slots : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
      w = Worker.start(new Worker.Options(host, port, j, n, MemberFilter.labels(labels)));
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    out.println(WorkerMain.ready(w));
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(w::close, "wayfinder-worker-stop"));
    while (w.running()) {
      Thread.sleep(500);
    }
    return Main.OK;
  }
}
