package dev.wayfinder.cli.policy;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Main;
import dev.wayfinder.cli.Outputs;
import dev.wayfinder.cli.Shipped;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.cli.WriterStream;
import dev.wayfinder.policy.eval.EvalRow;
import dev.wayfinder.policy.eval.Evaluator;
import dev.wayfinder.policy.eval.Report;
import dev.wayfinder.policy.eval.Summary;
import dev.wayfinder.policy.eval.TrainedModel;
import dev.wayfinder.policy.export.PolicyExport;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.wayfinder.policy.rollout.SimRobot;
import dev.wayfinder.policy.train.TrainConfig;
import dev.wayfinder.policy.work.EpisodeExecutor;
import dev.wayfinder.policy.work.EpisodeExecutors;
import dev.wayfinder.policy.work.InProcessExecutor;
import dev.wayfinder.randomization.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wayfinder eval}: the policy beside the expert and a random baseline on held-out seeds. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a trained camera policy on held-out validation or test seeds through the robot boundary"
        + " (what a real robot has: camera, optional depth camera, odometry, IMU, goal, optional static map), per scenario and on its"
        + " out-of-distribution variant, beside the privileged expert and a random policy; writes"
        + " report.md with the table, training curves and GIFs, and exports the policy (inference-core"
        + " and ONNX).")
