package dev.wayfinder.policy.net;

import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Gradient steps per second of the learners on one network shape, in one run: DJL (PyTorch) and the core learner take
 * turns on the same random batches from the same weights, each after its own warm-up, and every row gives each run's
 * rate and their median. The loss, targets and update are training's (soft targets, sample weights, the auxiliary
 * depth-profile loss where the network has that head).
 */
public final class LearnerBench {
    /** Learners a bench can time. */
    public static final List<String> LEARNERS = List.of("djl", "core");

    /**
     * One learner at one batch size.
     *
     * @param learner    "djl" or "core"
     * @param engine     what computed the steps
     * @param threads    the core learner's threads (1 for DJL, whose own setting its engine names)
     * @param batch      samples per step
     * @param stepsPerS  each run's gradient steps per second, in run order
     * @param median     their median
     * @param msPerStep  the median's milliseconds per step
     * @param gflops     the network's multiply-adds of a step (forward and backward, 2 FLOPs each) at the median rate
     */
    public record Row(String learner, String engine, int threads, int batch, double[] stepsPerS, double median,
                      double msPerStep, double gflops) {
    }

    /**
     * A bench's result.
     *
     * @param cpu           the CPU model (from /proc/cpuinfo where readable)
     * @param cores         processors available to the JVM
     * @param spec          the network shape
     * @param flopsPerImage FLOPs of one sample's forward and backward pass (the convolutions' and dense layers')
     * @param rows          one per learner and batch size
     */
    public record Result(String cpu, int cores, String spec, double flopsPerImage, List<Row> rows) {
    }

    private final NetworkSpec spec;
    private final float auxWeight;
    private final int[] batches;
    private final int steps;
    private final int runs;
    private final int[] coreThreads;
    private final Consumer<String> progress;

    /**
     * @param spec      the network shape (feed-forward)
     * @param auxWeight the auxiliary loss weight training uses (the shipped config's is 1)
     * @param batches   batch sizes, each &gt;= 1
     * @param steps     gradient steps per run, &gt;= 1
     * @param runs      runs per learner and batch, &gt;= 1
     * @param coreThreads thread counts the core learner runs with, one row each (DJL's are its own setting,
     *                  {@code ai.djl.pytorch.num_threads}, named in its row)
     */
    public LearnerBench(NetworkSpec spec, float auxWeight, int[] batches, int steps, int runs, int[] coreThreads,
                        Consumer<String> progress) {
        if (spec.recurrent()) {
            throw new IllegalArgumentException("the learner bench times feed-forward networks");
        }
        if (steps < 1 || runs < 1 || batches.length == 0 || Arrays.stream(batches).anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("need steps >= 1, runs >= 1 and batch sizes >= 1");
        }
        if (coreThreads.length == 0 || Arrays.stream(coreThreads).anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("the core learner's thread counts must be >= 1");
        }
        this.coreThreads = coreThreads.clone();
        this.spec = spec;
        this.auxWeight = auxWeight;
        this.batches = batches.clone();
        this.steps = steps;
        this.runs = runs;
        this.progress = progress;
    }

    /** Times {@code learners} (names from {@link #LEARNERS}). */
    public Result run(List<String> learners) {
        List<Row> rows = new ArrayList<>();
        double flops = flopsPerImage(spec, auxWeight > 0 || spec.memorySectors() > 0);
        for (int batch : batches) {
            Data d = new Data(spec, batch, 8, new SplittableRandom(batch));
            for (String name : learners) {
                if (name.equals("core")) {
                    for (int threads : coreThreads) {
                        rows.add(time(name, threads, batch, d, flops));
                    }
                } else {
                    rows.add(time(name, 1, batch, d, flops));
                }
            }
        }
        return new Result(cpuModel(), Runtime.getRuntime().availableProcessors(), describe(spec), flops, rows);
    }

