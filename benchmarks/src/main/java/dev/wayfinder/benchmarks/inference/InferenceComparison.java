package dev.wayfinder.benchmarks.inference;

import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.bench.InferenceBench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side table for {@code wayfinder bench inference}: the policy network on our Vector API backend
 * (float and INT8 dense; float on 2 threads, {@code wayfinder-vector-2t}, which splits the batch, or at batch 1
 * each large layer's output channels, over the threads, and whose fair peer is ONNX Runtime with all threads), our scalar reference, ONNX Runtime (one intra-op thread, and all threads) and DJL with its PyTorch engine
 * (one intra-op thread; only when DJL and the PyTorch native jar are on the class path, else a note on stderr says
 * it is left out), each warmed up and then timed over several runs; medians and ratios to ONNX Runtime and to
 * DJL + PyTorch. Options: {@code --json}, {@code --quick}, {@code --batch 1,32}, {@code --runs N},
 * {@code --no-scalar}, {@code --no-djl}.
 */
public final class InferenceComparison {

    private InferenceComparison() {
    }

    /** Label of the ONNX Runtime engine (one thread), the first ratio column. */
    static final String ORT = "onnxruntime";

    /** The engines compared, in table order, with DJL + PyTorch when it is on the class path. */
    public static List<InferenceBench.EngineFactory> engines(boolean scalar) {
        return engines(scalar, true);
    }

    /**
     * The engines compared, in table order.
     *
     * @param scalar include our scalar reference
     * @param djl    include DJL + PyTorch if it is on the class path (a note on stderr says when it is not)
     */
    public static List<InferenceBench.EngineFactory> engines(boolean scalar, boolean djl) {
        return engines(scalar, djl, System.err);
    }

    /** As {@link #engines(boolean, boolean)}, with notes (an engine left out, and why) printed to {@code notes}. */
    public static List<InferenceBench.EngineFactory> engines(boolean scalar, boolean djl, PrintStream notes) {
        List<InferenceBench.EngineFactory> list = new ArrayList<>();
        list.add(InferenceBench.core(Backends.preferred(), false));
        list.add(InferenceBench.core(Backends.preferred(), false, 2));
        list.add(InferenceBench.core(Backends.preferred(), true));
        if (scalar && !Backends.preferred().name().equals("scalar")) {
            list.add(InferenceBench.core(Backends.byName("scalar"), false));
        }
        list.add(OrtEngines.factory(1));
        list.add(OrtEngines.factory(0));
        if (djl) {
            String missing = djlMissing();
            if (missing == null) {
                list.add(DjlEngines.factory());
            } else {
                notes.println("note: " + DjlEngines.NAME + " left out: " + missing + " is not on the class path "
                        + "(run with the Maven-resolved class path for it, see benchmarks/README-inference.md)");
            }
        }
        return list;
    }

    /**
     * What is missing for this engine, or null when DJL's API, its PyTorch engine and the native PyTorch jar are all
     * on the class path. Loads no DJL class (this class has no DJL
     * types, so it runs without DJL; {@link DjlEngines} is loaded only once this found everything).
     */
    public static String djlMissing() {
        ClassLoader cl = InferenceComparison.class.getClassLoader();
        for (String[] need : new String[][] {
                {"ai.djl.engine.Engine", "ai.djl:api"},
                {"ai.djl.pytorch.engine.PtEngine", "ai.djl.pytorch:pytorch-engine"},
                {"ai.djl.pytorch.jni.LibUtils", "ai.djl.pytorch:pytorch-engine"}}) {
            try {
                Class.forName(need[0], false, cl);
            } catch (ClassNotFoundException | LinkageError e) {
                return need[1];
            }
        }
        if (cl.getResource("native/lib/pytorch.properties") == null) {
            return "ai.djl.pytorch:pytorch-native-cpu (classifier linux-x86_64)";
        }
        return null;
    }

    /** Runs the comparison and returns the table or JSON text; notes go to stderr. */
    public static String run(String[] args) throws Exception {
        return run(args, System.err);
    }

    /** Runs the comparison and returns the table or JSON text; notes (an engine left out) go to {@code notes}. */
    public static String run(String[] args, PrintStream notes) throws Exception {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        boolean scalar = !a.remove("--no-scalar");
        boolean djl = !a.remove("--no-djl");
        boolean json = a.contains("--json");
        InferenceBench.Options o;
        try {
            o = InferenceBench.parse(a.toArray(new String[0]), InferenceBench.Options::defaults);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", --no-scalar, --no-djl", e);
        }
        List<InferenceBench.Result> r = InferenceBench.run(engines(scalar, djl, notes), o);
        List<String> baselines = new ArrayList<>(List.of(ORT));
        if (r.stream().anyMatch(x -> x.engine().equals(DjlEngines.NAME))) {
            baselines.add(DjlEngines.NAME);
        }
        return json ? json(r, baselines) : table(r, baselines);
    }

    /** A text table per batch size, with each engine's median latency relative to each baseline's. */
    static String table(List<InferenceBench.Result> results, List<String> baselines) {
        StringBuilder sb = new StringBuilder();
        Map<Integer, List<InferenceBench.Result>> byBatch = new LinkedHashMap<>();
        for (InferenceBench.Result r : results) {
            byBatch.computeIfAbsent(r.batch(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<Integer, List<InferenceBench.Result>> e : byBatch.entrySet()) {
            sb.append(String.format(Locale.ROOT, "batch %d%n%-24s %12s %12s %12s %12s", e.getKey(), "engine",
                    "median us", "min us", "max us", "images/s"));
            for (String b : baselines) {
                sb.append(String.format(Locale.ROOT, " %14s", "x " + b));
            }
            sb.append(System.lineSeparator());
            for (InferenceBench.Result r : e.getValue()) {
                sb.append(String.format(Locale.ROOT, "%-24s %12.1f %12.1f %12.1f %12.0f", r.engine(), r.medianUs(),
                        r.minUs(), r.maxUs(), r.imagesPerS()));
                for (String b : baselines) {
                    sb.append(String.format(Locale.ROOT, " %14.3f", r.medianUs() / median(e.getValue(), b)));
                }
                sb.append(System.lineSeparator());
            }
        }
        sb.append("(ratio = median latency / the named engine's; below 1 is faster)\n");
        return sb.toString();
    }

    /**
     * The results as a JSON array of objects: fields as in {@link InferenceBench.Result}, {@code ratio_to_baseline}
     * (to the first baseline, ONNX Runtime, as before) and {@code ratio_to_<engine>} for each baseline
     * ({@code ratio_to_onnxruntime}, {@code ratio_to_djl_pytorch}).
     */
    static String json(List<InferenceBench.Result> results, List<String> baselines) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < results.size(); i++) {
            InferenceBench.Result r = results.get(i);
            List<InferenceBench.Result> same = results.stream().filter(x -> x.batch() == r.batch()).toList();
            sb.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "  {\"engine\": \"%s\", \"batch\": %d, \"median_us\": %.2f, \"min_us\": %.2f, \"max_us\": %.2f,"
                            + " \"images_per_s\": %.1f, \"ratio_to_baseline\": %s", r.engine(), r.batch(), r.medianUs(),
                    r.minUs(), r.maxUs(), r.imagesPerS(), ratio(r, same, baselines.get(0))));
            for (String b : baselines) {
                sb.append(", \"ratio_to_").append(b.replace('-', '_')).append("\": ").append(ratio(r, same, b));
            }
            sb.append('}');
        }
        return sb.append("\n]\n").toString();
    }

    private static double median(List<InferenceBench.Result> sameBatch, String engine) {
        return sameBatch.stream().filter(r -> r.engine().equals(engine)).mapToDouble(InferenceBench.Result::medianUs)
                .findFirst().orElse(Double.NaN);
    }

    private static String ratio(InferenceBench.Result r, List<InferenceBench.Result> sameBatch, String baseline) {
        double base = median(sameBatch, baseline);
        return Double.isNaN(base) ? "null" : String.format(Locale.ROOT, "%.3f", r.medianUs() / base);
    }

    public static void main(String[] args) throws Exception {
        try {
            System.out.print(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("bench inference: " + e.getMessage());
            System.exit(2);
        }
    }
}
