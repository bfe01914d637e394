package dev.wayfinder.policy.eval;

import dev.wayfinder.inference.server.InferenceServer;
import dev.wayfinder.inference.server.Priority;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.policy.rollout.Driver;
import dev.wayfinder.policy.rollout.Rollouts;
import dev.wayfinder.policy.rollout.SimRobot;
import dev.wayfinder.policy.train.ScenarioRefs;
import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.scenarios.model.Scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates the camera policy against the privileged expert and a random policy on held-out seeds of the validation
 * split (to choose settings) or the test split (only to report), disjoint from the training seeds, per scenario, in
 * distribution and on the scenario's out-of-distribution variant ({@link Randomizer#ood}, on fresh seeds). The policy
 * decides through the robot boundary with the sensors the options give. The three drivers see the same episodes.
 * Writes {@code report.md} with the table, the training curves (when a run folder is given) and GIFs of a
 * success and a failure per scenario and driver of the camera policy (alone, and through the shield when it runs).
 */
public final class Evaluator {
    /**
     * What to evaluate.
     *
     * @param scenarios scenario names or files, at least one
     * @param episodes  episodes per scenario, variant and driver, &gt;= 1
     * @param oodFactor widening of the randomization ranges for the OOD variant, &gt;= 1 (1 skips it)
     * @param envs      envs stepped together, &gt;= 1
     * @param seed      seeds the random baseline
     * @param gifs      whether to record GIFs
     * @param shield    when present, the policy also drives the same episodes through a {@link SafetyShield} set
     *                  up so, in rows named {@code policy+shield} (on the camera's depth) or
     *                  {@code policy+pred-shield} (on the network's predicted depth)
     * @param split     where the episodes come from: {@link Split#VALIDATION} to choose settings,
     *                  {@link Split#TEST} only to report
     * @param sensors   what the robot has (a mapless network gets no map whatever this says)
     * @param style     whether to add the visual-style variant ({@link Randomizer#style}: textures and colours
     *                  outside the training palette, fresh seeds)
     */
    public record Options(List<String> scenarios, int episodes, double oodFactor, int envs, long seed,
                          boolean gifs, Optional<SafetyShield.Settings> shield, Split split,
                          SimRobot.Sensors sensors, boolean style) {
        public Options {
            scenarios = List.copyOf(scenarios);
            java.util.Objects.requireNonNull(split, "split");
            java.util.Objects.requireNonNull(sensors, "sensors");
            if (split == Split.TRAIN) {
                throw new IllegalArgumentException("evaluate on the validation or the test split, not on training seeds");
            }
            if (scenarios.isEmpty() || episodes < 1 || !(oodFactor >= 1) || envs < 1) {
                throw new IllegalArgumentException("evaluation needs scenarios, episodes >= 1, ood factor >= 1 and "
                        + "envs >= 1; got " + scenarios + ", " + episodes + ", " + oodFactor + ", " + envs);
            }
        }

        /** Options without the shield. */
        public Options(List<String> scenarios, int episodes, double oodFactor, int envs, long seed, boolean gifs) {
            this(scenarios, episodes, oodFactor, envs, seed, gifs, Optional.empty(), Split.TEST,
                    SimRobot.Sensors.RGBD_MAP, false);
        }

        /** Options on the test split with an RGB-D camera and the nominal map. */
        public Options(List<String> scenarios, int episodes, double oodFactor, int envs, long seed, boolean gifs,
                       Optional<SafetyShield.Settings> shield) {
            this(scenarios, episodes, oodFactor, envs, seed, gifs, shield, Split.TEST, SimRobot.Sensors.RGBD_MAP, false);
        }
    }

    /**
     * Split indices of the k-th variant start at k times this: out-of-distribution and style episodes get fresh
     * seeds, so OOD episode k is not a stretched copy of in-distribution episode k.
     */
    public static final long OOD_FIRST_INDEX = 1L << 40;

    /** The results. */
    public record Result(List<EvalRow> rows, Path report, List<Path> gifs) {
    }

    private Evaluator() {
    }

    /** Runs the evaluation and writes the report into {@code outDir}. */
    public static Result run(PolicyWeights weights, Options o, Path outDir, Optional<Path> trainDir, PrintStream log)
            throws IOException {
        return run(weights, o, 0, outDir, trainDir, log);
    }

    /**
     * Runs the evaluation and writes the report into {@code outDir}; with {@code servedBatch} above 0 the policy rows
     * run through one {@link InferenceServer} with batches of at most that many (rounded up to a multiple of 4;
     * {@link Rollouts#runServed}, asynchronous envs), with the same episodes and results as without it when
     * {@link Options#envs()} is a multiple of 4.
     */
    public static Result run(PolicyWeights weights, Options o, int servedBatch, Path outDir, Optional<Path> trainDir,
                             PrintStream log) throws IOException {
        if (servedBatch < 0) {
            throw new IllegalArgumentException("served batch must be >= 0 (0: synchronous), got " + servedBatch);
        }
        try (InferenceServer server = servedBatch > 0 ? Rollouts.serve(weights, servedBatch) : null) {
            return run(weights, o, server == null ? null : server.client("evaluation", Priority.NORMAL), outDir,
                    trainDir, log);
        }
    }

