package dev.wayfinder.policy.eval;

import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.policy.rollout.Driver;
import dev.wayfinder.policy.rollout.SimRobot;
import dev.wayfinder.policy.work.EpisodeExecutor;
import dev.wayfinder.policy.work.EpisodeJob;
import dev.wayfinder.policy.work.InProcessExecutor;
import dev.wayfinder.policy.work.JobResult;
import dev.wayfinder.policy.work.ScenarioText;
import dev.wayfinder.policy.work.WeightsBlob;
import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.eval.EpisodeOutcome;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
                          SimRobot.Sensors sensors, boolean style, boolean planner) {
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

        /** Options without the classical planner's row. */
        public Options(List<String> scenarios, int episodes, double oodFactor, int envs, long seed,
                       boolean gifs, Optional<SafetyShield.Settings> shield, Split split,
                       SimRobot.Sensors sensors, boolean style) {
            this(scenarios, episodes, oodFactor, envs, seed, gifs, shield, split, sensors, style, false);
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

    /** Runs the evaluation in this process and writes the report into {@code outDir}. */
    public static Result run(PolicyWeights weights, Options o, Path outDir, Optional<Path> trainDir, PrintStream log)
            throws IOException {
        return run(weights, o, outDir, trainDir, log, new InProcessExecutor());
    }

    /**
     * Runs the evaluation on {@code executor} and writes the report into {@code outDir}. Every row is one
     * {@link EpisodeJob} (scenario variant, driver, the split's indices), so the table is the same wherever the jobs
     * run. Where they run elsewhere (a cluster), the GIFs are made afterwards in this process: each filmed row's first
     * successful and first failed episode (in split-index order) is run again here with its film, which gives the same
     * episode (an episode's outcome does not depend on where it runs).
     */
    public static Result run(PolicyWeights weights, Options o, Path outDir, Optional<Path> trainDir, PrintStream log,
                             EpisodeExecutor executor) throws IOException {
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
        if (o.planner() && (o.shield().isEmpty()
                || o.shield().get().source() != SafetyShield.DepthSource.CAMERA)) {
            throw new IllegalArgumentException("the classical planner's row runs behind the shield on the depth camera:"
                    + " give the shield too");
        }
        Files.createDirectories(outDir);
        WeightsBlob blob = WeightsBlob.of(weights, 0);
        EpisodeJob.SensorsData sensorData = EpisodeJob.SensorsData.of(sensors);
        boolean films = o.gifs() && executor.local();
        List<EpisodeJob> jobs = new ArrayList<>();
        List<String[]> labels = new ArrayList<>();
        List<Film> filmOf = new ArrayList<>();
        List<Film> filmOrder = new ArrayList<>();
        List<int[]> variantRows = new ArrayList<>();
        for (String ref : o.scenarios()) {
            ScenarioText base = ScenarioText.of(ref);
            List<ScenarioText> variants = new ArrayList<>(List.of(base));
            if (o.oodFactor() > 1) {
                variants.add(base.ood(o.oodFactor()));
            }
            if (o.style()) {
                variants.add(base.style());
            }
            for (int v = 0; v < variants.size(); v++) {
                ScenarioText st = variants.get(v);
                Scenario s = st.scenario();
                String variant = switch (st.variant()) {
                    case ScenarioText.OOD -> "ood";
                    case ScenarioText.STYLE -> "style";
                    default -> "in-distribution";
                };
                int envs = Math.min(o.envs(), o.episodes());
                var cam = s.robot().camera();
                long first = v * OOD_FIRST_INDEX;
                int firstRow = jobs.size();
                Film film = new Film(outDir, s.name(), cam.width(), cam.height());
                jobs.add(new EpisodeJob(st, Driver.POLICY, 0, o.split(), first, o.episodes(), o.seed(), 1.0, envs,
                        true, sensorData, null, blob.key(), 0, false));
                labels.add(new String[] {s.name(), variant, "policy"});
                filmOf.add(film);
                filmOrder.add(film);
                if (shieldRow != null) {
                    Film shieldFilm = new Film(outDir, s.name() + "-" + shieldRow.substring(7), cam.width(),
                            cam.height());
                    jobs.add(new EpisodeJob(st, Driver.POLICY, 0, o.split(), first, o.episodes(), o.seed(), 1.0, envs,
                            true, sensorData, EpisodeJob.ShieldData.of(o.shield().get()), blob.key(), 0, false));
                    labels.add(new String[] {s.name(), variant, shieldRow});
                    filmOf.add(shieldFilm);
                    filmOrder.add(shieldFilm);
                }
                if (o.planner()) {
                    jobs.add(new EpisodeJob(st, Driver.PLANNER, 0, o.split(), first, o.episodes(), o.seed(), 1.0,
                            envs, true, sensorData, EpisodeJob.ShieldData.of(o.shield().get()), blob.key(), 0, false));
                    labels.add(new String[] {s.name(), variant, "planner+shield"});
                    Film plannerFilm = new Film(outDir, s.name() + "-planner", cam.width(), cam.height());
                    filmOf.add(plannerFilm);
                    filmOrder.add(plannerFilm);
                }
                for (Driver d : List.of(Driver.EXPERT, Driver.RANDOM)) {
                    jobs.add(new EpisodeJob(st, d, 0, o.split(), first, o.episodes(), o.seed(), 1.0, envs, false,
                            sensorData, null, null, 0, false));
                    labels.add(new String[] {s.name(), variant, d.key()});
                    filmOf.add(null);
                }
                variantRows.add(new int[] {firstRow, jobs.size()});
            }
        }
        List<JobResult> results = executor.run(jobs, Map.of(blob.key(), blob),
                j -> films && filmOf.get(j) != null ? Optional.of(filmOf.get(j)) : Optional.empty());
        if (o.gifs() && !executor.local()) {
            filmHere(jobs, results, filmOf, blob, o.split(), log);
        }
        List<EvalRow> rows = new ArrayList<>();
        for (int j = 0; j < jobs.size(); j++) {
            String[] l = labels.get(j);
            rows.add(EvalRow.of(l[0], l[1], l[2], results.get(j).outcomes()));
        }
        for (int[] range : variantRows) {
            StringBuilder line = new StringBuilder();
            for (EvalRow row : rows.subList(range[0], range[1])) {
                line.append(line.isEmpty() ? "" : ", ").append(row.driver()).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", row.result().successRate()));
            }
            EvalRow first = rows.get(range[0]);
            log.println("evaluated " + first.scenario() + " (" + first.variant() + "): success " + line);
        }
        List<Path> gifs = new ArrayList<>();
        for (Film f : filmOrder) {
            f.success().ifPresent(gifs::add);
            f.failure().ifPresent(gifs::add);
        }
        Path report = Report.write(outDir, rows, gifs, trainDir, o.shield(), o.split(), sensors, o.oodFactor());
        List<List<dev.wayfinder.sim.eval.EpisodeOutcome>> episodes = new ArrayList<>();
        for (JobResult r : results) {
            episodes.add(r.outcomes());
        }
        Report.writeEpisodes(outDir, rows, episodes, o.split());
        return new Result(rows, report, gifs);
    }

    /**
     * Films, in this process, the episodes a row's GIFs show when the row ran elsewhere: its first success and its
     * first failure in split-index order, each run again alone. Says so when an episode ends otherwise here (another
     * machine type may round differently) or cannot run here (no OpenGL), and goes on without that GIF.
     */
    private static void filmHere(List<EpisodeJob> jobs, List<JobResult> results, List<Film> filmOf, WeightsBlob blob,
                                 Split split, PrintStream log) {
        List<EpisodeJob> again = new ArrayList<>();
        List<Film> films = new ArrayList<>();
        List<EpisodeOutcome> expected = new ArrayList<>();
        for (int j = 0; j < jobs.size(); j++) {
            if (filmOf.get(j) == null) {
                continue;
            }
            List<EpisodeOutcome> inOrder = JobResult.inIndexOrder(results.get(j).outcomes(), split);
            for (boolean success : new boolean[] {true, false}) {
                for (EpisodeOutcome e : inOrder) {
                    if (e.success() == success) {
                        again.add(jobs.get(j).range(split.index(e.seed()), 1).withEnvs(1));
                        films.add(filmOf.get(j));
                        expected.add(e);
                        break;
                    }
                }
            }
        }
        if (again.isEmpty()) {
            return;
        }
        try (InProcessExecutor here = new InProcessExecutor()) {
            List<JobResult> r = here.run(again, Map.of(blob.key(), blob), k -> Optional.of(films.get(k)));
            for (int k = 0; k < again.size(); k++) {
                if (!r.get(k).outcomes().equals(List.of(expected.get(k)))) {
                    log.println("note: " + again.get(k).describe() + " ended otherwise in this process than where it"
                            + " ran (" + r.get(k).outcomes() + " against " + expected.get(k) + "); its GIF shows this"
                            + " process's episode");
                }
            }
        } catch (RuntimeException | LinkageError e) {
            log.println("no GIFs: the episodes to film could not run in this process (" + e.getMessage() + ")");
        }
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
