package dev.wayfinder.cli.bench;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.WriterStream;
import dev.wayfinder.render.bench.RenderBench;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code wayfinder bench render}: camera frames/s at 64x64, 128x128 and 640x480, separate views vs atlas. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = {"Camera frames/s on the cluttered room, one thread (render + read-back): 64x64, 128x128,",
        "640x480, separate views vs atlas tiles, and control steps/s with the camera on.",
        "Set LP_NUM_THREADS=0 for steadier numbers on llvmpipe."})
public final class BenchRenderCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--warmup", defaultValue = "2", paramLabel = "S",
      description = "Warm-up seconds per case (default ${DEFAULT-VALUE}); the GL call path is slow until compiled.")
  double warmup;

  @Option(names = "--seconds", defaultValue = "3", paramLabel = "S",
      description = "Measuring seconds per case (default ${DEFAULT-VALUE}).")
  double seconds;

  /** The JSON shape. */
  public record Bench(int cores, List<RenderBench.Row> rows) {}

  @Override
  public void run() {
    if (!(warmup >= 0 && warmup <= 600) || !(seconds > 0 && seconds <= 600)) {
      throw new ParameterException(spec.commandLine(),
          "--warmup must be in [0, 600] and --seconds in (0, 600], got " + warmup + " and " + seconds);
    }
    PrintWriter out = spec.commandLine().getOut();
    List<RenderBench.Row> rows = new RenderBench(warmup, seconds,
        json.enabled() ? null : WriterStream.of(spec.commandLine().getErr())).run();
    if (json.enabled()) {
      Json.print(out, new Bench(Runtime.getRuntime().availableProcessors(), rows));
    } else {
      out.print(RenderBench.table(rows));
      out.flush();
    }
  }
}
