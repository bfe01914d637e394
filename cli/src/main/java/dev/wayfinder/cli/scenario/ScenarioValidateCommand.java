package dev.wayfinder.cli.scenario;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Main;
import dev.wayfinder.scenarios.io.Problem;
import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.model.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wayfinder scenario validate FILE...}: loads each file and prints every problem; exit 1 if any. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Load and check scenario files: syntax, types, ranges, unknown keys, geometry and",
        "solvability (a collision-free path from every start to every goal). Exit 0 if all are valid, 1 otherwise."})
public final class ScenarioValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario YAML files.")
  List<Path> files;

  /** The outcome for one file (also the JSON shape). */
  public record FileResult(String file, boolean valid, String name, List<Problem> problems) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<FileResult> results = new ArrayList<>();
    for (Path f : files) {
      try {
        Scenario s = ScenarioLoader.load(f);
        results.add(new FileResult(f.toString(), true, s.name(), List.of()));
      } catch (ScenarioException e) {
        results.add(new FileResult(f.toString(), false, "", e.getProblems()));
      }
    }
    long bad = results.stream().filter(r -> !r.valid()).count();
    if (json.enabled()) {
      Json.print(out, results);
    } else {
      for (FileResult r : results) {
        if (r.valid()) {
          out.println("ok       " + r.file() + " (" + r.name() + ")");
        } else {
          out.println("INVALID  " + r.file() + ": " + r.problems().size() + " problem"
              + (r.problems().size() == 1 ? "" : "s"));
          r.problems().forEach(p -> out.println("  " + p));
        }
      }
      out.println(results.size() - bad + " valid, " + bad + " invalid");
      out.flush();
    }
    return bad == 0 ? Main.OK : Main.USER_ERROR;
  }
}
