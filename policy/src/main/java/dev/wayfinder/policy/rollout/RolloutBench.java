package dev.wayfinder.policy.rollout;

import dev.wayfinder.policy.data.Dataset;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.scenarios.model.Scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Env steps per second of {@link Rollouts} as training and evaluation use them, each kind on the same episodes in every
 * run: evaluation and validation (the {@link Driver#POLICY} driver, the network alone and through the safety shield on
 * the depth camera, no dataset) and collection (the expert driving, as DAgger's first round, and DAgger's mixture at
 * beta 0.5, every state labelled by the expert into an on-disk {@link Dataset} in a temporary folder, chunks compressed
 * and written as training does). One warm-up run of every kind comes first; each kind then runs {@code runs} times and
 * reports every run's rate and their median. All on the calling thread, with one OpenGL renderer per
 * {@link Rollouts}.
 */
public final class RolloutBench {
    /** The seed of every plan. */
    public static final long SEED = 11;

    /**
     * One kind of rollout.
     *
     * @param name        what ran
     * @param driver      the driver's key
     * @param steps       env steps per run
     * @param episodes    episodes finished per run
     * @param stepsPerS   each run's env steps per second of wall-clock time, in run order
     * @param median      their median
     * @param perCpuS     each run's env steps per second of the process's CPU time (all its threads: the renderer's,
     *                    the JIT's and the collector's too), in run order: steadier than wall-clock rates on a busy
     *                    machine, where a process waits for a core
     * @param medianCpu   their median
     */
    public record Row(String name, String driver, long steps, int episodes, double[] stepsPerS, double median,
                      double[] perCpuS, double medianCpu) {
    }

    /**
     * A bench's rows.
     *
     * @param scenario the scenario's name
     * @param envs     envs stepped together
     * @param lanes    the threads they were stepped in ({@link Rollouts#defaultLanes(int)})
     * @param sensors  the robots' sensors
     * @param cores    processors the JVM sees
     */
    public record Result(String scenario, int envs, int lanes, String sensors, int cores, List<Row> rows) {
    }

    private final Scenario scenario;
    private final PolicyWeights weights;
    private final SimRobot.Sensors sensors;
    private final int envs;
    private final long steps;
    private final int runs;
    private final PrintStream log;

    /**
     * @param weights the network that drives (its spec sets the image size and inputs)
     * @param sensors the robots' sensors (a shield row needs a depth camera and is left out without one)
     * @param envs    envs stepped together, 1..64
     * @param steps   env steps per run, 100..1,000,000
     * @param runs    measured runs per kind, 1..15
     * @param log     progress lines
     */
    public RolloutBench(Scenario scenario, PolicyWeights weights, SimRobot.Sensors sensors, int envs, long steps,
                        int runs, PrintStream log) {
        if (envs < 1 || envs > 64 || steps < 100 || steps > 1_000_000 || runs < 1 || runs > 15) {
            throw new IllegalArgumentException("need envs in 1..64, steps in 100..1000000 and runs in 1..15; got envs "
                    + envs + ", steps " + steps + ", runs " + runs);
        }
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.sensors = Objects.requireNonNull(sensors, "sensors");
        this.envs = envs;
        this.steps = steps;
        this.runs = runs;
        this.log = Objects.requireNonNull(log, "log");
    }

    private record Kind(String key, String name, Driver driver, double beta, boolean shield, boolean dataset) {
    }

    /** The kinds' keys, in table order: for {@link #run(List)}. */
    public static final List<String> KINDS = List.of("eval", "eval-shield", "collect-expert", "collect-mixed");

    /** Runs every kind: one warm-up, then {@code runs} measured runs each. */
    public Result run() throws IOException {
        return run(KINDS);
    }

    /**
     * Runs the kinds named in {@code only} (keys of {@link #KINDS}): one warm-up, then {@code runs} measured runs
     * each. The shield row is left out when the robots have no depth camera.
     *
     * @throws IllegalArgumentException for a key that names no kind
     */
    public Result run(List<String> only) throws IOException {
        for (String key : only) {
            if (!KINDS.contains(key)) {
                throw new IllegalArgumentException("no rollout kind '" + key + "'; expected one of "
                        + String.join(", ", KINDS));
            }
        }
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("eval", "evaluation: network alone", Driver.POLICY, 0, false, false));
        if (sensors.depthCamera()) {
            kinds.add(new Kind("eval-shield", "evaluation: network through the shield", Driver.POLICY, 0, true,
                    false));
        }
        kinds.add(new Kind("collect-expert", "collection: expert drives (round 0), dataset", Driver.EXPERT, 0, false,
                true));
        kinds.add(new Kind("collect-mixed", "collection: DAgger mixture beta 0.5, dataset", Driver.MIXED, 0.5, false,
                true));
        kinds.removeIf(k -> !only.contains(k.key));
        Path tmp = Files.createTempDirectory("wayfinder-bench-rollouts");
        List<Row> rows = new ArrayList<>();
        try (Rollouts plain = new Rollouts(List.of(scenario), envs, true)) {
            plain.sensors(sensors);
            Rollouts shielded = null;
            try {
                if (kinds.stream().anyMatch(Kind::shield)) {
                    shielded = new Rollouts(List.of(scenario), envs, true);
                    shielded.sensors(sensors);
                    shielded.shield(SafetyShield.Settings.DEFAULT);
                }
                for (Kind k : kinds) {
                    measureOnce(k.shield ? shielded : plain, k, steps, tmp); // warm-up: the JIT compiles
                }
                for (Kind k : kinds) {
                    Rollouts r = k.shield ? shielded : plain;
                    double[] rates = new double[runs];
                    double[] perCpu = new double[runs];
                    Rollouts.Outcome first = null;
                    for (int i = 0; i < runs; i++) {
                        long c0 = cpuNanos();
                        long t0 = System.nanoTime();
                        Rollouts.Outcome o = measureOnce(r, k, steps, tmp);
                        rates[i] = o.steps() / ((System.nanoTime() - t0) / 1e9);
                        perCpu[i] = o.steps() / Math.max(1e-9, (cpuNanos() - c0) / 1e9);
                        if (first == null) {
                            first = o;
                        }
                    }
                    double median = median(rates);
                    log.println(String.format(Locale.ROOT, "  %s: %.0f env steps/s, %.0f per CPU-second (median of %d)",
                            k.name, median, median(perCpu), runs));
                    rows.add(new Row(k.name, k.driver.key(), first.steps(), first.episodes().size(), rates, median,
                            perCpu, median(perCpu)));
                }
            } finally {
                if (shielded != null) {
                    shielded.close();
                }
            }
        } finally {
            deleteTree(tmp);
        }
        return new Result(scenario.name(), envs, Rollouts.defaultLanes(envs), sensors.describe(),
                Runtime.getRuntime().availableProcessors(), rows);
    }

    private Rollouts.Outcome measureOnce(Rollouts r, Kind k, long budget, Path tmp) throws IOException {
        NetworkSpec spec = weights.spec();
        InferencePolicy policy = new InferencePolicy(weights, envs);
        Optional<Dataset> dataset = Optional.empty();
        Path dir = tmp.resolve("dataset");
        if (k.dataset) {
            deleteTree(dir);
            dataset = Optional.of(new Dataset(dir, spec.width() * spec.height() * 3, spec.sampleFloats()));
        }
        Split split = k.dataset ? Split.TRAIN : Split.VALIDATION;
        Rollouts.Outcome o = r.run(new Rollouts.Plan(k.driver, k.beta, split, 0, budget, Integer.MAX_VALUE, SEED),
                Optional.of(policy), dataset, Optional.empty());
        if (dataset.isPresent()) {
            dataset.get().flush();
        }
        return o;
    }

    /** The CPU time this process has used, all threads, nanoseconds. */
    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        throw new IllegalStateException("this JVM does not report the process's CPU time");
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String list(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", x));
        }
        return b.toString();
    }

    /** The rows as a text table. */
    public static String table(Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s, %d envs in %s, %s; %d cores visible%n", r.scenario(), r.envs(),
                r.lanes() == 1 ? "one lane (one thread)" : r.lanes() + " lanes (threads)", r.sensors(), r.cores()));
        b.append(String.format(Locale.ROOT, "  %-48s %6s %8s %12s %-20s %10s  %s%n", "rollouts", "steps",
                "episodes", "env steps/s", "  (runs)", "per CPU-s", "(runs)"));
        for (Row row : r.rows()) {
            b.append(String.format(Locale.ROOT, "  %-48s %6d %8d %12.0f %-20s %10.0f  %s%n", row.name(), row.steps(),
                    row.episodes(), row.median(), "  (" + list(row.stepsPerS()) + ")", row.medianCpu(),
                    "(" + list(row.perCpuS()) + ")"));
        }
        return b.toString();
    }
}