    private Row time(String name, int threads, int batch, Data d, double flops) {
        PolicyWeights w = PolicyWeights.random(spec, 1);
        try (Learner l = create(name, w, threads)) {
            progress.accept(String.format(Locale.ROOT, "%s, batch %d: warm-up", name, batch));
            int warmup = Math.max(20, steps / 2);
            for (int i = 0; i < warmup; i++) {
                d.step(l, i);
            }
            double[] rates = new double[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    d.step(l, i);
                }
                rates[r] = steps / ((System.nanoTime() - t0) / 1e9);
                progress.accept(String.format(Locale.ROOT, "%s, batch %d: run %d of %d, %.1f steps/s", name, batch,
                        r + 1, runs, rates[r]));
            }
            double median = median(rates);
            return new Row(name, l.description(), threads, batch, rates, median, 1000 / median,
                    median * flops * batch / 1e9);
        }
    }

    private Learner create(String name, PolicyWeights w, int threads) {
        return switch (name) {
            case "djl" -> new DjlLearner(w, 3e-4f, 1e-5f, auxWeight);
            case "core" -> new CoreLearner(w, 3e-4f, 1e-5f, auxWeight, threads);
            default -> throw new IllegalArgumentException("no learner named " + name + "; expected one of "
                    + String.join(", ", LEARNERS));
        };
    }

    /** A few random batches the steps cycle through. */
    private static final class Data {
        final int n;
        final float[][] images;
        final float[][] states;
        final float[][] aux;
        final float[][] targets;
        final float[] weights;

        Data(NetworkSpec spec, int n, int count, SplittableRandom r) {
            this.n = n;
            images = new float[count][n * spec.imageSize()];
            states = new float[count][n * spec.stateSize()];
            aux = new float[count][n * NetworkSpec.AUX_TARGETS];
            targets = new float[count][n * spec.actions()];
            for (int c = 0; c < count; c++) {
                fill(images[c], r, -0.5, 0.5);
                fill(states[c], r, -1, 1);
                fill(aux[c], r, 0, 1);
                for (int s = 0; s < n; s++) {
                    targets[c][s * spec.actions() + r.nextInt(spec.actions())] = 1f;
                }
            }
            weights = new float[n];
            Arrays.fill(weights, 1f);
        }

        void step(Learner l, int i) {
            int c = i % images.length;
            float loss = l.step(images[c], states[c], aux[c], null, targets[c], weights, n);
            if (!Float.isFinite(loss)) {
                throw new IllegalStateException("the bench's loss diverged");
            }
        }

        private static void fill(float[] a, SplittableRandom r, double lo, double hi) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (lo + r.nextDouble() * (hi - lo));
            }
        }
    }

    /**
     * FLOPs of one sample's forward and backward pass: every convolution and dense layer's multiply-adds (2 FLOPs
     * each) once forward, once for the weight gradient, and once for the input gradient except the first convolution's
     * (the image needs none).
     */
    public static double flopsPerImage(NetworkSpec spec, boolean auxHead) {
        double total = 0;
        for (int i = 0; i < spec.convChannels().size(); i++) {
            int oh = spec.height() >> (i + 1);
            int ow = spec.width() >> (i + 1);
            double macs = (double) oh * ow * spec.convChannels().get(i) * spec.convIn(i) * 9;
            total += 2 * macs * (i == 0 ? 2 : 3);
        }
        double dense = (double) spec.hidden() * (spec.flatFeatures() + spec.stateSize())
                + (double) spec.actions() * spec.hidden()
                + (auxHead ? (double) NetworkSpec.AUX_TARGETS * spec.flatFeatures() : 0);
        return total + 2 * dense * 3;
    }

    /** A human table of a result. */
    public static String table(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "gradient steps of %s on %s (%d processors); %.1f MFLOP per sample%n",
                r.spec(), r.cpu(), r.cores(), r.flopsPerImage() / 1e6));
        sb.append(String.format(Locale.ROOT, "%-8s %6s %10s %9s %9s  %s%n", "learner", "batch", "steps/s", "ms/step",
                "GFLOP/s", "runs (steps/s)"));
        for (Row row : r.rows()) {
            StringBuilder runs = new StringBuilder();
            for (double v : row.stepsPerS()) {
                runs.append(runs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", v));
            }
            sb.append(String.format(Locale.ROOT, "%-8s %6d %10.1f %9.2f %9.1f  %s   [%s]%n", label(row),
                    row.batch(), row.median(), row.msPerStep(), row.gflops(), runs, row.engine()));
        }
        for (Row djl : r.rows()) {
            if (!djl.learner().equals("djl")) {
                continue;
            }
            for (Row core : r.rows()) {
                if (core.learner().equals("core") && core.batch() == djl.batch()) {
                    sb.append(String.format(Locale.ROOT, "batch %d: %s %.2fx DJL's steps/s%n", core.batch(),
                            label(core), core.median() / djl.median()));
                }
            }
        }
        return sb.toString();
    }

    private static String label(Row row) {
        return row.learner().equals("core") && row.threads() > 1 ? "core-" + row.threads() + "t" : row.learner();
    }

    static String describe(NetworkSpec s) {
        return String.format(Locale.ROOT, "%dx%d, convolutions %s, hidden %d, %d actions, state %d", s.width(),
                s.height(), s.convChannels(), s.hidden(), s.actions(), s.stateSize());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The CPU's model name from /proc/cpuinfo, or the JVM's architecture where that is not readable. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }
}
