package dev.wayfinder.policy.net;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one network definition gives the same logits in DJL and on inference-core. */
class ParityTest {
    @Test
    void djlAndInferenceCoreAgreeWithin1e4() {
        long seed = 7;
        NetworkSpec spec = NetworkSpec.DEFAULT;
        PolicyWeights w = PolicyWeights.random(spec, seed);
        int n = 4;
        SplittableRandom rnd = new SplittableRandom(seed);
        InferencePolicy ip = new InferencePolicy(w, n);
        for (int i = 0; i < ip.images().length; i++) {
            ip.images()[i] = (float) rnd.nextDouble() - 0.5f;
        }
        for (int k = 0; k < n; k++) {
            Features.state(spec, rnd.nextDouble() * 6, rnd.nextDouble() * 6 - 3, rnd.nextInt(-1, spec.actions()),
                    ip.states(), k * spec.stateSize());
        }
        float[] core = ip.run().clone();
        float[] djl;
        try (DjlLearner l = new DjlLearner(w, 1e-3f, 0)) {
            djl = l.logits(ip.images(), ip.states(), n);
        }
        assertEquals(core.length, djl.length);
        double max = 0;
        for (int i = 0; i < core.length; i++) {
            max = Math.max(max, Math.abs(core[i] - djl[i]));
        }
        assertTrue(max <= 1e-4, "seed " + seed + ": max abs difference " + max);
    }

    @Test
    void weightsRoundTripThroughBytesAndDjl() throws Exception {
        long seed = 11;
        PolicyWeights w = PolicyWeights.random(NetworkSpec.DEFAULT, seed);
        PolicyWeights back = PolicyWeights.fromBytes(w.toBytes(), "memory");
        try (DjlLearner l = new DjlLearner(back, 1e-3f, 0)) {
            PolicyWeights out = l.weights();
            for (String name : w.names()) {
                assertTrue(java.util.Arrays.equals(w.get(name), out.get(name)), "seed " + seed + ": " + name);
            }
        }
    }
}
