package dev.wayfinder.policy.net;

import dev.wayfinder.robot.net.PolicyWeights;

/**
 * Gradient steps on the policy: weighted cross-entropy against the expert's action targets, plus the auxiliary
 * depth-profile loss where the network has that head, Adam. Two implementations compute the same loss and update:
 * {@link DjlLearner} (PyTorch through DJL; every network) and {@link CoreLearner} (inference-core's own kernels;
 * feed-forward networks). Owns memory until {@link #close()}; not thread-safe.
 */
public interface Learner extends AutoCloseable {
    /**
     * One Adam step; returns the batch's mean weighted cross-entropy before the step.
     *
     * @param images  n x 3 x H x W floats
     * @param states  n x S floats
     * @param aux     n x AUX_TARGETS depth-profile targets, or null (no auxiliary loss this step)
     * @param labels  n action indices (used when {@code targets} is null)
     * @param targets n x actions distributions, or null for the labels one-hot
     * @param weights n sample weights (&gt;= 0, not all 0)
     */
    float step(float[] images, float[] states, float[] aux, int[] labels, float[] targets, float[] weights, int n);

    /**
     * One step of truncated backpropagation through time on a recurrent network (see
     * {@link DjlLearner#stepSequence}).
     *
     * @throws UnsupportedOperationException where the learner trains feed-forward networks only
     */
    float stepSequence(float[] images, float[] states, float[] aux, int[] labels, float[] targets, float[] weights,
                       int[] lengths, int windows, int steps);

    /** Mean squared error of the auxiliary head in the last step that had targets; NaN before that. */
    float lastAuxLoss();

    /** A snapshot of the current weights. */
    PolicyWeights weights();

    /** Replaces the weights (the optimizer's moments are kept). */
    void load(PolicyWeights w);

    /** What computes the steps, for logs (e.g. "PyTorch 2.7.1 through DJL"). */
    String description();

    @Override
    void close();
}
