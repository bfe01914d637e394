package dev.wayfinder.cli.bench;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Shipped;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.policy.eval.TrainedModel;
import dev.wayfinder.policy.net.LearnerBench;
import dev.wayfinder.policy.net.TorchUnavailableException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wayfinder bench training}: gradient steps/s of the DJL learner against the core learner. */
@Command(name = "training", mixinStandardHelpOptions = true,
    description = {"Gradient steps/s of the two learners on the trained model's network shape, in one run:",
        "DJL (PyTorch) and inference-core's own kernels take turns on the same random batches from the same",
        "weights, with training's loss (soft targets, the auxiliary depth-profile loss) and Adam; each after a",
        "warm-up, then the median of the runs. Names the CPU; GFLOP/s counts the forward and backward",
        "multiply-adds."})
public final class BenchTrainingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--model", defaultValue = "cluttered-room-rgbd-map", paramLabel = "MODEL",
      description = "Whose network shape: a shipped model's name, a model folder or a weights file"
          + " (default ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--batch", split = ",", defaultValue = "64", paramLabel = "N",
      description = "Batch sizes, comma-separated (default ${DEFAULT-VALUE}, training's).")
  int[] batches;

  @Option(names = "--steps", defaultValue = "100", paramLabel = "N",
      description = "Gradient steps per run (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
      description = "Runs per learner and batch size; the table gives their median (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--aux-weight", defaultValue = "1", paramLabel = "W",
      description = "Weight of the auxiliary depth-profile loss, as the training config's aux_weight"
          + " (default ${DEFAULT-VALUE}).")
  float auxWeight;

  @Option(names = "--core-threads", split = ",", defaultValue = "1,2", paramLabel = "N",
      description = "Thread counts for the core learner, one row each (default ${DEFAULT-VALUE}); DJL runs with"
          + " -Dai.djl.pytorch.num_threads (1 unless set, as training).")
  int[] coreThreads;

  @Option(names = "--learner", split = ",", paramLabel = "NAME",
      description = "Only these learners, comma-separated: djl, core (default: both).")
  List<String> learners;

  @Override
  public Integer call() {
    List<String> which = learners == null ? LearnerBench.LEARNERS : learners;
    for (String l : which) {
      if (!LearnerBench.LEARNERS.contains(l)) {
        throw new UserException("--learner " + l + ": no such learner; expected one of "
            + String.join(", ", LearnerBench.LEARNERS));
      }
    }
    TrainedModel m = Shipped.model("--model", model);
    LearnerBench bench;
    try {
      bench = new LearnerBench(m.weights().spec(), auxWeight, batches, steps, runs, coreThreads,
          line -> spec.commandLine().getErr().println(line));
    } catch (IllegalArgumentException e) {
      throw new UserException("bench training: " + e.getMessage(), e);
    }
    LearnerBench.Result r;
    try {
      r = bench.run(which);
    } catch (TorchUnavailableException e) {
      throw new UserException("bench training: " + e.getMessage() + " (--learner core times the core learner"
          + " alone)", e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Json.print(out, r);
    } else {
      out.print(LearnerBench.table(r));
    }
    out.flush();
    return 0;
  }
}
