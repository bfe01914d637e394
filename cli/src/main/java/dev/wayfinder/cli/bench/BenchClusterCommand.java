package dev.wayfinder.cli.bench;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.cli.WriterStream;
import dev.wayfinder.cluster.bench.ClusterBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wayfinder bench cluster}: the cluster's rates with 1..N worker JVMs beside the in-process executor. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = {"Evaluation episodes/s and DAgger collection env steps/s: the in-process executor, then the cluster",
        "with 1, 2, ... worker JVMs started on this machine (loopback), on the same jobs in one run; scaling",
        "efficiency, overhead per episode and the bytes a unit of work costs on the wire.",
        "Worker JVMs on one machine share its cores: scaling past the core count is not expected here."})
public final class BenchClusterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--workers", defaultValue = "3", paramLabel = "N",
      description = "Measure 1..N worker JVMs (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--episodes", defaultValue = "6", paramLabel = "N",
      description = "Evaluation episodes per executor (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--steps", defaultValue = "1200", paramLabel = "N",
      description = "Collection env steps per executor (default ${DEFAULT-VALUE}).")
  long steps;

  @Override
  public Integer call() throws IOException, InterruptedException {
    ClusterBench bench;
    try {
      bench = new ClusterBench(workers, episodes, steps, WriterStream.of(spec.commandLine().getErr()));
    } catch (IllegalArgumentException e) {
      throw new UserException("bench cluster: " + e.getMessage(), e);
    }
    ClusterBench.Result r = bench.run();
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Json.print(out, r);
    } else {
      out.print(ClusterBench.table(r));
    }
    out.flush();
    return 0;
  }
}
