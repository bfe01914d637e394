package dev.wayfinder.policy.net;

import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core learner computes the same loss, gradients and Adam steps as the DJL learner: on random weights and
 * batches, for the shipped network's shape and small ones with odd batch sizes (vector tails), with hard labels and
 * soft targets, with the training-only depth-profile head and with the one a memory network deploys.
 */
class CoreLearnerParityTest {
    /** A batch of random inputs and targets. */
    private record Batch(float[] images, float[] states, float[] aux, int[] labels, float[] targets, float[] weights,
                         int n) {
        static Batch random(NetworkSpec spec, int n, boolean soft, SplittableRandom r) {
            float[] img = new float[n * spec.imageSize()];
            for (int i = 0; i < img.length; i++) {
                img[i] = (float) r.nextDouble() - 0.5f;
            }
            float[] st = new float[n * spec.stateSize()];
            for (int i = 0; i < st.length; i++) {
                st[i] = (float) (r.nextDouble() * 2 - 1);
            }
            float[] aux = new float[n * NetworkSpec.AUX_TARGETS];
            for (int i = 0; i < aux.length; i++) {
                aux[i] = (float) r.nextDouble();
            }
            int[] lab = new int[n];
            float[] targets = soft ? new float[n * spec.actions()] : null;
            float[] w = new float[n];
            for (int k = 0; k < n; k++) {
                lab[k] = r.nextInt(spec.actions());
                w[k] = k % 7 == 3 ? 0f : (float) (0.5 + r.nextDouble() * 2.5);
                if (soft) {
                    double sum = 0;
                    for (int a = 0; a < spec.actions(); a++) {
                        double p = r.nextDouble() < 0.3 ? 0 : r.nextDouble();
                        targets[k * spec.actions() + a] = (float) p;
                        sum += p;
                    }
                    for (int a = 0; a < spec.actions(); a++) {
                        targets[k * spec.actions() + a] = sum == 0 ? 1f / spec.actions()
                                : (float) (targets[k * spec.actions() + a] / sum);
                    }
                }
            }
            return new Batch(img, st, aux, lab, targets, w, n);
        }
    }

    @Test
    void shippedShapeGradientsMatchDjl() {
        NetworkSpec spec = NetworkSpec.DEFAULT.withRouteLookahead(0.8);
        compareGradients(spec, 64, true, 1f, 11);
        compareGradients(spec, 7, false, 0f, 12);
    }

    @Test
    void smallShapesWithTailsMatchDjl() {
        compareGradients(new NetworkSpec(16, 16, List.of(8, 12), 20, 5), 5, false, 0f, 21);
        compareGradients(new NetworkSpec(32, 16, List.of(4, 8, 6), 33, 6), 9, true, 0.5f, 22);
        // Obstacle memory: the depth-profile head is part of the deployed weights (trained or not).
        NetworkSpec memory = new NetworkSpec(16, 16, List.of(8, 8), 24, 6).withMemorySectors(8);
        compareGradients(memory, 6, true, 1f, 23);
        compareGradients(memory, 6, false, 0f, 24);
    }

    private static void compareGradients(NetworkSpec spec, int n, boolean soft, float auxWeight, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PolicyWeights w = PolicyWeights.random(spec, seed);
        Batch b = Batch.random(spec, n, soft, r);
        Map<String, float[]> djl;
        float djlLoss;
        try (DjlLearner l = new DjlLearner(w, 1e-3f, 0, auxWeight)) {
            djl = l.gradients(b.images, b.states, b.aux, b.labels, b.targets, b.weights, n);
            djlLoss = l.step(b.images, b.states, b.aux, b.labels, b.targets, b.weights, n);
        }
        try (CoreLearner core = new CoreLearner(w, 1e-3f, 0, auxWeight)) {
            float loss = core.gradients(b.images, b.states, b.aux, b.labels, b.targets, b.weights, n);
            assertEquals(djlLoss, loss, 1e-5 * Math.max(1, Math.abs(djlLoss)), "seed " + seed + ": loss");
            assertEquals(djl.keySet(), new java.util.HashSet<>(core.parameterNames()), "seed " + seed);
            for (Map.Entry<String, float[]> e : djl.entrySet()) {
                assertClose(e.getValue(), core.gradient(e.getKey()), 2e-4, "seed " + seed + ": gradient of "
                        + e.getKey() + " (" + spec + ", n " + n + ")");
            }
        }
    }

