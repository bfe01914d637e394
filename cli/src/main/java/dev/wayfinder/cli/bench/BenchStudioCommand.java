package dev.wayfinder.cli.bench;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Shipped;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.studio.StudioException;
import dev.wayfinder.studio.StudioLauncher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wayfinder bench studio}: the studio's responsiveness while the simulation plays (viewport pictures per second
 * at 800x600 and 1280x720, the FX thread's latency), headless. Starts JavaFX, so it is the last thing this JVM does.
 */
@Command(name = "studio", mixinStandardHelpOptions = true,
    description = {"The studio's responsiveness: how long a task posted to the FX thread waits (p50, p99, max; a probe"
        + " every 5 ms) while the simulation tab plays (the expert driving the cluttered room at --speed; with the 3D"
        + " viewport's pictures shown and rendered per second at 800x600 and 1280x720 and the simulated steps per"
        + " second), while the Training tab follows a real `wayfinder train` child, and while the Evaluation tab"
        + " follows a child recording episodes of the shipped model (--phases picks).",
        "In a real window where there is a display (DISPLAY set; under xvfb-run too), on JavaFX's headless Monocle"
        + " platform where there is none or with --headless; the table names the platform and renderer measured."})
public final class BenchStudioCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--warmup", defaultValue = "2", paramLabel = "S",
      description = "Warm-up seconds per size (default ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--speed", defaultValue = "4", paramLabel = "X",
      description = "Simulated seconds per second, or max (default ${DEFAULT-VALUE}; the cluttered room steps at 10 Hz).")
  String speed;

  @Option(names = "--seconds", defaultValue = "5", paramLabel = "S",
      description = "Measuring seconds per size (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--headless",
      description = "Measure on JavaFX's headless Monocle platform (software rendering) even where there is a display.")
  boolean headless;

  @Option(names = "--phases", defaultValue = "play,training,evaluation", split = ",", paramLabel = "P",
      description = "What to measure, comma-separated: play, training, evaluation (default ${DEFAULT-VALUE}).")
  List<String> phases;

  @Option(names = "--model", paramLabel = "MODEL",
      description = "The trained model the evaluation phase records: a shipped model's name, a model folder or a"
          + " weights file (default: the shipped model; the expert without one).")
  String model;

  /** The JSON shape. */
  public record Bench(int cores, List<StudioLauncher.BenchRow> rows) {}

  @Override
  public void run() {
    if (!(warmup >= 0 && warmup <= 600) || !(seconds > 0 && seconds <= 600)) {
      throw new ParameterException(spec.commandLine(),
          "--warmup must be in [0, 600] and --seconds in (0, 600], got " + warmup + " and " + seconds);
    }
    double factor;
    try {
      factor = speed.equals("max") ? Double.POSITIVE_INFINITY : Double.parseDouble(speed);
    } catch (NumberFormatException e) {
      factor = Double.NaN;
    }
    if (!(factor > 0)) {
      throw new ParameterException(spec.commandLine(), "--speed must be a number > 0 or max, got '" + speed + "'");
    }
    for (String p : phases) {
      if (!StudioLauncher.BENCH_PHASES.contains(p)) {
        throw new ParameterException(spec.commandLine(), "--phases: unknown phase '" + p + "'; expected a"
            + " comma-separated list of " + String.join(", ", StudioLauncher.BENCH_PHASES));
      }
    }
    Optional<Path> shippedModel = Shipped.modelFolder("--model", model);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<StudioLauncher.BenchRow> rows;
    try {
      rows = StudioLauncher.benchmark(phases, List.of(new int[] {800, 600}, new int[] {1280, 720}), factor, warmup,
          seconds, shippedModel, headless, json.enabled() ? new PrintWriter(java.io.Writer.nullWriter()) : err);
    } catch (StudioException e) {
      throw new UserException(e.getMessage(), e);
    }
    if (json.enabled()) {
      Json.print(out, new Bench(Runtime.getRuntime().availableProcessors(), rows));
    } else {
      out.print(StudioLauncher.benchmarkTable(rows));
      out.flush();
    }
  }
}
