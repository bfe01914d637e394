package dev.wayfinder.inference.bench;

import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.backend.device.DeviceBackend;
import dev.wayfinder.inference.backend.device.DeviceFallback;
import dev.wayfinder.inference.backend.scalar.ScalarBackend;
import dev.wayfinder.inference.compile.CompileOptions;
import dev.wayfinder.inference.compile.Compiler;
import dev.wayfinder.inference.compile.ExecutionContext;
import dev.wayfinder.inference.compile.ExecutionPlan;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.ValueInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The backend benchmark ({@code wayfinder bench inference --backend cpu|opencl|cuda|all}): every operator case and
 * every model of {@link BenchModels} on each chosen engine at each batch size. Before an engine is timed on a case,
 * its outputs for the first images of the batch are checked against the scalar reference; a row is
 * {@code verified} only when that check passed on the engine itself (a device plan that fell back to the CPU is
 * not). Engines that are unavailable here get one row saying why. Times are medians of several timed runs of
 * whole-batch calls, transfers to and from the device included.
 */
public final class BackendBench {

    /** Outputs may differ from the scalar reference by this much (absolute plus relative). */
    static final double ATOL = 1e-3, RTOL = 1e-3;
    /** Images of each batch checked against the scalar reference. */
    static final int CHECKED_IMAGES = 4;

    private BackendBench() {
    }

    /**
     * Settings.
     *
     * @param engines  "cpu", "opencl", "cuda" (in this order when "all")
     * @param batches  batch sizes
     * @param warmupMs warm-up per engine, case and batch
     * @param runs     timed runs (their median is reported)
     * @param runMs    length of one timed run
     * @param ops      whether to include the single-operator cases
     * @param models   whether to include the whole models
     */
    public record Options(List<String> engines, int[] batches, long warmupMs, int runs, long runMs, boolean ops,
                          boolean models) {
        public Options {
            engines = List.copyOf(engines);
            batches = batches.clone();
            if (engines.isEmpty() || batches.length == 0 || Arrays.stream(batches).anyMatch(b -> b < 1 || b > 4096)
                    || warmupMs < 0 || runs < 1 || runMs < 1) {
                throw new IllegalArgumentException("engines, batches 1..4096, warm-up >= 0, runs >= 1, run length >= 1 expected");
            }
            for (String e : engines) {
                if (!List.of("cpu", "opencl", "cuda").contains(e)) {
                    throw new IllegalArgumentException("unknown backend '" + e + "'; expected cpu, opencl, cuda or all");
                }
            }
        }

        /** The engines {@code choice} ("cpu", "opencl", "cuda" or "all") names. */
        public static List<String> engines(String choice) {
            return switch (choice) {
                case "all" -> List.of("cpu", "opencl", "cuda");
                case "cpu", "opencl", "cuda" -> List.of(choice);
                default -> throw new IllegalArgumentException("unknown --backend '" + choice
                        + "'; expected cpu, opencl, cuda or all");
            };
        }
    }

    /**
     * One row.
     *
     * @param testCase  the case's name
     * @param model     whether it is a whole model (else one operator)
     * @param engine    "cpu", "opencl" or "cuda"
     * @param backend   the backend that ran (e.g. "vector" for cpu), or empty
     * @param batch     batch size
     * @param available whether the engine is available here
     * @param verified  whether the engine's outputs were checked against the scalar reference before timing
     * @param note      why it was not run or not verified, or empty
     * @param medianUs  median microseconds per call (NaN when not timed)
     * @param minUs     fastest timed run
     * @param maxUs     slowest timed run
     */
    public record Row(String testCase, boolean model, String engine, String backend, int batch, boolean available,
                      boolean verified, String note, double medianUs, double minUs, double maxUs) {
        /** Images per second at the median. */
        public double imagesPerS() {
            return batch * 1e6 / medianUs;
        }
    }

    /** The backend behind {@code engine}, available or not. */
    static Backend backend(String engine) {
        if (engine.equals("cpu")) {
            return Backends.bestHost();
        }
        for (Backend b : Backends.all()) {
            if (b.name().equals(engine)) {
                return b;
            }
        }
        throw new IllegalStateException("no '" + engine + "' backend on the class path");
    }

