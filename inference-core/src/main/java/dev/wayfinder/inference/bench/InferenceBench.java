package dev.wayfinder.inference.bench;

import dev.wayfinder.inference.ModelException;
import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.compile.CompileOptions;
import dev.wayfinder.inference.compile.Compiler;
import dev.wayfinder.inference.compile.ExecutionContext;
import dev.wayfinder.inference.graph.Graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A quick side-by-side benchmark of inference engines on the {@link PolicyCnn}: time-based warm-up, then the
 * median over several measured runs of the mean latency per call. Prints a table (or JSON with {@code --json}).
 * This class knows only this core's backends; the benchmarks module adds peers (ONNX Runtime) through
 * {@link #run(List, Options)}. Not thread-safe. Numbers are wall-clock and noisy; compare ratios within one run.
 */
public final class InferenceBench {

    /** One engine under test: runs one batch of the policy network per call. */
    public interface Engine extends AutoCloseable {
        /** A short label for the table, e.g. {@code "wayfinder-vector"}. */
        String name();

        /** Runs one batched forward pass on the engine's own input. */
        void infer() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** Builds an engine for one batch size. */
    public interface EngineFactory {
        /** The engine's label. */
        String name();

        /** A ready engine for {@code batch} images. */
        Engine create(Graph graph, int batch) throws Exception;
    }

    /**
     * Benchmark settings.
     *
     * @param batches   batch sizes to measure (each >= 1)
     * @param warmupMs  warm-up time per engine and batch, in milliseconds (>= 0)
     * @param runs      measured runs per engine and batch (>= 1); the table shows their median
     * @param runMs     length of one measured run, in milliseconds (>= 1)
     */
    public record Options(int[] batches, long warmupMs, int runs, long runMs) {
        public Options {
            batches = batches.clone();
            if (batches.length == 0 || Arrays.stream(batches).anyMatch(b -> b < 1) || warmupMs < 0 || runs < 1 || runMs < 1) {
                throw new IllegalArgumentException("batches >= 1, warmupMs >= 0, runs >= 1, runMs >= 1 expected");
            }
        }

        /** Batches 1 and 32, at least 2 s warm-up, 9 rounds of 300 ms per engine. */
        public static Options defaults() {
            return new Options(new int[] {1, 32}, 2000, 9, 300);
        }
    }

    /**
     * One measured row.
     *
     * @param engine      engine label
     * @param batch       batch size
     * @param medianUs    median over runs of microseconds per call
     * @param minUs       fastest run, microseconds per call
     * @param maxUs       slowest run, microseconds per call
     * @param imagesPerS  batch / median, images per second
     */
    public record Result(String engine, int batch, double medianUs, double minUs, double maxUs, double imagesPerS) {
    }

    private InferenceBench() {
    }

    /**
     * Factories for this core's available host backends (float weights), plus INT8 dense on the preferred one. The
     * device backends have their own benchmark ({@link BackendBench}).
     */
    public static List<EngineFactory> coreEngines() {
        List<EngineFactory> list = new ArrayList<>();
        for (Backend b : Backends.available()) {
            if (b instanceof dev.wayfinder.inference.backend.device.DeviceBackend) {
                continue;
            }
            list.add(core(b, false));
        }
        list.add(core(Backends.preferred(), true));
        return list;
    }

    /** A factory running the graph on {@code backend}, optionally with INT8 dense layers. */
    public static EngineFactory core(Backend backend, boolean int8) {
        return core(backend, int8, 1);
    }

    /**
     * A factory running the graph on {@code backend}, optionally with INT8 dense layers, with the batch split over
     * {@code threads} threads ({@link CompileOptions#threads()}; labelled {@code -Nt} when above 1).
     */
    public static EngineFactory core(Backend backend, boolean int8, int threads) {
        String label = "wayfinder-" + backend.name() + (int8 ? "-int8" : "") + (threads > 1 ? "-" + threads + "t" : "");
        return new EngineFactory() {
            public String name() {
                return label;
            }

            public Engine create(Graph graph, int batch) throws ModelException {
                ExecutionContext ctx = Compiler.compile(graph, new CompileOptions(batch, backend, int8, threads))
                        .newContext();
                ctx.setInput(0, PolicyCnn.images(1, batch));
                return new Engine() {
                    public String name() {
                        return label;
                    }

                    public void infer() {
                        ctx.run();
                    }

                    public void close() {
                        ctx.close();
                    }
                };
            }
        };
    }

    /**
     * Measures every factory at every batch size on the policy network (seed 1). Per batch size all engines are
     * created and warmed up, then measured round-robin (run 1 of every engine, then run 2, ...), so that load
     * from other processes falls on all engines alike and the ratios stay meaningful on a busy machine.
     */
    public static List<Result> run(List<EngineFactory> factories, Options options) throws Exception {
        Graph graph = PolicyCnn.build(1);
        List<Result> results = new ArrayList<>();
        for (int batch : options.batches()) {
            List<Engine> engines = new ArrayList<>();
            try {
                for (EngineFactory f : factories) {
                    engines.add(f.create(graph, batch));
                }
                for (Engine e : engines) {
                    warmUp(e, options);
                }
                double[][] us = new double[engines.size()][options.runs()];
                for (int r = 0; r < options.runs(); r++) {
                    for (int i = 0; i < engines.size(); i++) {
                        // Let the previous engine's threads go quiet first: ONNX Runtime's pool keeps spinning for
                        // a while after its last call, and the engine after it lost ~10 % on this 2-core machine.
                        Thread.sleep(SETTLE_MS);
                        us[i][r] = chunk(engines.get(i), options.runMs());
                    }
                }
                for (int i = 0; i < engines.size(); i++) {
                    double[] sorted = us[i].clone();
                    Arrays.sort(sorted);
                    double median = sorted[sorted.length / 2];
                    results.add(new Result(engines.get(i).name(), batch, median, sorted[0], sorted[sorted.length - 1],
                            batch * 1e6 / median));
                }
            } finally {
                for (Engine e : engines) {
                    e.close();
                }
            }
        }
        return results;
    }

    /**
     * Warm-up ends only once the JIT has settled: at least warmupMs and {@link #MIN_WARMUP_CALLS} calls (Vector
     * API code runs boxed, ~1000x slower, until C2 compiles it), then until a 250 ms chunk is no longer 5 %
     * faster than the best before it; at most {@link #MAX_WARMUP_MS}.
     */
    private static final long MAX_WARMUP_MS = 20_000;
    private static final long MIN_WARMUP_CALLS = 200;

    private static void warmUp(Engine e, Options o) throws Exception {
        long start = System.nanoTime();
        double previous = Double.POSITIVE_INFINITY;
        long calls = 0;
        while (true) {
            double current = chunk(e, 250);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            calls += Math.max(1, (long) (250_000 / current));
            if (elapsedMs >= MAX_WARMUP_MS
                    || (elapsedMs >= o.warmupMs() && calls >= MIN_WARMUP_CALLS && current > 0.95 * previous)) {
                return;
            }
            previous = Math.min(previous, current);
        }
    }

    /** Mean microseconds per call over a chunk of about {@code ms} milliseconds (at least one call). */
    /** Pause before each measured run, so that no engine runs beside another one's lingering threads. */
    private static final long SETTLE_MS = 50;

    private static double chunk(Engine e, long ms) throws Exception {
        long start = System.nanoTime();
        long stop = start + ms * 1_000_000;
        long calls = 0;
        long now;
        do {
            e.infer();
            calls++;
            now = System.nanoTime();
        } while (now < stop);
        return (now - start) / 1e3 / calls;
    }

    /** A text table per batch size, with each engine's median latency relative to {@code baseline}'s. */
    public static String table(List<Result> results, String baseline) {
        StringBuilder sb = new StringBuilder();
        Map<Integer, List<Result>> byBatch = new LinkedHashMap<>();
        for (Result r : results) {
            byBatch.computeIfAbsent(r.batch(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<Integer, List<Result>> e : byBatch.entrySet()) {
            double base = e.getValue().stream().filter(r -> r.engine().equals(baseline)).mapToDouble(Result::medianUs)
                    .findFirst().orElse(Double.NaN);
            sb.append(String.format(Locale.ROOT, "batch %d%n%-24s %12s %12s %12s %12s %10s%n", e.getKey(), "engine",
                    "median us", "min us", "max us", "images/s", "x " + baseline.replace("wayfinder-", "")));
            for (Result r : e.getValue()) {
                sb.append(String.format(Locale.ROOT, "%-24s %12.1f %12.1f %12.1f %12.0f %10.2f%n", r.engine(), r.medianUs(),
                        r.minUs(), r.maxUs(), r.imagesPerS(), r.medianUs() / base));
            }
        }
        sb.append("(ratio = median latency / ").append(baseline).append("'s; below 1 is faster)\n");
        return sb.toString();
    }

    /** The results as a JSON array of objects (fields as in {@link Result}, plus the ratio to {@code baseline}). */
    public static String json(List<Result> results, String baseline) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            double base = results.stream().filter(x -> x.batch() == r.batch() && x.engine().equals(baseline))
                    .mapToDouble(Result::medianUs).findFirst().orElse(Double.NaN);
            sb.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "  {\"engine\": \"%s\", \"batch\": %d, \"median_us\": %.2f, \"min_us\": %.2f, \"max_us\": %.2f,"
                            + " \"images_per_s\": %.1f, \"ratio_to_baseline\": %s}", r.engine(), r.batch(), r.medianUs(),
                    r.minUs(), r.maxUs(), r.imagesPerS(), Double.isNaN(base) ? "null"
                            : String.format(Locale.ROOT, "%.3f", r.medianUs() / base)));
        }
        return sb.append("\n]\n").toString();
    }

    /** Parses {@code --json}, {@code --quick}, {@code --batch N[,M]}, {@code --runs N}. */
    public static Options parse(String[] args, Supplier<Options> defaults) {
        Options o = defaults.get();
        int[] batches = o.batches();
        long warm = o.warmupMs();
        int runs = o.runs();
        long runMs = o.runMs();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> {
                    warm = 500;
                    runs = 5;
                    runMs = 100;
                }
                case "--batch" -> batches = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--json" -> {
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --json, --quick, --batch N[,M], --runs N");
            }
        }
        return new Options(batches, warm, runs, runMs);
    }

    /**
     * Runs this core's engines and returns the table (or JSON with {@code --json}), ratios against the scalar
     * reference. Arguments as in {@link #parse}.
     *
     * @throws IllegalArgumentException for unknown or malformed arguments
     */
    public static String report(String[] args) throws Exception {
        Options o = parse(args, Options::defaults);
        List<Result> r = run(coreEngines(), o);
        boolean json = Arrays.asList(args).contains("--json");
        return json ? json(r, "wayfinder-scalar") : table(r, "wayfinder-scalar");
    }

    /** Command line: {@code [--json] [--quick] [--batch 1,32] [--runs 7]}; this core's backends only. */
    public static void main(String[] args) throws Exception {
        try {
            System.out.print(report(args));
        } catch (IllegalArgumentException e) {
            System.err.println("inference bench: " + e.getMessage());
            System.exit(2);
        }
    }
}
