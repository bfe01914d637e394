package dev.wayfinder.cli.sim;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Scenarios;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.env.Observation;
import dev.wayfinder.sim.env.StepResult;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.eval.EvalResult;
import dev.wayfinder.sim.eval.Evaluator;
import dev.wayfinder.sim.eval.Policy;
import dev.wayfinder.sim.expert.GlobalPlanner;
import dev.wayfinder.sim.record.Recorder;
import dev.wayfinder.sim.record.RecordingFile;
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
 * {@code wayfinder sim run --scenario S --policy expert|random --episodes N}: runs a policy for N episodes
 * and prints success rate, SPL, collision rate and mean steps; {@code --record DIR} writes one recording per
 * episode.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a policy in the simulator and print success rate, SPL, collision rate and mean steps.",
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
      description = "expert (privileged planner) or random (default ${DEFAULT-VALUE}).")
  String policy;

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

  @Option(names = "--record", paramLabel = "DIR", description = "Write one recording per episode into DIR.")
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
    if (!policy.equals("expert") && !policy.equals("random")) {
      throw new ParameterException(spec.commandLine(), "--policy must be expert or random, got '" + policy + "'");
    }
    if (episodes < 1 || episodes > MAX_EPISODES) {
      throw new ParameterException(spec.commandLine(),
          "--episodes must be between 1 and " + MAX_EPISODES + ", got " + episodes);
    }
    if (record != null) {
      try {
        Files.createDirectories(record);
      } catch (IOException e) {
        throw new UserException("cannot create the recording directory " + record + ": " + e.getMessage(), e);
      }
    }
    Scenario s = Scenarios.resolve(scenario);
    Policy p = policy.equals("expert") ? Policy.expert(cfg) : Policy.random();
    PrintWriter err = spec.commandLine().getErr();
    List<EpisodeOutcome> outcomes = new ArrayList<>();
    try (NavEnv env = new NavEnv(EpisodeSources.of(s, randomize), cfg)) {
      for (int i = 0; i < episodes; i++) {
        outcomes.add(runOne(env, p, cfg, seed + i));
        if (!json.enabled() && episodes >= 10 && (i + 1) % Math.max(1, episodes / 10) == 0) {
          err.printf(Locale.ROOT, "episode %d/%d%n", i + 1, episodes);
          err.flush();
        }
      }
    }
    EvalResult r = Evaluator.summarize(outcomes);
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

  private EpisodeOutcome runOne(NavEnv env, Policy p, EnvConfig cfg, long episodeSeed) {
    Observation obs = env.reset(episodeSeed).observation();
    p.reset(env, episodeSeed);
    double shortest = GlobalPlanner.shortestPathLength(env.world());
    Recorder rec = new Recorder(cfg);
    rec.start(env, episodeSeed);
    StepResult st;
    do {
      Action a = p.act(env, obs);
      st = env.step(a);
      rec.step(a, st);
      obs = st.observation();
    } while (!st.done());
    if (record != null) {
      Path f = record.resolve(env.world().episode().scenarioName() + "-" + episodeSeed + ".wfrec");
      try {
        RecordingFile.write(rec.finish(), f);
      } catch (IOException e) {
        throw new UserException("cannot write the recording " + f + ": " + e.getMessage(), e);
      }
    }
    return new EpisodeOutcome(episodeSeed, st.info().success(), st.info().collision(), st.info().truncation().key(),
        st.info().steps(), st.info().pathLength(), shortest);
  }
}
