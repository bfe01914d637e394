package dev.wayfinder.policy.net;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
    void theRouteLookaheadTravelsWithTheWeightsAndOlderFilesReadAsGoalBearing() throws Exception {
        long seed = 13;
        NetworkSpec route = new NetworkSpec(16, 16, java.util.List.of(4, 4), 8, 6, 0.8);
        PolicyWeights w = PolicyWeights.random(route, seed);
        assertEquals(route, PolicyWeights.fromBytes(w.toBytes(), "memory").spec());
        // A version-1 file: no look-ahead field after the action count.
        NetworkSpec plain = new NetworkSpec(16, 16, java.util.List.of(4, 4), 8, 6);
        byte[] v2 = PolicyWeights.random(plain, seed).toBytes();
        int header = 4 * (2 + 2 + 1 + 2 + 2); // magic, version, w, h, n, 2 channels, hidden, actions
        java.io.ByteArrayOutputStream v1 = new java.io.ByteArrayOutputStream();
        v1.write(v2, 0, header);
        v1.write(v2, header + 8, v2.length - dev.wayfinder.policy.data.Crc32Trailer.SIZE - header - 8);
        byte[] body = v1.toByteArray();
        body[7] = 1;
        PolicyWeights old = PolicyWeights.fromBytes(dev.wayfinder.policy.data.Crc32Trailer.append(body), "v1");
        assertEquals(plain, old.spec());
        assertFalse(old.spec().followsRoute());
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
