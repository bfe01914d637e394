package dev.wayfinder.policy.net;

import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Truncated backpropagation through time teaches the GRU what only memory can know: a cue shown in the first step of
 * a sequence decides the label of every later step, whose inputs carry no trace of it. The fitted network then acts
 * on inference-core step by step, carrying its hidden state as the robot does.
 */
class RecurrentLearnerTest {
    private static final NetworkSpec SPEC = new NetworkSpec(8, 8, List.of(4), 16, 6, 0, 0, 16);

    @Test
    void aCueSeenOnceIsRememberedThroughTheSequence() {
        long seed = 71;
        int windows = 16;
        int steps = 5;
        int ss = SPEC.stateSize();
        int is = SPEC.imageSize();
        int n = windows * steps;
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] images = new float[n * is];
        float[] states = new float[n * ss];
        int[] labels = new int[n];
        float[] weights = new float[n];
        int[] lengths = new int[windows];
        int[] cue = new int[windows];
        PolicyWeights fitted;
        float first = Float.NaN;
        float last = Float.NaN;
        try (DjlLearner l = new DjlLearner(PolicyWeights.random(SPEC, seed), 1e-2f, 0)) {
            for (int it = 0; it < 300; it++) {
                episodes(rnd, images, states, labels, weights, lengths, cue, windows, steps);
                last = l.stepSequence(images, states, null, labels, null, weights, lengths, windows, steps);
                if (it == 0) {
                    first = last;
                }
            }
            fitted = l.weights();
        }
        assertTrue(last < first * 0.3, "seed " + seed + ": loss " + first + " -> " + last);

        // Fresh sequences, run step by step on inference-core with the hidden state carried along.
        episodes(rnd, images, states, labels, weights, lengths, cue, windows, steps);
        InferencePolicy core = new InferencePolicy(fitted, windows);
        int r = SPEC.recurrentUnits();
        int right = 0;
        int later = 0;
        for (int t = 0; t < steps; t++) {
            System.arraycopy(images, t * windows * is, core.images(), 0, windows * is);
            System.arraycopy(states, t * windows * ss, core.states(), 0, windows * ss);
            for (int b = 0; b < windows && t > 0; b++) {
                System.arraycopy(core.hidden(), b * r, core.states(), b * ss + SPEC.hiddenOffset(), r);
            }
            // The hidden state at the first step is zero, as stored: the copy above only fills later steps.
            core.run();
            for (int b = 0; b < windows && t > 0; b++) {
                right += core.argmax(b) == labels[t * windows + b] ? 1 : 0;
                later++;
            }
        }
        assertTrue(right >= 0.95 * later, "seed " + seed + ": " + right + "/" + later
                + " later steps labelled by the remembered cue (chance is about a half)");
    }

    /** Sequences whose first state shows a cue (left or right); every step's label is the cue's action. */
    private static void episodes(SplittableRandom rnd, float[] images, float[] states, int[] labels, float[] weights,
                                 int[] lengths, int[] cue, int windows, int steps) {
        int ss = SPEC.stateSize();
        int is = SPEC.imageSize();
        java.util.Arrays.fill(states, 0f);
        for (int b = 0; b < windows; b++) {
            cue[b] = rnd.nextBoolean() ? 3 : 4;
            lengths[b] = steps;
        }
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < windows; b++) {
                int row = t * windows + b;
                for (int i = 0; i < is; i++) {
                    images[row * is + i] = (float) rnd.nextDouble() - 0.5f;
                }
                // Distractors in the goal features; the cue only at the first step.
                states[row * ss] = (float) rnd.nextDouble();
                if (t == 0) {
                    states[row * ss + 1] = cue[b] == 3 ? 1f : -1f;
                }
                labels[row] = cue[b];
                weights[row] = 1f;
            }
        }
    }

    @Test
    void paddedStepsCountForNothing() {
        long seed = 73;
        int windows = 2;
        int steps = 3;
        int n = windows * steps;
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] images = new float[n * SPEC.imageSize()];
        float[] states = new float[n * SPEC.stateSize()];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) rnd.nextDouble() - 0.5f;
        }
        int[] labels = {0, 1, 2, 3, 4, 5};
        float[] weights = {1, 1, 1, 1, 1, 1};
        int[] lengths = {1, 2};
        // Rows past each length are padding: whatever labels they hold, the loss is the same.
        int[] changed = {0, 1, 5, 3, 1, 0};
        float a;
        float b;
        try (DjlLearner l = new DjlLearner(PolicyWeights.random(SPEC, seed), 1e-9f, 0)) {
            a = l.stepSequence(images, states, null, labels, null, weights, lengths, windows, steps);
        }
        try (DjlLearner l = new DjlLearner(PolicyWeights.random(SPEC, seed), 1e-9f, 0)) {
            b = l.stepSequence(images, states, null, changed, null, weights, lengths, windows, steps);
        }
        assertTrue(Math.abs(a - b) < 1e-6, "seed " + seed + ": padding changed the loss " + a + " -> " + b
                + " (labels " + java.util.Arrays.toString(labels) + " and " + java.util.Arrays.toString(changed) + ")");
        try (DjlLearner l = new DjlLearner(PolicyWeights.random(SPEC, seed), 1e-9f, 0)) {
            assertThrows(IllegalArgumentException.class, () -> l.stepSequence(images, states, null, labels, null,
                    weights, new int[] {0, 2}, windows, steps));
        }
    }
}
