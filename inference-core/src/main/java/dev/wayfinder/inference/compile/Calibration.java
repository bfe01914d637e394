package dev.wayfinder.inference.compile;

import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.backend.device.DeviceBackend;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphException;
import dev.wayfinder.inference.graph.UnsupportedOperatorException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.WeakHashMap;

/**
 * Picks the backend a model runs on at one batch size. The system property {@link Backends#PROPERTY}
 * ({@code -Dwayfinder.inference.backend=NAME}; {@code cpu} for the best host backend, {@code auto} or unset for the
 * choice below) decides when set. Otherwise, where a GPU (or other accelerator) backend is available, the first
 * compile of a model at a batch size runs a short calibration: the best CPU backend and every accelerator backend
 * each run the model on seeded inputs, an engine whose outputs differ from the CPU's is ruled out, and the fastest
 * of the rest wins; the choice is remembered for that graph and batch for the life of the process. Where no
 * accelerator is available there is nothing to calibrate and the CPU backend is used at once. OpenCL on a CPU device
 * (PoCL) is not an accelerator: it runs only where it is named. Thread-safe.
 */
public final class Calibration {

    /** Outputs of a candidate may differ from the CPU backend's by this much (absolute plus relative). */
    static final double ATOL = 1e-3, RTOL = 1e-3;

    private static final Map<Graph, Map<Integer, Choice>> CHOSEN = Collections.synchronizedMap(new WeakHashMap<>());

    private Calibration() {
    }

    /**
     * One candidate's result.
     *
     * @param backend the backend's name
     * @param correct whether its outputs matched the CPU backend's
     * @param medianUs its median microseconds per run (NaN when it did not run)
     * @param note    what went wrong, or empty
     */
    public record Trial(String backend, boolean correct, double medianUs, String note) {
    }

    /**
     * The choice for one graph and batch size.
     *
     * @param backend the chosen backend
     * @param reason  why, in words
     * @param trials  the calibration's measurements (empty when nothing was measured)
     */
    public record Choice(Backend backend, String reason, List<Trial> trials) {
        public Choice {
            trials = List.copyOf(trials);
        }
    }

    /**
     * Compiles {@code graph} for {@code batch} on the backend {@link #choose} picks.
     *
     * @throws GraphException               when shapes do not fit together
     * @throws UnsupportedOperatorException when an operator is outside the supported subset
     * @throws IllegalStateException        when the property names an unknown or unavailable backend
     */
    public static ExecutionPlan compile(Graph graph, int batch) throws GraphException, UnsupportedOperatorException {
        return Compiler.compile(graph, new CompileOptions(batch, choose(graph, batch).backend(), false));
    }

    /** The backend for {@code graph} at {@code batch}: named by the property, remembered, or calibrated now. */
    public static Choice choose(Graph graph, int batch) throws GraphException, UnsupportedOperatorException {
        String named = System.getProperty(Backends.PROPERTY, "").trim();
        if (!named.isEmpty() && !named.equals("auto")) {
            Backend b = named.equals("cpu") ? Backends.bestHost() : Backends.byName(named);
            return new Choice(b, "named by -D" + Backends.PROPERTY + "=" + named, List.of());
        }
        List<Backend> candidates = new ArrayList<>();
        candidates.add(Backends.bestHost());
        for (Backend b : Backends.available()) {
            if (b instanceof DeviceBackend d && d.accelerator()) {
                candidates.add(b);
            }
        }
        if (candidates.size() == 1) {
            return new Choice(candidates.get(0), "no GPU backend is available", List.of());
        }
        synchronized (CHOSEN) {
            Choice known = CHOSEN.computeIfAbsent(graph, g -> new HashMap<>()).get(batch);
            if (known != null) {
                return known;
            }
        }
        Choice c = calibrate(graph, batch, candidates, 300, 200);
        synchronized (CHOSEN) {
            CHOSEN.computeIfAbsent(graph, g -> new HashMap<>()).put(batch, c);
        }
        return c;
    }

