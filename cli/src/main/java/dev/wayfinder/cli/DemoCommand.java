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
import java.util.Locale;

/**
 * {@code wayfinder demo}: the main job, end to end. Stage 1 validates every bundled scenario and draws its map
 * with the planned path ({@code --maps-only} stops there); stage 2 trains a camera policy on the cluttered room
 * (behaviour cloning, then DAgger, resumable: a rerun continues an interrupted demo); stage 3 evaluates it on
 * held-out seeds, alone and through the safety shield on the camera's depth, beside the expert and a random policy,
 * writes the report and exports the policy.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Validate and draw every bundled scenario, train a camera policy on the cluttered room,"
        + " evaluate it (alone and through its safety shield) beside the expert and a random policy, export it,"
        + " and print the table and"
        + " report path. An interrupted demo continues where it stopped when run again with the same"
        + " output folder.")
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = {"-o", "--output"}, defaultValue = "wayfinder-demo", paramLabel = "DIR",
      description = "Output folder (default ${DEFAULT-VALUE}).")
  java.nio.file.Path output;

  @Option(names = "--maps-only", description = "Only validate and draw the bundled scenarios.")
  boolean mapsOnly;

  @Option(names = "--iterations", paramLabel = "N",
      description = "DAgger iterations (default: the demo's budget of about a quarter of an hour on two cores).")
  Integer iterations;

  @Option(names = "--long", description = "A longer, better run: twice the iterations and more data per iteration.")
  boolean longer;

  @Option(names = "--episodes", defaultValue = "30", paramLabel = "N",
      description = "Evaluation episodes per variant and driver (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--all-scenarios", description = "Evaluate on every bundled scenario, not only the cluttered room.")
  boolean allScenarios;

  /** The demo's JSON shape. */
  public record DemoResult(List<ScenarioResult> scenarios, String run,
                           dev.wayfinder.cli.policy.EvalCommand.Result evaluation) {}

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
          out.printf(Locale.ROOT, "ok       %-18s path %5.2f m   %s%n", name, shortest, png);
          out.flush();
        }
      } catch (ScenarioException e) {
        results.add(new ScenarioResult(name, false, "", Double.NaN, e.getMessage()));
        if (!json.enabled()) {
          out.printf(Locale.ROOT, "INVALID  %-18s %s%n", name, e.getMessage());
        }
      }
    }
    long bad = results.stream().filter(r -> !r.valid()).count();
    if (!json.enabled()) {
      out.printf(Locale.ROOT, "%d scenarios valid, %d invalid; maps in %s%n", results.size() - bad, bad, output);
      out.flush();
    }
    if (mapsOnly || bad > 0) {
      if (json.enabled()) {
        Json.print(out, results);
      }
      return bad == 0 ? Main.OK : Main.USER_ERROR;
    }
    return trainAndEvaluate(out, results);
  }

  private int trainAndEvaluate(PrintWriter out, List<ScenarioResult> maps) {
    java.io.PrintStream log = WriterStream.of(json.enabled() ? spec.commandLine().getErr() : out);
    java.nio.file.Path run = output.resolve("run");
    dev.wayfinder.policy.train.TrainConfig cfg = dev.wayfinder.policy.train.TrainConfig.DEFAULT;
    if (longer) {
      cfg = cfg.withIterations(cfg.iterations() * 2)
          .withBudget(cfg.firstCollectSteps() * 2, cfg.collectSteps() * 2, cfg.gradientSteps() * 2);
    }
    if (iterations != null) {
      cfg = cfg.withIterations(iterations);
    }
    try {
      boolean resume = java.nio.file.Files.exists(run.resolve(dev.wayfinder.policy.train.DaggerTrainer.CONFIG));
      log.println(resume ? "continuing the training in " + run : "training a camera policy in " + run);
      boolean tty = !json.enabled() && dev.wayfinder.policy.train.Progress.stdoutIsTerminal();
      dev.wayfinder.policy.train.DaggerTrainer.run(run, cfg, resume, log, tty);
      java.nio.file.Path best = run.resolve(dev.wayfinder.policy.train.DaggerTrainer.BEST);
      if (!java.nio.file.Files.exists(best)) {
        best = run.resolve(dev.wayfinder.policy.train.DaggerTrainer.WEIGHTS);
      }
      var weights = dev.wayfinder.robot.net.PolicyWeights.fromBytes(java.nio.file.Files.readAllBytes(best),
          best.toString());
      log.println("evaluating on held-out seeds (" + episodes + " episodes per variant and driver)");
      var eval = dev.wayfinder.cli.policy.EvalCommand.evaluate(weights,
          new dev.wayfinder.policy.eval.Evaluator.Options(allScenarios ? ScenarioLibrary.NAMES
              : List.of("cluttered-room"), episodes, 1.5, 8, 1, true,
              java.util.Optional.of(dev.wayfinder.robot.net.SafetyShield.Settings.DEFAULT),
              dev.wayfinder.randomization.Split.TEST, cfg.sensors(), false),
          output.resolve("eval"), java.util.Optional.of(run), log);
      if (json.enabled()) {
        Json.print(out, new DemoResult(maps, run.toString(), eval));
      } else {
        dev.wayfinder.cli.policy.EvalCommand.print(out, eval);
      }
      out.flush();
      return Main.OK;
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new UserException("demo failed: " + e.getMessage(), e);
    }
  }
}