    /** Each engine in words: the backend and device, or why it is unavailable. */
    public static Map<String, String> devices(Options o) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String e : o.engines()) {
            Backend b = backend(e);
            m.put(e, b instanceof DeviceBackend d ? d.describe() : b.name() + " backend on the host CPU ("
                    + Runtime.getRuntime().availableProcessors() + " hardware threads, 1 used)");
        }
        return m;
    }

    /** Runs the benchmark; {@code progress} gets a line per case and batch. */
    public static List<Row> run(Options o, Consumer<String> progress) throws Exception {
        List<BenchModels.Case> cases = new ArrayList<>();
        if (o.ops()) {
            cases.addAll(BenchModels.ops().values());
        }
        if (o.models()) {
            cases.addAll(BenchModels.models().values());
        }
        List<Row> rows = new ArrayList<>();
        Consumer<String> quiet = DeviceFallback.sink(msg -> progress.accept(msg));
        try {
            for (String e : o.engines()) {
                Backend b = backend(e);
                if (!b.isAvailable()) {
                    rows.add(new Row("*", false, e, "", 0, false, false, b.unavailableReason(), Double.NaN, Double.NaN,
                            Double.NaN));
                    continue;
                }
                for (BenchModels.Case c : cases) {
                    for (int batch : o.batches()) {
                        progress.accept(String.format(Locale.ROOT, "%s: %s, batch %d", e, c.name(), batch));
                        rows.add(measure(c, e, b, batch, o));
                    }
                }
            }
        } finally {
            DeviceFallback.sink(quiet);
        }
        return rows;
    }

    private static Row measure(BenchModels.Case c, String engine, Backend b, int batch, Options o) throws Exception {
        Graph g = c.graph();
        float[][] in = inputs(g, batch);
        ExecutionPlan plan = Compiler.compile(g, new CompileOptions(batch, b, c.int8()));
        if (!plan.backend().equals(b.name())) {
            return new Row(c.name(), c.model(), engine, plan.backend(), batch, true, false,
                    "the device could not load the plan; it fell back to " + plan.backend(), Double.NaN, Double.NaN, Double.NaN);
        }
        try (ExecutionContext ctx = plan.newContext()) {
            for (int i = 0; i < in.length; i++) {
                ctx.setInput(i, in[i]);
            }
            ctx.run();
            String problem = check(g, c.int8(), batch, in, ctx);
            if (!ctx.activeBackend().equals(b.name())) {
                problem = "the device failed while running; it fell back to " + ctx.activeBackend();
            }
            if (!problem.isEmpty()) {
                return new Row(c.name(), c.model(), engine, ctx.activeBackend(), batch, true, false, problem, Double.NaN,
                        Double.NaN, Double.NaN);
            }
            double[] us = time(ctx, o);
            return new Row(c.name(), c.model(), engine, b.name(), batch, true, true, "", us[us.length / 2], us[0],
                    us[us.length - 1]);
        }
    }

    /** Seeded inputs: every input of these graphs has the batch as its first dimension. */
    static float[][] inputs(Graph g, int batch) {
        SplittableRandom rnd = new SplittableRandom(20261207L + batch);
        float[][] in = new float[g.inputs().size()][];
        for (int i = 0; i < in.length; i++) {
            ValueInfo v = g.inputs().get(i);
            int n = batch;
            for (int j = 1; j < v.dims().length; j++) {
                n *= v.dims()[j];
            }
            in[i] = new float[n];
            for (int j = 0; j < n; j++) {
                in[i][j] = (float) (rnd.nextDouble() * 2 - 1);
            }
        }
        return in;
    }

    /** The engine's outputs for the first images against the scalar reference run on those images alone; "" when equal. */
    private static String check(Graph g, boolean int8, int batch, float[][] in, ExecutionContext ctx) throws Exception {
        int k = Math.min(batch, CHECKED_IMAGES);
        ExecutionPlan ref = Compiler.compile(g, new CompileOptions(k, new ScalarBackend(), int8));
        try (ExecutionContext rc = ref.newContext()) {
            for (int i = 0; i < in.length; i++) {
                rc.setInput(i, Arrays.copyOf(in[i], in[i].length / batch * k));
            }
            rc.run();
            for (int o = 0; o < ref.outputs().size(); o++) {
                float[] want = rc.output(o);
                float[] got = ctx.output(o);
                for (int i = 0; i < want.length; i++) {
                    double e = Math.abs((double) got[i] - want[i]);
                    if (!(e <= ATOL + RTOL * Math.abs(want[i]))) {
                        return String.format(Locale.ROOT, "output %d value %d is %g, the scalar reference's %g", o, i,
                                got[i], want[i]);
                    }
                }
            }
        }
        return "";
    }

    /**
     * Calls of the warm-up: the Vector API kernels run boxed, orders of magnitude slower, until C2 has compiled them,
     * so a warm-up ends only after this many calls (or {@link #MAX_WARMUP_FACTOR} times the warm-up time).
     */
    static final int MIN_WARMUP_CALLS = 200;
    static final int MAX_WARMUP_FACTOR = 8;

    /** Sorted per-call microseconds of each timed run, after the warm-up. */
    private static double[] time(ExecutionContext ctx, Options o) {
        long start = System.nanoTime();
        long end = start + o.warmupMs() * 1_000_000;
        long cap = start + MAX_WARMUP_FACTOR * o.warmupMs() * 1_000_000;
        int calls = 0;
        long now;
        do {
            ctx.run();
            calls++;
            now = System.nanoTime();
        } while (now < end || (calls < MIN_WARMUP_CALLS && now < cap));
        double[] us = new double[o.runs()];
        for (int r = 0; r < o.runs(); r++) {
            long t0 = System.nanoTime();
            long stop = t0 + o.runMs() * 1_000_000;
            long timed = 0;
            long t;
            do {
                ctx.run();
                timed++;
                t = System.nanoTime();
            } while (t < stop);
            us[r] = (t - t0) / 1e3 / timed;
        }
        Arrays.sort(us);
        return us;
    }

    private static double cpuUs(List<Row> rows, Row r) {
        return rows.stream().filter(x -> x.engine().equals("cpu") && x.testCase().equals(r.testCase())
                && x.batch() == r.batch() && x.verified()).mapToDouble(Row::medianUs).findFirst().orElse(Double.NaN);
    }

    /** A text table: devices first, then one line per case, batch and engine, with the ratio to the CPU's median. */
    public static String table(List<Row> rows, Map<String, String> devices) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> d : devices.entrySet()) {
            sb.append(String.format(Locale.ROOT, "%-7s %s%n", d.getKey() + ":", d.getValue()));
        }
        sb.append(String.format(Locale.ROOT, "%n%-36s %6s %-7s %12s %12s %8s  %s%n", "case", "batch", "engine", "median us",
                "images/s", "x cpu", "verified"));
        for (Row r : rows) {
            if (!r.available()) {
                sb.append(String.format(Locale.ROOT, "%-36s %6s %-7s unavailable: %s%n", "(all)", "", r.engine(), r.note()));
                continue;
            }
            if (Double.isNaN(r.medianUs())) {
                sb.append(String.format(Locale.ROOT, "%-36s %6d %-7s %12s %12s %8s  no: %s%n", r.testCase(), r.batch(),
                        r.engine(), "-", "-", "-", r.note()));
                continue;
            }
            double cpu = cpuUs(rows, r);
            sb.append(String.format(Locale.ROOT, "%-36s %6d %-7s %12.1f %12.0f %8s  %s%n", r.testCase(), r.batch(),
                    r.engine(), r.medianUs(), r.imagesPerS(), Double.isNaN(cpu) ? "-"
                            : String.format(Locale.ROOT, "%.2f", r.medianUs() / cpu), r.verified() ? "yes" : "no"));
        }
        sb.append("(x cpu = median latency / the cpu engine's; below 1 is faster. verified: outputs of the first ")
                .append(CHECKED_IMAGES).append(" images checked against the scalar reference before timing)\n");
        return sb.toString();
    }

    /** The rows as a JSON array of objects; {@code verified} is true only for rows checked before timing. */
    public static String json(List<Row> rows, Map<String, String> devices) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double cpu = cpuUs(rows, r);
            sb.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "  {\"case\": %s, \"kind\": \"%s\", \"engine\": \"%s\", \"backend\": %s, \"device\": %s, \"batch\": %d,"
                            + " \"available\": %b, \"verified\": %b, \"median_us\": %s, \"min_us\": %s, \"max_us\": %s,"
                            + " \"images_per_s\": %s, \"ratio_to_cpu\": %s, \"note\": %s}",
                    quote(r.testCase()), r.model() ? "model" : "op", r.engine(), quote(r.backend()),
                    quote(devices.getOrDefault(r.engine(), "")), r.batch(), r.available(), r.verified(), num(r.medianUs()),
                    num(r.minUs()), num(r.maxUs()), num(r.imagesPerS()),
                    Double.isNaN(cpu) || Double.isNaN(r.medianUs()) ? "null" : String.format(Locale.ROOT, "%.3f", r.medianUs() / cpu),
                    quote(r.note())));
        }
        return sb.append("\n]\n").toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
