package dev.wayfinder.cli;

import dev.wayfinder.scenarios.draw.MapDrawer;
import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.planning.Path;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wayfinder demo}: the main job. Today it validates every bundled scenario and draws its map with the
 * planned path; as simulation and training land it grows into train + evaluate.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Validate every bundled scenario and draw its top-down map with the planned path",
        "into the output folder."})
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = {"-o", "--output"}, defaultValue = "wayfinder-demo", paramLabel = "DIR",
      description = "Output folder (default ${DEFAULT-VALUE}).")
  java.nio.file.Path output;

  /** One scenario's outcome (the JSON shape). */
  public record ScenarioResult(String name, boolean valid, String map, double shortestPath, String problem) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Outputs.directory(output);
    List<ScenarioResult> results = new ArrayList<>();
    for (String name : ScenarioLibrary.NAMES) {
      try {
        Scenario s = ScenarioLibrary.load(name);
        java.nio.file.Path png = output.resolve(name + ".png");
        Outputs.writePng(MapDrawer.draw(s, MapDrawer.Options.DEFAULT), png);
        double shortest = MapDrawer.plannedPaths(s).stream().mapToDouble(Path::length).min().orElse(Double.NaN);
        results.add(new ScenarioResult(name, true, png.toString(), shortest, ""));
        if (!json.enabled()) {
          out.printf("ok       %-18s path %5.2f m   %s%n", name, shortest, png);
          out.flush();
        }
      } catch (ScenarioException e) {
        results.add(new ScenarioResult(name, false, "", Double.NaN, e.getMessage()));
        if (!json.enabled()) {
          out.printf("INVALID  %-18s %s%n", name, e.getMessage());
        }
      }
    }
    long bad = results.stream().filter(r -> !r.valid()).count();
    if (json.enabled()) {
      Json.print(out, results);
    } else {
      out.printf("%d scenarios valid, %d invalid; maps in %s%n", results.size() - bad, bad, output);
      out.flush();
    }
    return bad == 0 ? Main.OK : Main.USER_ERROR;
  }
}
