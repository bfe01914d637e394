package dev.wayfinder.cli.scenario;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Outputs;
import dev.wayfinder.cli.Scenarios;
import dev.wayfinder.scenarios.draw.MapDrawer;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.planning.Path;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import java.util.Locale;

/** {@code wayfinder scenario draw FILE -o map.png}: a top-down picture with the planned paths. */
@Command(name = "draw", mixinStandardHelpOptions = true,
    description = {"Draw a scenario from above: walls, obstacles (static, pushable, moving with patrols),",
        "start regions with headings, goal regions with tolerance, and the planned path of each start/goal pair."})
public final class ScenarioDrawCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(index = "0", paramLabel = "FILE", description = "A scenario file, or the name of a bundled scenario.")
  String scenario;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "PNG", description = "Where to write the picture.")
  java.nio.file.Path output;

  @Option(names = "--size", defaultValue = "800", paramLabel = "PX",
      description = "Pixels along the arena's longer side (64..8192, default ${DEFAULT-VALUE}).")
  int size;

  /** What was drawn (the JSON shape). */
  public record Drawn(String scenario, String output, int paths, List<Double> pathLengths) {}

  @Override
  public void run() {
    if (size < 64 || size > 8192) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--size must be between 64 and 8192 pixels, got " + size);
    }
    Scenario s = Scenarios.resolve(scenario);
    Outputs.writePng(MapDrawer.draw(s, MapDrawer.Options.DEFAULT.withSize(size)), output);
    List<Double> lengths = MapDrawer.plannedPaths(s).stream().map(Path::length).toList();
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Json.print(out, new Drawn(s.name(), output.toString(), lengths.size(), lengths));
    } else {
      out.printf(Locale.ROOT, "wrote %s (%s: %d planned path%s%s)%n", output, s.name(), lengths.size(),
          lengths.size() == 1 ? "" : "s",
          lengths.isEmpty() ? "" : String.format(Locale.ROOT, ", shortest %.2f m", lengths.stream().mapToDouble(d -> d).min().orElse(0)));
      out.flush();
    }
  }
}
