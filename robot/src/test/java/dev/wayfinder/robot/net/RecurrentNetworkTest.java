package dev.wayfinder.robot.net;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recurrent network on inference-core computes PyTorch's GRU equations (checked against a plain Java
 * reference), carries its hidden state through the state vector, and its weights file keeps older readers working.
 */
class RecurrentNetworkTest {
    private static final NetworkSpec SPEC = new NetworkSpec(16, 16, List.of(4, 4), 12, 6, 0, 3, 5);

    @Test
    void theGraphComputesTheGruEquationsStepAfterStep() {
        long seed = 41;
        SplittableRandom rnd = new SplittableRandom(seed);
        // Zero convolutions: the image features are 0, so the hidden layer is relu(W_state s + b) and the whole
        // network can be computed by hand.
        Map<String, float[]> m = new HashMap<>();
        PolicyWeights random = PolicyWeights.random(SPEC, seed);
        for (String name : random.names()) {
            float[] v = random.get(name);
            if (name.startsWith("conv")) {
                v = new float[v.length];
            } else if (!PolicyWeights.isWeight(name)) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (rnd.nextDouble() - 0.5);
                }
            }
            m.put(name, v);
        }
        PolicyWeights w = PolicyWeights.of(SPEC, m);
        int n = 2;
        InferencePolicy net = new InferencePolicy(w, n);
        int r = SPEC.recurrentUnits();
        int ss = SPEC.stateSize();
        float[][] h = new float[n][r];
        for (int t = 0; t < 4; t++) {
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < SPEC.hiddenOffset(); i++) {
                    net.states()[k * ss + i] = (float) (rnd.nextDouble() * 2 - 1);
                }
                System.arraycopy(h[k], 0, net.states(), k * ss + SPEC.hiddenOffset(), r);
            }
            for (int i = 0; i < net.images().length; i++) {
                net.images()[i] = (float) rnd.nextDouble() - 0.5f;
            }
            net.run();
            for (int k = 0; k < n; k++) {
                float[] s = java.util.Arrays.copyOfRange(net.states(), k * ss, (k + 1) * ss);
                double[] next = referenceHidden(w, s);
                double[] logits = dense(w.get("out.weight"), w.get("out.bias"), next, SPEC.actions());
                for (int i = 0; i < r; i++) {
                    assertEquals(next[i], net.hidden()[k * r + i], 1e-5, "seed " + seed + ", step " + t + ", robot "
                            + k + ", hidden " + i);
                    h[k][i] = net.hidden()[k * r + i];
                }
                for (int a = 0; a < SPEC.actions(); a++) {
                    assertEquals(logits[a], net.logits()[k * SPEC.actions() + a], 1e-5, "seed " + seed + ", step "
                            + t + ", logit " + a);
                }
            }
        }
        // The hidden state changed the outcome: a non-zero carry is what the test exercised.
        assertTrue(java.util.Arrays.stream(toDouble(h[0])).map(Math::abs).sum() > 1e-3, "seed " + seed);
    }

    /** PyTorch's GRU cell on the hidden layer of a network whose image features are 0. */
    private static double[] referenceHidden(PolicyWeights w, float[] state) {
        int r = SPEC.recurrentUnits();
        int hid = SPEC.hidden();
        int flat = SPEC.flatFeatures();
        int in = SPEC.inputStateSize();
        float[] fc = w.get("fc.weight");
        float[] fcb = w.get("fc.bias");
        double[] x = new double[hid];
        for (int j = 0; j < hid; j++) {
            double v = fcb[j];
            for (int i = 0; i < in; i++) {
                v += fc[j * (flat + in) + flat + i] * state[i];
            }
            x[j] = Math.max(0, v);
        }
        double[] h = new double[r];
        for (int i = 0; i < r; i++) {
            h[i] = state[SPEC.hiddenOffset() + i];
        }
        double[] z = sigmoid(add(dense(w.get("gru.wz"), w.get("gru.bz"), x, r), dense(w.get("gru.uz"), null, h, r)));
        double[] rs = sigmoid(add(dense(w.get("gru.wr"), w.get("gru.br"), x, r), dense(w.get("gru.ur"), null, h, r)));
        double[] nx = dense(w.get("gru.wn"), w.get("gru.bn_in"), x, r);
        double[] nh = dense(w.get("gru.un"), w.get("gru.bn_h"), h, r);
        double[] out = new double[r];
        for (int i = 0; i < r; i++) {
            double n = Math.tanh(nx[i] + rs[i] * nh[i]);
            out[i] = (1 - z[i]) * n + z[i] * h[i];
        }
        return out;
    }

    private static double[] dense(float[] weight, float[] bias, double[] x, int rows) {
        double[] y = new double[rows];
        for (int j = 0; j < rows; j++) {
            double v = bias == null ? 0 : bias[j];
            for (int i = 0; i < x.length; i++) {
                v += weight[j * x.length + i] * x[i];
            }
            y[j] = v;
        }
        return y;
    }

    private static double[] add(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + b[i];
        }
        return y;
    }

    private static double[] sigmoid(double[] a) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = 1 / (1 + Math.exp(-a[i]));
        }
        return y;
    }

    private static double[] toDouble(float[] a) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i];
        }
        return y;
    }

    @Test
    void theStateEndsWithTheHiddenStateAndSamplesWithTheirLink() {
        assertEquals(NetworkSpec.GOAL_FEATURES + 6 + 3, SPEC.hiddenOffset());
        assertEquals(SPEC.hiddenOffset() + 5, SPEC.stateSize());
        assertEquals(SPEC.costsOffset() + 6, SPEC.linkOffset());
        assertEquals(SPEC.linkOffset() + 1, SPEC.sampleFloats());
        NetworkSpec plain = SPEC.withRecurrentUnits(0);
        assertEquals(plain.stateSize(), plain.hiddenOffset());
        assertEquals(plain.linkOffset(), plain.sampleFloats(), "a feed-forward sample has no link");
        assertThrows(IllegalArgumentException.class, () -> SPEC.withRecurrentUnits(513));
        assertThrows(IllegalArgumentException.class, () -> SPEC.withRecurrentUnits(-1));
    }

    @Test
    void recurrentWeightsAreVersion4AndFeedForwardOnesStayVersion3() throws Exception {
        long seed = 43;
        PolicyWeights w = PolicyWeights.random(SPEC, seed);
        assertTrue(w.names().containsAll(PolicyWeights.GRU_NAMES), w.names().toString());
        assertArrayEquals(new int[] {5, 12}, w.shape("gru.wn"));
        assertArrayEquals(new int[] {5, 5}, w.shape("gru.ur"));
        assertArrayEquals(new int[] {6, 5}, w.shape("out.weight"));
        assertArrayEquals(new int[] {12, SPEC.flatFeatures() + SPEC.inputStateSize()}, w.shape("fc.weight"));
        byte[] bytes = w.toBytes();
        assertEquals(4, version(bytes));
        PolicyWeights back = PolicyWeights.fromBytes(bytes, "memory");
        assertEquals(SPEC, back.spec());
        for (String name : w.names()) {
            assertArrayEquals(w.get(name), back.get(name), "seed " + seed + ": " + name);
        }
        PolicyWeights plain = PolicyWeights.random(SPEC.withRecurrentUnits(0), seed);
        assertEquals(3, version(plain.toBytes()), "a feed-forward network is written as before");
        assertEquals(plain.spec(), PolicyWeights.fromBytes(plain.toBytes(), "memory").spec());
        // The GRU's initial values are drawn, not zero (PyTorch's uniform +-1/sqrt(R)).
        float bound = (float) (1 / Math.sqrt(5));
        for (String name : PolicyWeights.GRU_NAMES) {
            float[] v = w.get(name);
            double abs = 0;
            for (float x : v) {
                assertTrue(Math.abs(x) <= bound, name + " value " + x + " outside +-" + bound);
                abs += Math.abs(x);
            }
            assertTrue(abs > 0, name + " is all zero");
        }
    }

    private static int version(byte[] bytes) throws Exception {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.readInt();
            return in.readInt();
        }
    }
}
