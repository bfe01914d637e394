package dev.wayfinder.policy.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.wayfinder.policy.net.DjlLearner;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both exports compute what DJL computes: the model file on inference-core, the ONNX file on ONNX Runtime. */
class ExportTest {
    @ParameterizedTest(name = "memory sectors {0}")
    @ValueSource(ints = {0, 16})
    void modelFileAndOnnxMatchDjl(int memorySectors, @TempDir Path dir) throws Exception {
        long seed = 21;
        NetworkSpec spec = NetworkSpec.DEFAULT.withMemorySectors(memorySectors);
        PolicyWeights w = PolicyWeights.random(spec, seed);
        PolicyExport.Result r = PolicyExport.export(w, dir);
        assertTrue(r.maxAbsDiff() <= PolicyExport.TOLERANCE, "seed " + seed + ": model file diff " + r.maxAbsDiff());

        int n = 3;
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] img = new float[n * spec.imageSize()];
        float[] st = new float[n * spec.stateSize()];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) rnd.nextDouble() - 0.5f;
        }
        for (int i = 0; i < st.length; i++) {
            st[i] = (float) rnd.nextDouble();
        }
        float[] djl;
        float[] djlDepth = null;
        try (DjlLearner l = new DjlLearner(w, 1e-3f, 0)) {
            djl = l.logits(img, st, n);
            if (memorySectors > 0) {
                djlDepth = l.depthProfile(img, st, n);
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(Files.readAllBytes(r.onnxFile()), new OrtSession.SessionOptions());
             OnnxTensor ti = OnnxTensor.createTensor(env, FloatBuffer.wrap(img),
                     new long[] {n, 3, spec.height(), spec.width()});
             OnnxTensor ts = OnnxTensor.createTensor(env, FloatBuffer.wrap(st), new long[] {n, spec.stateSize()});
             OrtSession.Result out = s.run(Map.of("image", ti, "state", ts))) {
            float[][] ort = (float[][]) out.get(0).getValue();
            double max = 0;
            for (int k = 0; k < n; k++) {
                for (int a = 0; a < spec.actions(); a++) {
                    max = Math.max(max, Math.abs(ort[k][a] - djl[k * spec.actions() + a]));
                }
            }
            assertTrue(max <= 1e-4, "seed " + seed + ": ONNX Runtime vs DJL max abs diff " + max);
            assertTrue(out.size() == (memorySectors > 0 ? 2 : 1), "outputs: " + out.size());
            if (djlDepth != null) {
                float[][] depth = (float[][]) out.get(1).getValue();
                double dmax = 0;
                for (int k = 0; k < n; k++) {
                    for (int b = 0; b < NetworkSpec.AUX_TARGETS; b++) {
                        dmax = Math.max(dmax, Math.abs(depth[k][b] - djlDepth[k * NetworkSpec.AUX_TARGETS + b]));
                    }
                }
                assertTrue(dmax <= 1e-4, "seed " + seed + ": depth profile, ONNX Runtime vs DJL max abs diff " + dmax);
            }
        }
    }

    /**
     * A recurrent network exports its new hidden state as the last output; run on ONNX Runtime for several steps, each
     * step's state carrying the last step's hidden output, it follows DJL step by step.
     */
    @ParameterizedTest(name = "memory sectors {0}")
    @ValueSource(ints = {0, 16})
    void aRecurrentNetworkExportsItsHiddenStateAndFollowsDjlOverSteps(int memorySectors, @TempDir Path dir)
            throws Exception {
        long seed = 23;
        NetworkSpec spec = NetworkSpec.DEFAULT.withMemorySectors(memorySectors).withRecurrentUnits(64);
        PolicyWeights w = PolicyWeights.random(spec, seed);
        PolicyExport.Result r = PolicyExport.export(w, dir);
        assertTrue(r.maxAbsDiff() <= PolicyExport.TOLERANCE, "seed " + seed + ": model file diff " + r.maxAbsDiff());
        int n = 2;
        int units = spec.recurrentUnits();
        int ss = spec.stateSize();
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] ortHidden = new float[n * units];
        float[] djlHidden = new float[n * units];
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (DjlLearner l = new DjlLearner(w, 1e-3f, 0);
             OrtSession s = env.createSession(Files.readAllBytes(r.onnxFile()), new OrtSession.SessionOptions())) {
            assertEquals(memorySectors > 0 ? 3 : 2, s.getOutputNames().size(), "outputs: " + s.getOutputNames());
            for (int t = 0; t < 4; t++) {
                float[] img = new float[n * spec.imageSize()];
                float[] st = new float[n * ss];
                for (int i = 0; i < img.length; i++) {
                    img[i] = (float) rnd.nextDouble() - 0.5f;
                }
                for (int k = 0; k < n; k++) {
                    for (int i = 0; i < spec.hiddenOffset(); i++) {
                        st[k * ss + i] = (float) rnd.nextDouble();
                    }
                }
                float[] djlSt = st.clone();
                for (int k = 0; k < n; k++) {
                    System.arraycopy(ortHidden, k * units, st, k * ss + spec.hiddenOffset(), units);
                    System.arraycopy(djlHidden, k * units, djlSt, k * ss + spec.hiddenOffset(), units);
                }
                float[] djl = l.logits(img, djlSt, n);
                djlHidden = l.hidden(img, djlSt, n);
                try (OnnxTensor ti = OnnxTensor.createTensor(env, FloatBuffer.wrap(img),
                        new long[] {n, 3, spec.height(), spec.width()});
                     OnnxTensor ts = OnnxTensor.createTensor(env, FloatBuffer.wrap(st), new long[] {n, ss});
                     OrtSession.Result out = s.run(Map.of("image", ti, "state", ts))) {
                    float[][] ort = (float[][]) out.get(0).getValue();
                    float[][] hidden = (float[][]) out.get(out.size() - 1).getValue();
                    double max = 0;
                    for (int k = 0; k < n; k++) {
                        for (int a = 0; a < spec.actions(); a++) {
                            max = Math.max(max, Math.abs(ort[k][a] - djl[k * spec.actions() + a]));
                        }
                        for (int i = 0; i < units; i++) {
                            max = Math.max(max, Math.abs(hidden[k][i] - djlHidden[k * units + i]));
                            ortHidden[k * units + i] = hidden[k][i];
                        }
                    }
                    assertTrue(max <= 1e-4, "seed " + seed + ", step " + t + ": ONNX Runtime vs DJL max abs diff "
                            + max);
                }
            }
        }
        double sum = 0;
        for (float v : ortHidden) {
            sum += Math.abs(v);
        }
        assertTrue(sum > 1, "seed " + seed + ": the hidden state was exercised (sum |h| " + sum + ")");
    }
}