    @Test
    void stepsFollowDjlsTrajectory() {
        long seed = 31;
        NetworkSpec spec = new NetworkSpec(32, 32, List.of(8, 16, 16), 48, 6).withRouteLookahead(0.8);
        PolicyWeights w = PolicyWeights.random(spec, seed);
        SplittableRandom r = new SplittableRandom(seed);
        List<Batch> batches = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batches.add(Batch.random(spec, 24, i % 2 == 0, r));
        }
        try (DjlLearner djl = new DjlLearner(w, 3e-3f, 1e-4f, 1f);
             CoreLearner core = new CoreLearner(w, 3e-3f, 1e-4f, 1f)) {
            for (int i = 0; i < batches.size(); i++) {
                Batch b = batches.get(i);
                float a = djl.step(b.images, b.states, b.aux, b.labels, b.targets, b.weights, b.n);
                float c = core.step(b.images, b.states, b.aux, b.labels, b.targets, b.weights, b.n);
                assertEquals(a, c, 2e-3 * Math.max(1, Math.abs(a)), "seed " + seed + ": loss at step " + i);
                assertEquals(djl.lastAuxLoss(), core.lastAuxLoss(), 2e-3, "seed " + seed + ": aux loss at step " + i);
            }
            PolicyWeights x = djl.weights();
            PolicyWeights y = core.weights();
            for (String name : x.names()) {
                assertClose(x.get(name), y.get(name), 2e-3, "seed " + seed + ": " + name + " after 12 steps");
            }
        }
    }

    @Test
    void twoThreadsGiveTheSameStepsBitForBit() {
        long seed = 41;
        NetworkSpec spec = NetworkSpec.DEFAULT.withRouteLookahead(0.8);
        PolicyWeights w = PolicyWeights.random(spec, seed);
        SplittableRandom r = new SplittableRandom(seed);
        try (CoreLearner one = new CoreLearner(w, 1e-3f, 1e-4f, 1f, 1);
             CoreLearner two = new CoreLearner(w, 1e-3f, 1e-4f, 1f, 2)) {
            for (int i = 0; i < 3; i++) {
                Batch b = Batch.random(spec, 13 + 20 * i, true, r);
                float a = one.step(b.images, b.states, b.aux, b.labels, b.targets, b.weights, b.n);
                float c = two.step(b.images, b.states, b.aux, b.labels, b.targets, b.weights, b.n);
                assertEquals(a, c, 0, "seed " + seed + ": loss at step " + i);
            }
            PolicyWeights x = one.weights();
            PolicyWeights y = two.weights();
            for (String name : x.names()) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(x.get(name), y.get(name),
                        "seed " + seed + ": " + name);
            }
        }
    }

    @Test
    void refusesRecurrentNetworksAndBadSettings() {
        NetworkSpec gru = new NetworkSpec(16, 16, List.of(8, 8), 24, 6).withRecurrentUnits(16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CoreLearner(PolicyWeights.random(gru, 1), 1e-3f, 0, 0));
        assertTrue(e.getMessage().contains("GRU"), e.getMessage());
        NetworkSpec spec = new NetworkSpec(16, 16, List.of(8, 8), 24, 6);
        assertThrows(IllegalArgumentException.class, () -> new CoreLearner(PolicyWeights.random(spec, 1), 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new CoreLearner(PolicyWeights.random(spec, 1), 1e-3f, -1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new CoreLearner(PolicyWeights.random(spec, 1), 1e-3f, 0, 0, 0));
        try (CoreLearner l = new CoreLearner(PolicyWeights.random(spec, 1), 1e-3f, 0, 0)) {
            assertThrows(IllegalArgumentException.class,
                    () -> l.step(new float[10], new float[spec.stateSize()], null, new int[1], null, new float[1], 1));
        }
    }

    /** Every element within {@code rel} of the larger of the reference's largest magnitude and 1e-3. */
    static void assertClose(float[] expected, float[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1e-3;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= rel * scale, what + ": element " + at + " differs by " + worst + " (largest magnitude "
                + scale + ", allowed " + rel * scale + ")");
    }
}
