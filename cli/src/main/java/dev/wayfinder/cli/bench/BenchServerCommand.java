package dev.wayfinder.cli.bench;

import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.cli.WriterStream;
import dev.wayfinder.inference.bench.ServerBench;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wayfinder bench server [--json]}: the inference server against one-at-a-time calls on the policy CNN, at 1,
 * 8 and 64 concurrent clients (inference-core's {@link ServerBench}).
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = {"Benchmark the inference server: N client threads call the policy CNN one call at a time,",
        "each on its own batch-1 context (direct) or through one server that batches them. Prints",
        "calls/s and the clients' latency p50/p99, medians of several runs, and the server's",
        "throughput as a multiple of direct calls' and its p99 as a multiple of a single call."})
public final class BenchServerCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--clients", split = ",", defaultValue = "1,8,64", paramLabel = "N[,M]",
      description = "Concurrent clients to measure (default ${DEFAULT-VALUE}).")
  int[] clients;

  @Option(names = "--runs", defaultValue = "5", paramLabel = "N",
      description = "Timed runs per client count and mode; the table shows medians (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--sizes", split = ",", defaultValue = "4,16,64", paramLabel = "N[,M]",
      description = "The server's compiled batch sizes (default ${DEFAULT-VALUE}).")
  int[] sizes;

  @Option(names = "--delay-us", defaultValue = "200", paramLabel = "US",
      description = "The server's maximum queue delay in microseconds (default ${DEFAULT-VALUE}).")
  long delayUs;

  @Option(names = "--workers", defaultValue = "1", paramLabel = "N",
      description = "The server's worker threads (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads per batch of the server's plans (default: the cores, at most 8).")
  Integer threads;

  @Option(names = "--quick", description = "Shorter warm-up and runs (noisier).")
  boolean quick;

  @Override
  public void run() {
    if (runs < 1 || runs > 100 || clients.length == 0 || IntStream.of(clients).anyMatch(c -> c < 1 || c > 1024)
        || sizes.length == 0 || IntStream.of(sizes).anyMatch(s -> s < 1 || s > 4096)
        || IntStream.of(sizes).distinct().count() != sizes.length
        || delayUs < 0 || delayUs > 1_000_000 || workers < 1 || workers > 64
        || (threads != null && (threads < 1 || threads > 256))) {
      throw new UserException("bench server: --runs must be 1..100, each --clients 1..1024, --sizes distinct values"
          + " in 1..4096, --delay-us 0..1000000, --workers 1..64, --threads 1..256; got --runs " + runs
          + ", --clients " + join(clients) + ", --sizes " + join(sizes) + ", --delay-us " + delayUs + ", --workers "
          + workers + (threads == null ? "" : ", --threads " + threads));
    }
    List<String> args = new ArrayList<>(List.of("--clients", join(clients), "--runs", Integer.toString(runs),
        "--sizes", join(sizes), "--delay-us", Long.toString(delayUs), "--workers", Integer.toString(workers)));
    if (threads != null) {
      args.add("--threads");
      args.add(Integer.toString(threads));
    }
    if (quick) {
      args.add("--quick");
    }
    if (json.enabled()) {
      args.add("--json");
    }
    PrintWriter err = spec.commandLine().getErr();
    String table;
    try {
      table = ServerBench.report(args.toArray(new String[0]), json.enabled() ? null : WriterStream.of(err));
    } catch (IllegalArgumentException bad) {
      throw new UserException("bench server: " + bad.getMessage(), bad);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("server benchmark failed: " + e, e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(table);
    out.flush();
  }

  private static String join(int[] v) {
    return IntStream.of(v).mapToObj(Integer::toString).collect(Collectors.joining(","));
  }
}
