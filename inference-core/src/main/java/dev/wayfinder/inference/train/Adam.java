package dev.wayfinder.inference.train;

import java.util.Arrays;

/**
 * Adam with L2 weight decay and element-wise gradient clipping, in the form DJL's PyTorch engine applies it:
 * {@code g = clip(g) + decay * w; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)}, with b1 0.9, b2 0.999, eps 1e-8. The clip is
 * symmetric, to [-clip, clip] (DJL 0.36 clamps only from above). One instance per parameter tensor; not thread-safe.
 */
public final class Adam {
    /** First-moment decay. */
    public static final float BETA1 = 0.9f;
    /** Second-moment decay. */
    public static final float BETA2 = 0.999f;
    /** Added to the root of the second moment. */
    public static final float EPSILON = 1e-8f;

    private final float[] mean;
    private final float[] variance;
    private int steps;

    /** Moments for a tensor of {@code size} values, all zero. */
    public Adam(int size) {
        mean = new float[size];
        variance = new float[size];
    }

    /**
     * One update of {@code w} from {@code g} (both {@code size} long; g is not changed).
     *
     * @param learningRate step size, &gt; 0
     * @param weightDecay  L2 decay added to the gradient, &gt;= 0
     * @param clip         gradients are clipped to [-clip, clip] first; negative for no clipping
     */
    public void update(float[] w, float[] g, float learningRate, float weightDecay, float clip) {
        if (w.length != mean.length || g.length != mean.length) {
            throw new IllegalArgumentException("weights and gradient need " + mean.length + " values, got "
                    + w.length + " and " + g.length);
        }
        steps++;
        double coef1 = 1.0 - Math.pow(BETA1, steps);
        double coef2 = 1.0 - Math.pow(BETA2, steps);
        float rate = (float) (learningRate * Math.sqrt(coef2) / coef1);
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            if (clip >= 0) {
                gi = Math.max(-clip, Math.min(clip, gi));
            }
            gi += weightDecay * w[i];
            float m = BETA1 * mean[i] + (1 - BETA1) * gi;
            float v = BETA2 * variance[i] + (1 - BETA2) * gi * gi;
            mean[i] = m;
            variance[i] = v;
            w[i] -= rate * m / ((float) Math.sqrt(v) + EPSILON);
        }
    }

    /** Updates applied so far. */
    public int steps() {
        return steps;
    }

    /** Forgets the moments and the step count. */
    public void reset() {
        Arrays.fill(mean, 0f);
        Arrays.fill(variance, 0f);
        steps = 0;
    }
}
