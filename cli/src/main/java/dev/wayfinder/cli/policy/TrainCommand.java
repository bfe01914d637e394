package dev.wayfinder.cli.policy;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Main;
import dev.wayfinder.cli.Outputs;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.cli.WriterStream;
import dev.wayfinder.policy.train.DaggerTrainer;
import dev.wayfinder.policy.train.Metrics;
import dev.wayfinder.policy.train.Progress;
import dev.wayfinder.policy.train.TrainConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.wayfinder.policy.work.EpisodeExecutor;
import dev.wayfinder.policy.work.EpisodeExecutors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wayfinder train}: behaviour cloning then DAgger for the camera policy, resumable after a crash. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the camera navigation policy: behaviour cloning from the privileged expert, then"
        + " DAgger rounds under full domain randomization. Writes config.yaml, checkpoint.bin,"
        + " dataset/, metrics.csv, loss.png, success.png, policy.weights and best.weights into the run"
        + " folder.")
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = {"-o", "--output"}, defaultValue = "wayfinder-run", paramLabel = "DIR",
      description = "Run folder for a new run (default ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the run in DIR from its last checkpoint (its config.yaml rules).")
  Path resume;

  @Option(names = "--config", paramLabel = "FILE", description = "Training config YAML (keys as in config.yaml).")
  Path config;

  @Option(names = "--scenario", paramLabel = "NAME|FILE", description = "Train on this scenario (repeatable).")
  List<String> scenarios;

  @Option(names = "--iterations", paramLabel = "N",
      description = "DAgger iterations including behaviour cloning; with --resume, extends the run to N.")
  Integer iterations;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of weights, sampling and episodes.")
  Long seed;

  @Option(names = "--learner", paramLabel = "djl|core",
      description = "What computes the gradient steps (the config's learner): djl, PyTorch through DJL (the"
          + " default), or core, inference-core's own kernels on both cores, for feed-forward networks"
          + " (-Dwayfinder.learner.threads=N to choose its threads).")
  String learner;

  @Option(names = "--route-lookahead", paramLabel = "METRES",
      description = "What the network's bearing input points at: 0 for the goal itself (mapless, the goal vector"
          + " from odometry); above 0, the point this far ahead along a global path planned on the scenario's map"
          + " (network.route_lookahead in the config).")
  Double routeLookahead;

  @Option(names = "--memory-sectors", paramLabel = "N",
      description = "Obstacle memory: 0 for none; above 0, the nearest obstacle the camera showed over the last"
          + " seconds, carried along by odometry, in N sectors all round the robot (network.memory_sectors).")
  Integer memorySectors;

  @Option(names = "--recurrent-units", paramLabel = "N",
      description = "Memory in the network: 0 for none; above 0, a GRU cell of N units whose hidden state the robot"
          + " carries from step to step, trained with truncated backpropagation through time"
          + " (network.recurrent_units).")
  Integer recurrentUnits;

  @Option(names = "--planner-inputs",
      description = "Give the network the robot's own classical local planner's preference over the actions as input"
          + " (each action's arc scored against the route and the depth camera's obstacle points; needs the depth"
          + " camera; network.planner_inputs).")
  boolean plannerInputs;

  @Option(names = "--sequence-length", paramLabel = "K",
      description = "Steps a recurrent network is unrolled over in each training sequence (sequence_length,"
          + " default 8).")
  Integer sequenceLength;

  @Option(names = "--shield", description = "Drive the DAgger rounds and validation through the safety shield on the"
      + " camera's depth, as the policy is then meant to run (shield: true in the config; evaluate with"
      + " 'wayfinder eval --shield').")
  boolean shield;

  @Option(names = "--cluster", paramLabel = "HOST:PORT", description = "Collect the DAgger rounds (and run validation)"
      + " on the workers of the cluster one of whose members listens there ('wayfinder worker'): each round's policy"
      + " is broadcast to them, their samples come back to the dataset here, and the gradient steps and checkpoints"
      + " stay here; --resume continues with the cluster.")
  String cluster;

  @Option(names = "--select", paramLabel = "KEY=VALUE", description = "With --cluster, only workers whose attribute"
      + " KEY is VALUE (or, for cores and slots, KEY>=NUMBER) get work; repeat for more, all must hold. Keys: gpu"
      + " (nvidia, dri, none), egl (true, false), cores, slots, or a label given with 'wayfinder worker --label'.")
  List<String> select = new java.util.ArrayList<>();

  @Option(names = "--shard-episodes", defaultValue = "2", paramLabel = "N", description = "With --cluster, train-split"
      + " indices per unit of work (default ${DEFAULT-VALUE}).")
  int shardEpisodes;

  /** The JSON shape of the result. */
  public record Result(String dir, int iterations, List<Metrics> metrics, String weights, String best) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    // Progress goes where Main.run's writers go: stderr with --json (stdout is for the JSON), stdout otherwise.
    PrintStream progress = WriterStream.of(json.enabled() ? spec.commandLine().getErr() : out);
    Optional<EpisodeExecutor> executor = Optional.empty();
    if (cluster == null && !select.isEmpty()) {
      throw new UserException("--select picks workers of a cluster: give --cluster HOST:PORT too");
    }
    if (cluster != null) {
      if (shardEpisodes < 1) {
        throw new UserException("--shard-episodes " + shardEpisodes + ": expected >= 1");
      }
      try {
        executor = Optional.of(EpisodeExecutors.connect(null, cluster, shardEpisodes, select, progress));
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage(), e);
      }
    }
    try {
      DaggerTrainer.Result r;
      if (resume != null) {
        if (!Files.isDirectory(resume)) {
          throw new UserException("--resume " + resume + ": no such run folder");
        }
        r = DaggerTrainer.run(resume, TrainConfig.DEFAULT, true, iterations == null ? 0 : iterations, progress,
            !json.enabled() && Progress.stdoutIsTerminal(), executor, shardEpisodes);
      } else {
        TrainConfig cfg = config == null ? TrainConfig.DEFAULT
            : TrainConfig.fromYaml(Files.readString(config), config.toString());
        if (scenarios != null) {
          cfg = cfg.withScenarios(scenarios);
        }
        if (iterations != null) {
          cfg = cfg.withIterations(iterations);
        }
        if (seed != null) {
          cfg = cfg.withSeed(seed);
        }
        if (routeLookahead != null) {
          cfg = cfg.withNetwork(cfg.network().withRouteLookahead(routeLookahead));
        }
        if (memorySectors != null) {
          cfg = cfg.withNetwork(cfg.network().withMemorySectors(memorySectors));
        }
        if (recurrentUnits != null) {
          cfg = cfg.withNetwork(cfg.network().withRecurrentUnits(recurrentUnits));
        }
        if (plannerInputs) {
          cfg = cfg.withNetwork(cfg.network().withPlannerInputs(true));
        }
        if (sequenceLength != null) {
          cfg = cfg.withSequenceLength(sequenceLength);
        }
        if (shield) {
          cfg = cfg.withShield(true);
        }
        if (learner != null) {
          if (!TrainConfig.LEARNERS.contains(learner)) {
            throw new UserException("--learner " + learner + ": no such learner; expected one of "
                + String.join(", ", TrainConfig.LEARNERS));
          }
          cfg = cfg.withLearner(learner);
        }
        Outputs.directory(output);
        r = DaggerTrainer.run(output, cfg, false, 0, progress, !json.enabled() && Progress.stdoutIsTerminal(),
            executor, shardEpisodes);
      }
      Path dir = r.dir();
      Result res = new Result(dir.toString(), r.metrics().size(), r.metrics(),
          dir.resolve(DaggerTrainer.WEIGHTS).toString(), dir.resolve(DaggerTrainer.BEST).toString());
      if (json.enabled()) {
        Json.print(out, res);
      } else {
        Metrics last = r.metrics().isEmpty() ? null : r.metrics().get(r.metrics().size() - 1);
        if (last != null) {
          out.printf(Locale.ROOT, "trained %d iterations in %s: validation success %.2f, SPL %.2f, collisions %.2f%n",
              r.metrics().size(), Progress.formatSeconds(last.elapsed()), last.valSuccess(), last.valSpl(),
              last.valCollision());
        }
        out.printf(Locale.ROOT, "run folder %s (metrics.csv, loss.png, success.png, best.weights)%n", dir);
      }
      out.flush();
      return Main.OK;
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UserException("training I/O failed: " + e.getMessage(), e);
    } finally {
      executor.ifPresent(EpisodeExecutor::close);
    }
  }
}
