package dev.wayfinder.policy.net;

import dev.wayfinder.robot.net.Features;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recurrent network gives the same logits and hidden states in DJL and on inference-core over several steps, each
 * carrying its own hidden state forward, and DJL's unrolled sequence (what truncated backpropagation through time
 * trains) equals the step-by-step inference the robot runs.
 */
class RecurrentParityTest {
    private static final NetworkSpec SPEC = new NetworkSpec(32, 32, List.of(8, 8), 24, 6, 0.8, 4, 16);

    @Test
    void djlAndInferenceCoreAgreeStepByStepCarryingTheHiddenState() throws Exception {
        long seed = 61;
        PolicyWeights w = PolicyWeights.fromBytes(PolicyWeights.random(SPEC, seed).toBytes(), "memory");
        int n = 3;
        int steps = 6;
        int r = SPEC.recurrentUnits();
        int ss = SPEC.stateSize();
        SplittableRandom rnd = new SplittableRandom(seed);
        InferencePolicy core = new InferencePolicy(w, n);
        float[] djlStates = new float[n * ss];
        float[] djlHidden = new float[n * r];
        double worst = 0;
        double moved = 0;
        try (DjlLearner l = new DjlLearner(w, 1e-3f, 0, 1f)) {
            for (int t = 0; t < steps; t++) {
                randomInputs(core, rnd);
                System.arraycopy(core.states(), 0, djlStates, 0, djlStates.length);
                for (int k = 0; k < n && t > 0; k++) {
                    System.arraycopy(core.hidden(), k * r, core.states(), k * ss + SPEC.hiddenOffset(), r);
                    System.arraycopy(djlHidden, k * r, djlStates, k * ss + SPEC.hiddenOffset(), r);
                }
                float[] logits = core.run().clone();
                float[] djlLogits = l.logits(core.images(), djlStates, n);
                float[] djlDepth = l.depthProfile(core.images(), djlStates, n);
                djlHidden = l.hidden(core.images(), djlStates, n);
                for (int i = 0; i < logits.length; i++) {
                    assertEquals(djlLogits[i], logits[i], 1e-4, "seed " + seed + ", step " + t + ", logit " + i);
                }
                for (int i = 0; i < djlDepth.length; i++) {
                    assertEquals(djlDepth[i], core.depthProfile()[i], 1e-4, "seed " + seed + ", step " + t);
                }
                for (int i = 0; i < djlHidden.length; i++) {
                    worst = Math.max(worst, Math.abs(djlHidden[i] - core.hidden()[i]));
                    moved += Math.abs(core.hidden()[i]);
                }
            }
        }
        assertTrue(worst <= 1e-4, "seed " + seed + ": hidden states differ by " + worst);
        assertTrue(moved > 1, "seed " + seed + ": the hidden state is exercised (sum |h| " + moved + ")");
    }

    @Test
    void theUnrolledSequenceEqualsStepByStepInference() {
        long seed = 67;
        PolicyWeights w = PolicyWeights.random(SPEC, seed);
        int windows = 2;
        int steps = 5;
        int r = SPEC.recurrentUnits();
        int ss = SPEC.stateSize();
        int is = SPEC.imageSize();
        SplittableRandom rnd = new SplittableRandom(seed);
        // Time-major sequences; the first step stores a non-zero hidden state, the later steps store garbage that the
        // unrolled network must ignore in favour of its own h'.
        float[] images = new float[windows * steps * is];
        float[] states = new float[windows * steps * ss];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) rnd.nextDouble() - 0.5f;
        }
        for (int i = 0; i < states.length; i++) {
            states[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        float[] unrolled;
        try (DjlLearner l = new DjlLearner(w, 1e-3f, 0)) {
            unrolled = l.sequenceLogits(images, states, windows, steps);
        }
        InferencePolicy core = new InferencePolicy(w, windows);
        float[] h = new float[windows * r];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(images, t * windows * is, core.images(), 0, windows * is);
            System.arraycopy(states, t * windows * ss, core.states(), 0, windows * ss);
            for (int b = 0; b < windows && t > 0; b++) {
                System.arraycopy(h, b * r, core.states(), b * ss + SPEC.hiddenOffset(), r);
            }
            float[] logits = core.run();
            System.arraycopy(core.hidden(), 0, h, 0, h.length);
            for (int i = 0; i < windows * SPEC.actions(); i++) {
                assertEquals(logits[i], unrolled[t * windows * SPEC.actions() + i], 1e-4, "seed " + seed + ", step "
                        + t + ", value " + i);
            }
        }
    }

    private static void randomInputs(InferencePolicy p, SplittableRandom rnd) {
        for (int i = 0; i < p.images().length; i++) {
            p.images()[i] = (float) rnd.nextDouble() - 0.5f;
        }
        NetworkSpec s = p.spec();
        for (int k = 0; k < p.batch(); k++) {
            Features.state(s, rnd.nextDouble() * 6, rnd.nextDouble() * 6 - 3, rnd.nextInt(-1, s.actions()), p.states(),
                    k * s.stateSize());
            for (int i = s.memoryOffset(); i < s.stateSize(); i++) {
                p.states()[k * s.stateSize() + i] = (float) rnd.nextDouble();
            }
        }
    }
}
