package dev.wayfinder.benchmarks.inference;

import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.bench.InferenceBench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The side-by-side table for {@code wayfinder bench inference}: the policy network on our Vector API backend
 * (float and INT8 dense; float on 2 threads, {@code wayfinder-vector-2t}, which splits the batch, or at batch 1
 * each large layer's output channels, over the threads, and whose fair peer is ONNX Runtime with all threads), our scalar reference, and ONNX Runtime (one intra-op thread, and all threads), each
 * warmed up and then timed over several runs; medians and ratios to ONNX Runtime. Options:
 * {@code --json}, {@code --quick}, {@code --batch 1,32}, {@code --runs N}, {@code --no-scalar}.
 */
public final class InferenceComparison {

    private InferenceComparison() {
    }

    /** The engines compared, in table order. */
    public static List<InferenceBench.EngineFactory> engines(boolean scalar) {
        List<InferenceBench.EngineFactory> list = new ArrayList<>();
        list.add(InferenceBench.core(Backends.preferred(), false));
        list.add(InferenceBench.core(Backends.preferred(), false, 2));
        list.add(InferenceBench.core(Backends.preferred(), true));
        if (scalar && !Backends.preferred().name().equals("scalar")) {
            list.add(InferenceBench.core(Backends.byName("scalar"), false));
        }
        list.add(OrtEngines.factory(1));
        list.add(OrtEngines.factory(0));
        return list;
    }

    /** Runs the comparison and returns the table or JSON text. */
    public static String run(String[] args) throws Exception {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        boolean scalar = !a.remove("--no-scalar");
        boolean json = a.contains("--json");
        InferenceBench.Options o = InferenceBench.parse(a.toArray(new String[0]), InferenceBench.Options::defaults);
        List<InferenceBench.Result> r = InferenceBench.run(engines(scalar), o);
        return json ? InferenceBench.json(r, "onnxruntime") : InferenceBench.table(r, "onnxruntime");
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
