package dev.wayfinder.cli.sim;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Scenarios;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.bench.SimBench;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wayfinder bench sim}: control steps per second and time per
 * physics substep, camera off, single-threaded and as a VectorEnv on a worker pool.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = {"Quick simulator benchmark (camera off): control steps/s on one thread and as a VectorEnv,",
        "time per physics substep, lidar sweep and expert decision. JMH: benchmarks/ (SimStepBenchmark)."})
public final class SimBenchCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--scenario", defaultValue = "cluttered-room", paramLabel = "S",
      description = "Scenario file or bundled name (default ${DEFAULT-VALUE}); its nominal episode is simulated.")
  String scenario;

  @Option(names = "--seconds", defaultValue = "3", paramLabel = "T",
      description = "Measuring time per row, seconds (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--envs", defaultValue = "8", paramLabel = "N", description = "Envs in the VectorEnv row (default ${DEFAULT-VALUE}).")
  int envs;

  @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
      description = "Worker threads of the VectorEnv row (default ${DEFAULT-VALUE}).")
  int threads;

  /** The JSON shape. */
  public record Bench(String scenario, int cores, List<SimBench.Row> rows) {}

  @Override
  public void run() {
    if (!(seconds > 0 && seconds <= 600)) {
      throw new ParameterException(spec.commandLine(), "--seconds must be in (0, 600], got " + seconds);
    }
    if (envs < 1 || envs > 4096 || threads < 1 || threads > envs) {
      throw new ParameterException(spec.commandLine(),
          "need 1 <= --threads <= --envs <= 4096, got --envs " + envs + " --threads " + threads);
    }
    Scenario s = Scenarios.resolve(scenario);
    List<SimBench.Row> rows = SimBench.run(Episode.nominal(s), seconds, envs, threads);
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Json.print(out, new Bench(s.name(), Runtime.getRuntime().availableProcessors(), rows));
      return;
    }
    out.printf(Locale.ROOT, "%s, nominal episode, camera off, %d cores visible%n", s.name(),
        Runtime.getRuntime().availableProcessors());
    for (SimBench.Row r : rows) {
      out.printf(Locale.ROOT, "  %-58s %12.1f %s%n", r.name(), r.value(), r.unit());
    }
    out.flush();
  }
}
