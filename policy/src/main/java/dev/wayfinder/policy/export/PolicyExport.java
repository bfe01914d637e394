package dev.wayfinder.policy.export;

import dev.wayfinder.inference.format.ModelFile;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.policy.data.AtomicFiles;
import dev.wayfinder.policy.net.DjlLearner;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.PolicyGraph;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Exports trained weights for deployment: the inference-core model file ({@code policy.wfm}) and ONNX
 * ({@code policy.onnx}), and verifies the inference-core file by reading it back, compiling it and comparing
 * its logits with DJL's on seeded random inputs.
 */
public final class PolicyExport {
    /** Largest allowed difference between exported and DJL logits. */
    public static final double TOLERANCE = 1e-4;

    /**
     * What was written and how closely the re-read model file matches DJL.
     *
     * @param modelFile   the inference-core model
     * @param onnxFile    the ONNX model
     * @param maxAbsDiff  max |logit difference| between the re-read model on inference-core and DJL
     */
    public record Result(Path modelFile, Path onnxFile, double maxAbsDiff) {
    }

    private PolicyExport() {
    }

    /**
     * Writes both files into {@code dir} and verifies the model file.
     *
     * @throws IllegalStateException when the verification exceeds {@link #TOLERANCE}
     */
    public static Result export(PolicyWeights w, Path dir) throws IOException {
        Files.createDirectories(dir);
        Graph g = PolicyGraph.build(w);
        Path wfm = dir.resolve("policy.wfm");
        AtomicFiles.write(wfm, ModelFile.toBytes(g));
        Path onnx = dir.resolve("policy.onnx");
        Map<String, int[]> dims = new java.util.LinkedHashMap<>();
        dims.put(g.outputs().get(0), new int[] {-1, w.spec().actions()});
        if (g.outputs().size() > 1) {
            dims.put(g.outputs().get(1), new int[] {-1, NetworkSpec.AUX_TARGETS});
        }
        AtomicFiles.write(onnx, OnnxWriter.write(g, dims));
        Graph back;
        try {
            back = ModelFile.read(wfm);
        } catch (Exception e) {
            throw new IllegalStateException("the exported model file " + wfm + " does not read back: " + e.getMessage(),
                    e);
        }
        double diff = compareWithDjl(new InferencePolicy(back, w.spec(), 4), w, 17);
        if (!(diff <= TOLERANCE)) {
            throw new IllegalStateException("exported model differs from DJL by " + diff + " (> " + TOLERANCE + ")");
        }
        return new Result(wfm, onnx, diff);
    }

    /**
     * Max |difference| between {@code p}'s outputs (logits, and the depth profile of a network with obstacle memory)
     * and DJL's for the same seeded inputs.
     */
    public static double compareWithDjl(InferencePolicy p, PolicyWeights w, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < p.images().length; i++) {
            p.images()[i] = (float) rnd.nextDouble() - 0.5f;
        }
        for (int i = 0; i < p.states().length; i++) {
            p.states()[i] = (float) rnd.nextDouble();
        }
        float[] core = p.run().clone();
        float[] djl;
        float[] djlDepth = new float[0];
        try (DjlLearner l = new DjlLearner(w, 1e-3f, 0)) {
            djl = l.logits(p.images(), p.states(), p.batch());
            if (w.spec().memorySectors() > 0) {
                djlDepth = l.depthProfile(p.images(), p.states(), p.batch());
            }
        }
        double max = 0;
        for (int i = 0; i < core.length; i++) {
            max = Math.max(max, Math.abs(core[i] - djl[i]));
        }
        // A network with obstacle memory also exports its depth-profile head.
        for (int i = 0; i < djlDepth.length; i++) {
            max = Math.max(max, Math.abs(p.depthProfile()[i] - djlDepth[i]));
        }
        return max;
    }
}
