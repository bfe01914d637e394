package dev.wayfinder.cli.sim;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Scenarios;
import dev.wayfinder.cli.Shipped;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.policy.eval.TrainedModel;
import dev.wayfinder.policy.rollout.TrainedPolicy;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.sim.GlCameraSensor;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.camera.CameraSensor;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.eval.EvalResult;
import dev.wayfinder.sim.eval.Evaluator;
import dev.wayfinder.sim.eval.Policy;
import dev.wayfinder.sim.record.Recorder;
import dev.wayfinder.sim.record.RecordingFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wayfinder sim run --scenario S --policy expert|random|MODEL --episodes N}: runs a policy for N episodes
 * through physics-sim's one episode loop ({@link Evaluator#runEpisode}) and prints success rate, SPL, collision rate
 * and mean steps; {@code --record DIR} writes one recording per episode and their index (physics-sim's {@link RecordingFolder}). A trained model drives through the robot
 * boundary ({@link TrainedPolicy}), with the robot camera rendered.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a policy in the simulator and print success rate, SPL, collision rate and mean steps.",
        "The policy is the privileged expert, random actions, or a trained camera policy: a model folder (e.g.",
        "models/cluttered-room-rgbd-map), a training run folder or a weights file; it drives through the robot",
        "boundary with the sensors it was trained with.",
        "Episode i uses seed N+i (--seed N); without --randomize seed 0 is the nominal episode and other seeds",
        "perturb only the start and goal; with --randomize every episode is fully domain-randomized."})
