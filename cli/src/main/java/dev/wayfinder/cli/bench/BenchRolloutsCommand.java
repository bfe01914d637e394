package dev.wayfinder.cli.bench;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Scenarios;
import dev.wayfinder.cli.Shipped;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.cli.WriterStream;
import dev.wayfinder.policy.eval.TrainedModel;
import dev.wayfinder.policy.rollout.RolloutBench;
import dev.wayfinder.scenarios.model.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wayfinder bench rollouts}: env steps/s of evaluation-style and collection-style rollouts. */
@Command(name = "rollouts", mixinStandardHelpOptions = true,
    description = {"Env steps/s of the rollouts training and evaluation run, with the camera and the trained",
        "model driving through the robot boundary: evaluation (the network alone, and through the safety shield",
        "on the depth camera) and DAgger collection (the expert, then the mixture at beta 0.5, labelling every",
        "state into an on-disk dataset). The same episodes in every run; one warm-up run each, then the median.",
        "Set LP_NUM_THREADS=0 for steadier numbers on llvmpipe."})
public final class BenchRolloutsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--scenario", defaultValue = "cluttered-room", paramLabel = "S",
      description = "Scenario file or bundled name (default ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--model", defaultValue = "cluttered-room-rgbd-map", paramLabel = "MODEL",
      description = "The trained model that drives: a shipped model's name, a model folder or a weights file"
          + " (default ${DEFAULT-VALUE}); its training config gives the robot's sensors.")
  String model;

  @Option(names = "--envs", defaultValue = "8", paramLabel = "N",
      description = "Envs stepped together (default ${DEFAULT-VALUE}, as training and evaluation).")
  int envs;

  @Option(names = "--steps", defaultValue = "3000", paramLabel = "N",
      description = "Env steps per run (default ${DEFAULT-VALUE}).")
  long steps;

  @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
      description = "Measured runs per kind; the table gives their median (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--only", split = ",", paramLabel = "KIND",
      description = "Only these kinds, comma-separated: eval, eval-shield, collect-expert, collect-mixed"
          + " (default: all).")
  java.util.List<String> only;

  @Override
  public Integer call() {
    if (only != null) {
      for (String k : only) {
        if (!RolloutBench.KINDS.contains(k)) {
          throw new UserException("--only " + k + ": no such kind of rollout; expected one of "
              + String.join(", ", RolloutBench.KINDS));
        }
      }
    }
    Scenario s = Scenarios.resolve(scenario);
    TrainedModel m = Shipped.model("--model", model);
    RolloutBench bench;
    try {
      bench = new RolloutBench(s, m.weights(), m.sensors(), envs, steps, runs,
          WriterStream.of(spec.commandLine().getErr()));
    } catch (IllegalArgumentException e) {
      throw new UserException("bench rollouts: " + e.getMessage(), e);
    }
    RolloutBench.Result r;
    try {
      r = bench.run(only == null ? RolloutBench.KINDS : only);
    } catch (IOException e) {
      throw new UserException("bench rollouts: cannot write the temporary dataset: " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Json.print(out, r);
    } else {
      out.print(RolloutBench.table(r));
    }
    out.flush();
    return 0;
  }
}
