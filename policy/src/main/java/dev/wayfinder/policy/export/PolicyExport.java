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
        int o = 0;
        dims.put(g.outputs().get(o++), new int[] {-1, w.spec().actions()});
        if (w.spec().memorySectors() > 0) {
            dims.put(g.outputs().get(o++), new int[] {-1, NetworkSpec.AUX_TARGETS});
        }
        if (w.spec().recurrent()) {
            dims.put(g.outputs().get(o), new int[] {-1, w.spec().recurrentUnits()});
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
     * Max |difference| between {@code p}'s outputs (logits, the depth profile of a network with obstacle memory, the
     * new hidden state of a recurrent network) and DJL's for the same seeded inputs; a recurrent network is run for
     * three steps, each step's state carrying the previous step's hidden state (DJL's and inference-core's each their
     * own).
     */
    public static double compareWithDjl(InferencePolicy p, PolicyWeights w, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        NetworkSpec spec = w.spec();
        int steps = spec.recurrent() ? 3 : 1;
        int r = spec.recurrentUnits();
        float[] djlStates = new float[p.states().length];
        float[] djlHidden = new float[0];
        double max = 0;
        try (DjlLearner l = new DjlLearner(w, 1e-3f, 0)) {
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < p.images().length; i++) {
                    p.images()[i] = (float) rnd.nextDouble() - 0.5f;
                }
                for (int k = 0; k < p.batch(); k++) {
                    for (int i = 0; i < spec.hiddenOffset(); i++) {
                        p.states()[k * spec.stateSize() + i] = (float) rnd.nextDouble();
                    }
                }
                System.arraycopy(p.states(), 0, djlStates, 0, djlStates.length);
                if (t > 0) {
                    for (int k = 0; k < p.batch(); k++) {
                        System.arraycopy(p.hidden(), k * r, p.states(), k * spec.stateSize() + spec.hiddenOffset(), r);
                        System.arraycopy(djlHidden, k * r, djlStates, k * spec.stateSize() + spec.hiddenOffset(), r);
                    }
                }
                float[] core = p.run().clone();
                float[] djl = l.logits(p.images(), djlStates, p.batch());
                for (int i = 0; i < core.length; i++) {
                    max = Math.max(max, Math.abs(core[i] - djl[i]));
                }
                if (spec.memorySectors() > 0) {
                    // A network with obstacle memory also exports its depth-profile head.
                    float[] djlDepth = l.depthProfile(p.images(), djlStates, p.batch());
                    for (int i = 0; i < djlDepth.length; i++) {
                        max = Math.max(max, Math.abs(p.depthProfile()[i] - djlDepth[i]));
                    }
                }
                if (spec.recurrent()) {
                    djlHidden = l.hidden(p.images(), djlStates, p.batch());
                    for (int i = 0; i < djlHidden.length; i++) {
                        max = Math.max(max, Math.abs(p.hidden()[i] - djlHidden[i]));
                    }
                }
            }
        }
        return max;
    }
}
