package dev.wayfinder.policy.net;

import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.Features;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DJL gradient steps fit a small labelled set, and the fitted weights act the same on inference-core. */
class LearnerTest {
    @Test
    void lossDecreasesAndTheFitTransfersToInferenceCore() {
        long seed = 3;
        NetworkSpec spec = new NetworkSpec(16, 16, List.of(8, 8), 32, 6);
        SplittableRandom r = new SplittableRandom(seed);
        int n = 64;
        float[] img = new float[n * spec.imageSize()];
        float[] st = new float[n * spec.stateSize()];
        int[] lab = new int[n];
        float[] w = new float[n];
        for (int k = 0; k < n; k++) {
            double bearing = r.nextDouble() * 6 - 3;
            // The "expert": turn toward the goal when it is off to a side, else drive forward.
            lab[k] = bearing > 0.5 ? 3 : bearing < -0.5 ? 4 : 0;
            Features.state(spec, r.nextDouble() * 4, bearing, -1, st, k * spec.stateSize());
            for (int i = 0; i < spec.imageSize(); i++) {
                img[k * spec.imageSize() + i] = (float) r.nextDouble() - 0.5f;
            }
            w[k] = 1;
        }
        float first;
        float last = Float.NaN;
        PolicyWeights fitted;
        try (DjlLearner l = new DjlLearner(PolicyWeights.random(spec, seed), 3e-3f, 0)) {
            first = l.step(img, st, lab, w, n);
            for (int i = 0; i < 150; i++) {
                last = l.step(img, st, lab, w, n);
            }
            fitted = l.weights();
        }
        assertTrue(last < first * 0.5, "seed " + seed + ": loss " + first + " -> " + last);
        InferencePolicy p = new InferencePolicy(fitted, n);
        System.arraycopy(img, 0, p.images(), 0, img.length);
        System.arraycopy(st, 0, p.states(), 0, st.length);
        p.run();
        int agree = 0;
        for (int k = 0; k < n; k++) {
            agree += p.argmax(k) == lab[k] ? 1 : 0;
        }
        assertTrue(agree >= 0.9 * n, "seed " + seed + ": inference-core matches the labels on " + agree + "/" + n);
    }

    @Test
    void softTargetsAreLearnedAsPreferences() {
        long seed = 7;
        NetworkSpec spec = new NetworkSpec(16, 16, List.of(8, 8), 32, 6);
        SplittableRandom r = new SplittableRandom(seed);
        int n = 64;
        float[] img = new float[n * spec.imageSize()];
        float[] st = new float[n * spec.stateSize()];
        float[] targets = new float[n * 6];
        int[] lab = new int[n];
        float[] w = new float[n];
        for (int k = 0; k < n; k++) {
            boolean left = k % 2 == 0;
            Features.state(spec, 1, left ? 1 : -1, -1, st, k * spec.stateSize());
            for (int i = 0; i < spec.imageSize(); i++) {
                img[k * spec.imageSize() + i] = (float) r.nextDouble() - 0.5f;
            }
            // Goal to the left: forward-left and turn-left equally good, forward slightly worse, the rest never.
            int a = left ? 1 : 2;
            int b = left ? 3 : 4;
            targets[k * 6 + a] = 0.4f;
            targets[k * 6 + b] = 0.4f;
            targets[k * 6] = 0.2f;
            lab[k] = a;
            w[k] = 1;
        }
        float[] logits;
        try (DjlLearner l = new DjlLearner(PolicyWeights.random(spec, seed), 3e-3f, 0)) {
            for (int i = 0; i < 300; i++) {
                l.step(img, st, null, lab, targets, w, n);
            }
            logits = l.logits(img, st, n);
        }
        for (int k = 0; k < n; k++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < 6; a++) {
                max = Math.max(max, logits[k * 6 + a]);
            }
            double sum = 0;
            double[] p = new double[6];
            for (int a = 0; a < 6; a++) {
                p[a] = Math.exp(logits[k * 6 + a] - max);
                sum += p[a];
            }
            for (int a = 0; a < 6; a++) {
                assertEquals(targets[k * 6 + a], p[a] / sum, 0.08, "seed " + seed + ", sample " + k + ", action " + a);
            }
        }
    }

    @Test
    void theAuxiliaryHeadLearnsItsTargetsAndStaysOutOfThePolicyWeights() {
        long seed = 5;
        NetworkSpec spec = new NetworkSpec(16, 16, List.of(8, 8), 32, 6);
        SplittableRandom r = new SplittableRandom(seed);
        int n = 64;
        int a = NetworkSpec.AUX_TARGETS;
        float[] img = new float[n * spec.imageSize()];
        float[] st = new float[n * spec.stateSize()];
        float[] aux = new float[n * a];
        int[] lab = new int[n];
        float[] w = new float[n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < spec.imageSize(); i++) {
                img[k * spec.imageSize() + i] = (float) r.nextDouble() - 0.5f;
            }
            // Targets that depend on the image only: the mean of the red plane in each of eight column strips.
            for (int b = 0; b < a; b++) {
                double sum = 0;
                for (int y = 0; y < spec.height(); y++) {
                    for (int x = b * 2; x < b * 2 + 2; x++) {
                        sum += img[k * spec.imageSize() + y * spec.width() + x];
                    }
                }
                aux[k * a + b] = (float) (0.5 + sum / (2 * spec.height()) * 4);
            }
            Features.state(spec, 1, 0, -1, st, k * spec.stateSize());
            lab[k] = k % 6;
            w[k] = 1;
        }
        float first = Float.NaN;
        float last = Float.NaN;
        try (DjlLearner l = new DjlLearner(PolicyWeights.random(spec, seed), 3e-3f, 0, 1f)) {
            for (int i = 0; i < 200; i++) {
                l.step(img, st, aux, lab, w, n);
                if (i == 0) {
                    first = l.lastAuxLoss();
                }
            }
            last = l.lastAuxLoss();
            assertEquals(List.copyOf(PolicyWeights.shapes(spec).keySet()), l.weights().names(),
                    "the auxiliary head is not part of the policy's weights");
        }
        assertTrue(last < first * 0.3, "seed " + seed + ": auxiliary loss " + first + " -> " + last);
        assertThrows(IllegalArgumentException.class, () -> new DjlLearner(PolicyWeights.random(spec, 1), 1e-3f, 0, -1f));
    }
}