public final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--run", paramLabel = "DIR", description = "A training run folder (uses its best.weights);"
      + " repeat it for several runs (training seeds): each is evaluated on the same episodes, and summary.md gives"
      + " the mean and spread across them.")
  List<Path> runs;

  @Option(names = "--weights", paramLabel = "FILE|MODEL", description = "A weights file instead of a run folder (a"
      + " config.yaml beside it sets the robot's sensors, as for models/cluttered-room-rgbd-map/policy.weights), or"
      + " the name of a shipped model (cluttered-room-rgbd-map), found in the source tree's or the installed"
      + " package's models folder.")
  String weights;

  @Option(names = "--scenario", paramLabel = "NAME|FILE",
      description = "Evaluate on this scenario (repeatable; default every bundled scenario).")
  List<String> scenarios;

  @Option(names = "--episodes", defaultValue = "20", paramLabel = "N",
      description = "Episodes per scenario, variant and driver (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--ood-factor", defaultValue = "1.5", paramLabel = "F",
      description = "Widening of the randomization ranges for the OOD variant; 1 skips it (default ${DEFAULT-VALUE}).")
  double oodFactor;

  @Option(names = "--envs", defaultValue = "8", paramLabel = "N", description = "Envs stepped together.")
  int envs;

  @Option(names = "--served-batch", defaultValue = "0", paramLabel = "N",
      description = {"Run the policy through the batching inference server, batches of at most N (rounded up to",
          "a multiple of 4), envs stepped as their replies come (asynchronous); the same episodes and results",
          "as without it when --envs is a multiple of 4. 0 (default): one batch of all envs per step."})
  int servedBatch;

  @Option(names = "--no-gifs", description = "Skip the GIFs.")
  boolean noGifs;

  @Option(names = "--shield", arity = "0..1", fallbackValue = "camera", paramLabel = "camera|predicted",
      description = "Drive the policy through a safety shield: its first choice, or when that is refused another of its"
          + " actions, whose next --shield-horizon seconds keep --shield-margin clear of the obstacles seen over the"
          + " last 4 s,"
          + " from the camera's depth image (camera, the default: an RGB-D camera) or from the network's own"
          + " predicted depth (predicted: a network trained with network.memory_sectors).")
  String shield;

  @Option(names = "--shield-margin", defaultValue = "0.01", paramLabel = "METRES",
      description = "Clearance the shield keeps beyond the robot's radius (default ${DEFAULT-VALUE}).")
  double shieldMargin;

  @Option(names = "--shield-horizon", defaultValue = "0.8", paramLabel = "SECONDS",
      description = "How far ahead the shield checks each action (default ${DEFAULT-VALUE}).")
  double shieldHorizon;

  @Option(names = "--shield-temperature", defaultValue = "1", paramLabel = "T",
      description = "The shield tries the policy's actions in an order sampled from its softmax at this temperature"
          + " (seeded); 0 for the order of its logits (default ${DEFAULT-VALUE}).")
  double shieldTemperature;

  @Option(names = "--shield-sampling", paramLabel = "always|stuck|refused|planner",
      description = "Which actions the shield tries in the sampled order: always (every action), stuck (the"
          + " replacements for a refused first choice, and every action after 3 s with under 0.15 m of progress)"
          + " or refused (only the replacements); the first choice is otherwise the highest logit."
          + " planner: a recovery behaviour, as refused, but after 3 s with under 0.15 m of progress the classical"
          + " local planner's first clear choice replaces the network's until the robot is 0.3 m on, and after 8 s"
          + " in which its route to the goal shrank by under 0.3 m until the route has shrunk by 0.5 m (needs"
          + " --shield camera). Default: planner on the camera's depth, stuck on predicted depth.")
  String shieldSampling;

  @Option(names = "--shield-movers", negatable = true,
      description = "The shield on the depth camera also tracks moving obstacles (walkers, carts) over the camera's"
          + " frames and keeps each arc clear of where they are going as well as of what it has seen (default: off,"
          + " a shield that takes the world to be still).")
  Boolean shieldMovers;

  @Option(names = "--split", defaultValue = "test", paramLabel = "validation|test",
      description = "Episodes of the validation split (to choose settings and checkpoints) or of the test split (only"
          + " to report, once per configuration; default ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--map", paramLabel = "nominal|oracle|none",
      description = "The static map a route-following policy plans on: nominal (the scenario file's layout, as a robot"
          + " mapped it), oracle (the episode's true layout: an upper bound a robot cannot have) or none; default: the"
          + " run's training config, else nominal.")
  String map;

  @Option(names = "--obstacle-layer", description = "A route-following robot also maps what its depth camera shows"
      + " and plans round it (like a costmap's obstacle layer); with --map none it plans on that alone (default: the"
      + " run's training config).")
  boolean obstacleLayer;

  @Option(names = "--no-obstacle-layer", description = "Plan the route on the static map alone, even where the run"
      + " was trained with the obstacle layer.")
  boolean noObstacleLayer;

  @Option(names = "--style", description = "Add a variant in a visual style outside the training palette (unseen"
      + " textures, saturations above the trained range) on fresh seeds.")
  boolean style;

  @Option(names = "--planner", description = "Add the classical baseline's row (planner+shield): the same route,"
      + " obstacle memory and shield as the policy's, with a local planner scoring each action's arc against what the"
      + " depth camera has shown instead of the network. Needs --shield camera.")
  boolean planner;

  @Option(names = "--no-depth", description = "The robot has no depth camera (RGB only); the shield then needs"
      + " --shield predicted.")
  boolean noDepth;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR",
      description = "Report folder (default RUN/eval, or wayfinder-eval).")
  Path output;

  @Option(names = "--cluster", paramLabel = "HOST:PORT", description = "Run the episodes on the workers of the cluster"
      + " one of whose members listens there ('wayfinder worker'); the table is the same as in this process, bit for"
      + " bit. The GIFs' episodes (each row's first success and failure) are run again here to film them.")
  String cluster;

  @Option(names = "--select", paramLabel = "KEY=VALUE", description = "With --cluster, only workers whose attribute"
      + " KEY is VALUE (or, for cores and slots, KEY>=NUMBER) get work; repeat for more, all must hold. Keys: gpu"
      + " (nvidia, dri, none), egl (true, false), cores, slots, or a label given with 'wayfinder worker --label'.")
  List<String> select = new java.util.ArrayList<>();

  @Option(names = "--shard-episodes", defaultValue = "2", paramLabel = "N", description = "With --cluster, split"
      + " indices per unit of work handed to a worker (and run again if it is lost; default ${DEFAULT-VALUE}).")
  int shardEpisodes;

  /** The JSON shape. */
  public record Result(List<EvalRow> rows, String report, List<String> gifs, String modelFile, String onnxFile,
                       double exportMaxAbsDiff) {}

  /** The JSON shape of an evaluation over several runs. */
  public record MultiResult(List<Result> runs, List<Summary.Line> summary, String summaryFile) {}

  private EpisodeExecutor executor = new InProcessExecutor();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if ((runs == null || runs.isEmpty()) == (weights == null)) {
      throw new UserException("give --run DIR (one or more) or --weights FILE");
    }
    if (servedBatch < 0 || servedBatch > 4096) {
      throw new UserException("--served-batch " + servedBatch + ": expected 0 (synchronous) to 4096");
    }
    if (servedBatch > 0 && cluster != null) {
      throw new UserException("--served-batch and --cluster: choose one (the workers batch their own envs)");
    }
    if (servedBatch > 0) {
      executor = new InProcessExecutor(servedBatch);
    }
    if (cluster == null && !select.isEmpty()) {
      throw new UserException("--select picks workers of a cluster: give --cluster HOST:PORT too");
    }
    if (cluster != null) {
      if (shardEpisodes < 1) {
        throw new UserException("--shard-episodes " + shardEpisodes + ": expected >= 1");
      }
      PrintStream log = WriterStream.of(json.enabled() ? spec.commandLine().getErr() : out);
      try {
        executor = EpisodeExecutors.connect(null, cluster, shardEpisodes, select, log);
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage(), e);
      }
    }
    try (EpisodeExecutor closing = executor) {
      if (weights != null) {
        Path file = Shipped.weights(weights, Shipped.fromSystemProperty());
        Result r = evaluateOne(null, load(file), output != null ? output : Path.of("wayfinder-eval"));
        if (json.enabled()) {
          Json.print(out, r);
        } else {
          print(out, r);
        }
      } else if (runs.size() == 1) {
        Path run = runs.get(0);
        Result r = evaluateOne(run, load(run), output != null ? output : run.resolve("eval"));
        if (json.enabled()) {
          Json.print(out, r);
        } else {
          print(out, r);
        }
      } else {
        if (output == null) {
          throw new UserException("evaluating several runs needs -o DIR for the summary (each run's report goes to"
              + " DIR/<run folder name>)");
        }
        Outputs.directory(output);
        List<Result> results = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path run : runs) {
          String name = run.toAbsolutePath().normalize().getFileName().toString();
          if (names.contains(name)) {
            throw new UserException("--run " + run + ": two runs share the folder name " + name);
          }
          names.add(name);
          results.add(evaluateOne(run, load(run), output.resolve(name)));
        }
        List<Summary.Line> lines = Summary.of(results.stream().map(Result::rows).toList());
        Path md = Summary.write(output, lines, names, Report.received(sensorsFor(load(runs.get(0)))));
        MultiResult m = new MultiResult(results, lines, md.toString());
        if (json.enabled()) {
          Json.print(out, m);
        } else {
          out.println();
          out.printf(Locale.ROOT, "%-26s %-16s %-18s %4s %5s %17s %17s %17s%n", "scenario", "variant", "driver",
              "runs", "eps", "success", "SPL", "collision");
          for (Summary.Line l : lines) {
            out.printf(Locale.ROOT, "%-26s %-16s %-18s %4d %5d %17s %17s %17s%n", l.scenario(), l.variant(),
                l.driver(), l.runs(), l.episodes(), Summary.pm(l.success(), l.successStd()),
                Summary.pm(l.spl(), l.splStd()), Summary.pm(l.collision(), l.collisionStd()));
          }
          out.printf(Locale.ROOT, "summary: %s%n", md);
        }
      }
      out.flush();
      return Main.OK;
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UserException("evaluation failed: " + e.getMessage(), e);
    }
  }

  /** A run folder (its best weights) or a weights file, with the training config beside it. */
  private static TrainedModel load(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new UserException("no weights at " + path + "; train first ('wayfinder train')");
    }
    return TrainedModel.load(path);
  }

  /** The robot's sensors: the model's training config, if any, then the flags. */
  private SimRobot.Sensors sensorsFor(TrainedModel m) {
    SimRobot.MapSource mapSource = m.config().map(TrainConfig::map).orElse(SimRobot.MapSource.NOMINAL);
    boolean depthCamera = m.config().map(TrainConfig::depthCamera).orElse(true) && !noDepth;
    boolean layer = (m.config().map(TrainConfig::obstacleLayer).orElse(false) || obstacleLayer) && !noObstacleLayer;
    if (map != null) {
      mapSource = SimRobot.MapSource.byKey(map).orElseThrow(
          () -> new UserException("--map " + map + ": expected nominal, oracle or none"));
    }
    return new SimRobot.Sensors(depthCamera, mapSource, layer && depthCamera);
  }

  private Result evaluateOne(Path run, TrainedModel model, Path dir) throws IOException {
    PolicyWeights w = model.weights();
    Path file = model.weightsFile();
    Optional<SafetyShield.Settings> shieldSettings = Optional.empty();
    if (shield == null && shieldMovers != null) {
      throw new UserException("--" + (shieldMovers ? "" : "no-") + "shield-movers sets the safety shield; add"
          + " --shield");
    }
    if (shield != null) {
      SafetyShield.DepthSource source = switch (shield) {
        case "camera" -> SafetyShield.DepthSource.CAMERA;
        case "predicted" -> SafetyShield.DepthSource.PREDICTED;
        default -> throw new UserException("--shield " + shield + ": expected camera or predicted");
      };
      if (Boolean.TRUE.equals(shieldMovers) && source != SafetyShield.DepthSource.CAMERA) {
        throw new UserException("--shield-movers tracks moving obstacles in the depth camera's frames; use --shield"
            + " camera");
      }
      if (source == SafetyShield.DepthSource.PREDICTED && w.spec().memorySectors() == 0) {
        throw new UserException("--shield predicted needs a policy trained with obstacle memory"
            + " (network.memory_sectors above 0); " + file + " has none");
      }
      String samplingKey = shieldSampling != null ? shieldSampling
          : source == SafetyShield.DepthSource.CAMERA ? "planner" : "stuck";
      SafetyShield.Sampling sampling = switch (samplingKey) {
        case "always" -> SafetyShield.Sampling.ALWAYS;
        case "stuck" -> SafetyShield.Sampling.STUCK;
        case "refused" -> SafetyShield.Sampling.REFUSED;
        case "planner" -> SafetyShield.Sampling.PLANNER;
        default -> throw new UserException("--shield-sampling " + shieldSampling
            + ": expected always, stuck, refused or planner");
      };
      if (sampling == SafetyShield.Sampling.PLANNER && source != SafetyShield.DepthSource.CAMERA) {
        throw new UserException("--shield-sampling planner scores arcs against the depth camera's points; use"
            + " --shield camera");
      }
      boolean movers = shieldMovers != null ? shieldMovers
          : source == SafetyShield.DepthSource.CAMERA && SafetyShield.Settings.DEFAULT.movers();
      shieldSettings = Optional.of(new SafetyShield.Settings(source, shieldMargin, shieldHorizon,
          shieldTemperature, sampling, movers));
    }
    Split evalSplit = Split.byKey(split).filter(x -> x != Split.TRAIN).orElseThrow(
        () -> new UserException("--split " + split + ": expected validation or test"));
    // A weights file with a config.yaml beside it (a shipped model) is evaluated with that config's sensors.
    SimRobot.Sensors sensors = sensorsFor(model);
    if (w.spec().followsRoute() && sensors.map() == SimRobot.MapSource.NONE
        && !(sensors.obstacleLayer() && sensors.depthCamera())) {
      throw new UserException("--map none: this policy follows a route (look-ahead " + w.spec().routeLookahead()
          + " m) and needs a static map, or a depth camera and --obstacle-layer to map with; use --map nominal");
    }
    if (w.spec().plannerInputs() && !sensors.depthCamera()) {
      throw new UserException("--no-depth: this policy takes the local planner's preference (network.planner_inputs),"
          + " scored against the depth camera's obstacle points, and needs the depth camera");
    }
    if (shieldSettings.isPresent() && shieldSettings.get().source() == SafetyShield.DepthSource.CAMERA
        && !sensors.depthCamera()) {
      throw new UserException("--shield camera reads the depth camera, but the robot has none (--no-depth, or the"
          + " run's depth_camera: false); use --shield predicted");
    }
    Outputs.directory(dir);
    if (planner && (shieldSettings.isEmpty()
        || shieldSettings.get().source() != SafetyShield.DepthSource.CAMERA)) {
      throw new UserException("--planner runs behind the shield on the depth camera: add --shield (camera)");
    }
    return evaluate(w, new Evaluator.Options(scenarios == null ? ScenarioLibrary.NAMES : scenarios, episodes,
        oodFactor, envs, 1, !noGifs, shieldSettings, evalSplit, sensors, style, planner), dir,
        Optional.ofNullable(run), WriterStream.of(json.enabled() ? spec.commandLine().getErr()
            : spec.commandLine().getOut()), executor);
  }

  /** Evaluates in this process, writes the report and exports (shared with the demo). */
  public static Result evaluate(PolicyWeights w, Evaluator.Options o, Path dir, Optional<Path> run, PrintStream log)
      throws IOException {
    return evaluate(w, o, dir, run, log, new InProcessExecutor());
  }

  /** Evaluates on {@code executor}, writes the report and exports. */
  public static Result evaluate(PolicyWeights w, Evaluator.Options o, Path dir, Optional<Path> run, PrintStream log,
                                EpisodeExecutor executor) throws IOException {
    Evaluator.Result e = Evaluator.run(w, o, dir, run, log, executor);
    PolicyExport.Result x = PolicyExport.export(w, dir.resolve("export"));
    return new Result(e.rows(), e.report().toString(), e.gifs().stream().map(Path::toString).toList(),
        x.modelFile().toString(), x.onnxFile().toString(), x.maxAbsDiff());
  }

  /** Prints the table and the paths. */
  public static void print(PrintWriter out, Result r) {
    out.println();
    out.println(Evaluator.header());
    for (EvalRow row : r.rows()) {
      out.println(Evaluator.line(row));
    }
    out.printf(Locale.ROOT, "%nexported %s and %s (max |logit - DJL| %.2g)%n", r.modelFile(), r.onnxFile(),
        r.exportMaxAbsDiff());
    out.printf(Locale.ROOT, "report: %s%n", r.report());
  }
}