    /**
     * Runs every candidate (the first is the CPU reference) on seeded inputs: outputs checked against the first
     * candidate's, then timed for about {@code warmupMs} + {@code measureMs}. The fastest correct candidate wins;
     * the reference always counts as correct.
     */
    static Choice calibrate(Graph graph, int batch, List<Backend> candidates, long warmupMs, long measureMs)
            throws GraphException, UnsupportedOperatorException {
        List<float[]> reference = null;
        List<Trial> trials = new ArrayList<>();
        Backend best = candidates.get(0);
        double bestUs = Double.POSITIVE_INFINITY;
        for (Backend b : candidates) {
            ExecutionPlan plan = Compiler.compile(graph, new CompileOptions(batch, b, false));
            if (!plan.backend().equals(b.name())) {
                trials.add(new Trial(b.name(), false, Double.NaN, "could not load the plan"));
                continue;
            }
            try (ExecutionContext ctx = plan.newContext()) {
                SplittableRandom rnd = new SplittableRandom(20261207L);
                for (int i = 0; i < plan.inputs().size(); i++) {
                    float[] in = new float[plan.inputs().get(i).shape().size()];
                    for (int j = 0; j < in.length; j++) {
                        in[j] = (float) rnd.nextDouble();
                    }
                    ctx.setInput(i, in);
                }
                ctx.run();
                List<float[]> outs = new ArrayList<>();
                for (int i = 0; i < plan.outputs().size(); i++) {
                    outs.add(ctx.output(i));
                }
                if (!ctx.activeBackend().equals(b.name())) {
                    trials.add(new Trial(b.name(), false, Double.NaN, "failed while running"));
                    continue;
                }
                String wrong = reference == null ? "" : differs(outs, reference);
                if (reference == null) {
                    reference = outs;
                }
                double us = time(ctx, warmupMs, measureMs);
                trials.add(new Trial(b.name(), wrong.isEmpty(), us, wrong));
                if (wrong.isEmpty() && us < bestUs && ctx.activeBackend().equals(b.name())) {
                    bestUs = us;
                    best = b;
                }
            }
        }
        StringBuilder why = new StringBuilder("calibrated at batch " + batch + ":");
        for (Trial t : trials) {
            why.append(String.format(Locale.ROOT, " %s %s;", t.backend(),
                    t.correct() ? String.format(Locale.ROOT, "%.1f us", t.medianUs()) : "ruled out (" + t.note() + ")"));
        }
        return new Choice(best, why.toString(), trials);
    }

    private static String differs(List<float[]> got, List<float[]> want) {
        for (int o = 0; o < want.size(); o++) {
            float[] g = got.get(o);
            float[] w = want.get(o);
            for (int i = 0; i < w.length; i++) {
                double e = Math.abs((double) g[i] - w[i]);
                if (!(e <= ATOL + RTOL * Math.abs(w[i]))) {
                    return String.format(Locale.ROOT, "output %d value %d is %g, the CPU's %g", o, i, g[i], w[i]);
                }
            }
        }
        return "";
    }

    /** Median microseconds per run, after a warm-up (so that the JIT has compiled the CPU kernels). */
    private static double time(ExecutionContext ctx, long warmupMs, long measureMs) {
        long end = System.nanoTime() + warmupMs * 1_000_000;
        int warm = 0;
        while (System.nanoTime() < end || warm < 3) {
            ctx.run();
            warm++;
        }
        double[] us = new double[15];
        int n = 0;
        long stop = System.nanoTime() + measureMs * 1_000_000;
        while (n < us.length && (n < 3 || System.nanoTime() < stop)) {
            long t0 = System.nanoTime();
            ctx.run();
            us[n++] = (System.nanoTime() - t0) / 1e3;
        }
        double[] sorted = Arrays.copyOf(us, n);
        Arrays.sort(sorted);
        return sorted[n / 2];
    }
}