    private static Rollouts.Outcome policyRun(Rollouts r, Rollouts.Plan plan, PolicyWeights weights, int envs,
                                              InferenceServer.Client served, Optional<Rollouts.Listener> film) {
        return served == null
                ? r.run(plan, Optional.of(new InferencePolicy(weights, envs)), Optional.empty(), film)
                : r.runServed(plan, weights.spec(), served, film);
    }

    private static Result run(PolicyWeights weights, Options o, InferenceServer.Client served, Path outDir,
                              Optional<Path> trainDir, PrintStream log) throws IOException {
        if (o.shield().isPresent() && o.shield().get().source() == SafetyShield.DepthSource.PREDICTED
                && weights.spec().memorySectors() == 0) {
            throw new IllegalArgumentException("a shield on predicted depth needs a network with obstacle memory "
                    + "(network.memory_sectors above 0); this one has none");
        }
        String shieldRow = o.shield().map(sh -> sh.source() == SafetyShield.DepthSource.CAMERA ? "policy+shield"
                : "policy+pred-shield").orElse(null);
        SimRobot.Sensors sensors = new SimRobot.Sensors(o.sensors().depthCamera(),
                weights.spec().followsRoute() ? o.sensors().map() : SimRobot.MapSource.NONE,
                weights.spec().followsRoute() && o.sensors().obstacleLayer() && o.sensors().depthCamera());
        if (o.shield().isPresent() && o.shield().get().source() == SafetyShield.DepthSource.CAMERA
                && !sensors.depthCamera()) {
            throw new IllegalArgumentException("a shield on the camera's depth needs a robot with a depth camera");
        }
        Files.createDirectories(outDir);
        List<EvalRow> rows = new ArrayList<>();
        List<Path> gifs = new ArrayList<>();
        for (Scenario base : ScenarioRefs.load(o.scenarios())) {
            List<Scenario> variants = new ArrayList<>(List.of(base));
            if (o.oodFactor() > 1) {
                variants.add(Randomizer.ood(base, o.oodFactor()));
            }
            if (o.style()) {
                variants.add(Randomizer.style(base));
            }
            for (int v = 0; v < variants.size(); v++) {
                Scenario s = variants.get(v);
                String variant = s == base ? "in-distribution" : s.name().endsWith("-style") ? "style" : "ood";
                int envs = Math.min(o.envs(), o.episodes());
                var cam = s.robot().camera();
                Film film = new Film(outDir, s.name(), cam.width(), cam.height());
                Film shieldFilm = new Film(outDir, s.name() + (shieldRow == null ? "" : "-" + shieldRow.substring(7)),
                        cam.width(), cam.height());
                long first = v * OOD_FIRST_INDEX;
                try (Rollouts r = new Rollouts(List.of(s), envs, true)) {
                    r.sensors(sensors);
                    var out = policyRun(r, plan(Driver.POLICY, o, first), weights, envs, served,
                            o.gifs() ? Optional.of(film) : Optional.empty());
                    rows.add(EvalRow.of(s.name(), variant, "policy", out.episodes()));
                    if (shieldRow != null) {
                        r.shield(o.shield().get());
                        var shielded = policyRun(r, plan(Driver.POLICY, o, first), weights, envs, served,
                                o.gifs() ? Optional.of(shieldFilm) : Optional.empty());
                        rows.add(EvalRow.of(s.name(), variant, shieldRow, shielded.episodes()));
                    }
                }
                film.success().ifPresent(gifs::add);
                film.failure().ifPresent(gifs::add);
                if (shieldRow != null) {
                    shieldFilm.success().ifPresent(gifs::add);
                    shieldFilm.failure().ifPresent(gifs::add);
                }
                int firstRow = rows.size();
                try (Rollouts r = new Rollouts(List.of(s), envs, false)) {
                    for (Driver d : List.of(Driver.EXPERT, Driver.RANDOM)) {
                        var out = r.run(plan(d, o, first), Optional.empty(), Optional.empty(), Optional.empty());
                        rows.add(EvalRow.of(s.name(), variant, d.key(), out.episodes()));
                    }
                }
                StringBuilder line = new StringBuilder();
                for (EvalRow row : rows.subList(firstRow - (shieldRow == null ? 1 : 2), rows.size())) {
                    line.append(line.isEmpty() ? "" : ", ").append(row.driver()).append(' ')
                            .append(String.format(Locale.ROOT, "%.2f", row.result().successRate()));
                }
                log.println("evaluated " + s.name() + " (" + variant + "): success " + line);
            }
        }
        Path report = Report.write(outDir, rows, gifs, trainDir, o.shield(), o.split(), sensors, o.oodFactor());
        return new Result(rows, report, gifs);
    }

    private static Rollouts.Plan plan(Driver d, Options o, long firstIndex) {
        return new Rollouts.Plan(d, 0, o.split(), firstIndex, Long.MAX_VALUE, o.episodes(), o.seed());
    }

    /** The table's header line. */
    public static String header() {
        return String.format(Locale.ROOT, "%-26s %-16s %-18s %5s %8s %6s %10s %9s", "scenario", "variant", "driver",
                "eps", "success", "SPL", "collision", "time [s]");
    }

    /** One table line. */
    public static String line(EvalRow r) {
        return String.format(Locale.ROOT, "%-26s %-16s %-18s %5d %8.2f %6.2f %10.2f %9s", r.scenario(), r.variant(),
                r.driver(), r.result().episodes(), r.result().successRate(), r.result().spl(),
                r.result().collisionRate(), r.result().timeToGoalText());
    }
}