public final class SimRunCommand implements Runnable {
  static final int MAX_EPISODES = 100_000;

  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--scenario", required = true, paramLabel = "S",
      description = "A scenario file, or the name of a bundled scenario.")
  String scenario;

  @Option(names = "--policy", defaultValue = "expert", paramLabel = "P",
      description = "expert (privileged planner), random, or a trained model: a model or run folder or a weights file"
          + " (default ${DEFAULT-VALUE}).")
  String policy;

  @Option(names = "--shield", description = "A trained model drives through the safety shield on its depth camera"
      + " (the settings chosen on validation).")
  boolean shield;

  @Option(names = "--episodes", defaultValue = "20", paramLabel = "N",
      description = "Episodes to run, 1..100000 (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "First seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--actions", defaultValue = "discrete", paramLabel = "A",
      description = "discrete or continuous (default ${DEFAULT-VALUE}).")
  String actions;

  @Option(names = "--randomize", description = "Draw every episode with the scenario's domain randomization.")
  boolean randomize;

  @Option(names = "--record", paramLabel = "DIR", description = "Write one recording per episode into DIR, and DIR/episodes.csv listing them with their"
          + " outcomes (the studio's Evaluation tab opens the folder and replays them).")
  Path record;

  /** The JSON shape. */
  public record Run(String scenario, String policy, String actions, boolean randomized, long firstSeed,
                    EvalResult summary, Optional<String> recordings, List<EpisodeOutcome> episodes) {}

  @Override
  public void run() {
    EnvConfig cfg = switch (actions) {
      case "discrete" -> EnvConfig.DISCRETE;
      case "continuous" -> EnvConfig.CONTINUOUS;
      default -> throw new ParameterException(spec.commandLine(),
          "--actions must be discrete or continuous, got '" + actions + "'");
    };
    boolean trained = !policy.equals("expert") && !policy.equals("random");
    if (trained && !Files.exists(Path.of(policy))) {
      // A shipped model by name (models/NAME in the source tree or the installed package).
      Optional<Path> named = policy.contains("/") ? Optional.empty() : Shipped.fromSystemProperty()
          .map(sh -> sh.models().resolve(policy)).filter(Files::isDirectory);
      if (named.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--policy must be expert, random, the name of a shipped model"
            + " or the path of a trained model, got '" + policy + "' (no such file or folder)");
      }
      policy = named.get().toString();
    }
    if (trained && cfg != EnvConfig.DISCRETE) {
      throw new ParameterException(spec.commandLine(), "--policy " + policy + ": trained models choose discrete actions;"
          + " drop --actions " + actions);
    }
    if (shield && !trained) {
      throw new ParameterException(spec.commandLine(), "--shield applies to a trained model, not to --policy " + policy);
    }
    if (episodes < 1 || episodes > MAX_EPISODES) {
      throw new ParameterException(spec.commandLine(),
          "--episodes must be between 1 and " + MAX_EPISODES + ", got " + episodes);
    }
    RecordingFolder folder = null;
    if (record != null) {
      try {
        folder = RecordingFolder.fresh(record);
      } catch (IOException e) {
        throw new UserException("cannot create the recording directory " + record + ": " + e.getMessage(), e);
      }
    }
    Scenario s = Scenarios.resolve(scenario);
    PrintWriter err = spec.commandLine().getErr();
    List<EpisodeOutcome> outcomes = new ArrayList<>();
    try (Renderer renderer = trained ? Renderer.create() : null;
         NavEnv env = new NavEnv(EpisodeSources.of(s, randomize), cfg, camera(renderer, s))) {
      Policy p = switch (policy) {
        case "expert" -> Policy.expert(cfg);
        case "random" -> Policy.random();
        default -> trainedPolicy(s);
      };
      for (int i = 0; i < episodes; i++) {
        outcomes.add(runOne(env, p, seed + i, folder));
        if (!json.enabled() && episodes >= 10 && (i + 1) % Math.max(1, episodes / 10) == 0) {
          err.printf(Locale.ROOT, "episode %d/%d%n", i + 1, episodes);
          err.flush();
        }
      }
    }
    EvalResult r = EvalResult.of(outcomes);
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Json.print(out, new Run(s.name(), policy, actions, randomize, seed, r,
          Optional.ofNullable(record).map(Path::toString), outcomes));
      return;
    }
    out.printf(Locale.ROOT, "%s, %s policy, %s actions, %d episode%s (seeds %d..%d%s)%n", s.name(), policy, actions,
        episodes, episodes == 1 ? "" : "s", seed, seed + episodes - 1, randomize ? ", randomized" : "");
    out.printf(Locale.ROOT, "  success rate   %6.1f %%%n", 100 * r.successRate());
    out.printf(Locale.ROOT, "  SPL            %6.3f%n", r.spl());
    out.printf(Locale.ROOT, "  collision rate %6.1f %%%n", 100 * r.collisionRate());
    out.printf(Locale.ROOT, "  truncated      %6.1f %%%n", 100 * r.truncatedRate());
    out.printf(Locale.ROOT, "  mean steps     %6.1f%n", r.meanSteps());
    if (record != null) {
      out.printf(Locale.ROOT, "  recordings in %s%n", record);
    }
    out.flush();
  }

  private static Optional<CameraSensor> camera(Renderer renderer, Scenario s) {
    return renderer == null ? Optional.empty() : Optional.of(new GlCameraSensor(renderer, s.robot().camera()));
  }

  private Policy trainedPolicy(Scenario s) {
    try {
      TrainedModel m = TrainedModel.load(Path.of(policy));
      return new TrainedPolicy(m.weights(), s, m.sensors(),
          shield ? Optional.of(SafetyShield.Settings.DEFAULT) : Optional.empty(), seed);
    } catch (IOException e) {
      throw new UserException("cannot read the model " + policy + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserException("--policy " + policy + ": " + e.getMessage(), e);
    }
  }

  private EpisodeOutcome runOne(NavEnv env, Policy p, long episodeSeed, RecordingFolder folder) {
    if (folder == null) {
      return Evaluator.runEpisode(env, p, episodeSeed, (a, st) -> { });
    }
    Recorder.Recorded r = Recorder.runEpisode(env, p, episodeSeed);
    try {
      folder.add(policy, randomize, r.outcome(), r.recording());
    } catch (IOException e) {
      throw new UserException(e.getMessage(), e);
    }
    return r.outcome();
  }
}
