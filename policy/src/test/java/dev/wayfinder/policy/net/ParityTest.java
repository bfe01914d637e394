package dev.wayfinder.policy.net;

import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.Features;
import dev.wayfinder.robot.net.Crc32Trailer;

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
        // Today's writer adds the look-ahead (8 bytes) and the memory sectors (4 bytes) after the header.
        v1.write(v2, header + 12, v2.length - dev.wayfinder.robot.net.Crc32Trailer.SIZE - header - 12);
        byte[] body = v1.toByteArray();
        body[7] = 1;
        PolicyWeights old = PolicyWeights.fromBytes(dev.wayfinder.robot.net.Crc32Trailer.append(body), "v1");
        assertEquals(plain, old.spec());
        assertFalse(old.spec().followsRoute());
    }

    @Test
    void aNetworkWithMemoryCarriesItsDepthHeadInTheWeightsAndAgreesOnBothOutputs() throws Exception {
        long seed = 19;
        NetworkSpec spec = new NetworkSpec(32, 32, java.util.List.of(8, 8), 16, 6, 0.8, 12);
        PolicyWeights w = PolicyWeights.random(spec, seed);
        assertTrue(w.names().contains("aux.weight") && w.names().contains("aux.bias"), w.names().toString());
        PolicyWeights back = PolicyWeights.fromBytes(w.toBytes(), "memory");
        assertEquals(spec, back.spec());
        assertEquals(spec.memoryOffset() + 12, spec.stateSize());
        int n = 3;
        SplittableRandom rnd = new SplittableRandom(seed);
        InferencePolicy ip = new InferencePolicy(back, n);
        for (int i = 0; i < ip.images().length; i++) {
            ip.images()[i] = (float) rnd.nextDouble() - 0.5f;
        }
        for (int i = 0; i < ip.states().length; i++) {
            ip.states()[i] = (float) rnd.nextDouble();
        }
        float[] logits = ip.run().clone();
        float[] depth = ip.depthProfile().clone();
        assertEquals(n * NetworkSpec.AUX_TARGETS, depth.length);
        try (DjlLearner l = new DjlLearner(back, 1e-3f, 0)) {
            float[] djlLogits = l.logits(ip.images(), ip.states(), n);
            float[] djlDepth = l.depthProfile(ip.images(), ip.states(), n);
            for (int i = 0; i < logits.length; i++) {
                assertEquals(djlLogits[i], logits[i], 1e-4, "seed " + seed + ": logit " + i);
            }
            for (int i = 0; i < depth.length; i++) {
                assertEquals(djlDepth[i], depth[i], 1e-4, "seed " + seed + ": depth " + i);
            }
            // The head is trained and saved with the policy, not dropped as a training-only extra.
            for (String name : w.names()) {
                assertTrue(java.util.Arrays.equals(back.get(name), l.weights().get(name)), name);
            }
        }
        // A version-2 file (no memory field) reads as a network without memory.
        NetworkSpec plain = new NetworkSpec(16, 16, java.util.List.of(4, 4), 8, 6, 0.8);
        byte[] v3 = PolicyWeights.random(plain, seed).toBytes();
        int header = 4 * (2 + 2 + 1 + 2 + 2) + 8;
        java.io.ByteArrayOutputStream v2 = new java.io.ByteArrayOutputStream();
        v2.write(v3, 0, header);
        v2.write(v3, header + 4, v3.length - dev.wayfinder.robot.net.Crc32Trailer.SIZE - header - 4);
        byte[] body = v2.toByteArray();
        body[7] = 2;
        assertEquals(plain, PolicyWeights.fromBytes(dev.wayfinder.robot.net.Crc32Trailer.append(body), "v2").spec());
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
