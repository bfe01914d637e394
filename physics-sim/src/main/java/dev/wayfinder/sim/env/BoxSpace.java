package dev.wayfinder.sim.env;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A box in R^n: float vectors with {@code low[i] <= x[i] <= high[i]}; bounds may be infinite. Members are
 * {@code float[]} of length n; {@link Action.Velocity} is a member of a 2-dimensional box as (v, omega).
 *
 * @param low  lower bounds, not NaN; copied
 * @param high upper bounds, {@code >= low}; copied
 */
public record BoxSpace(float[] low, float[] high) implements Space {
    public BoxSpace {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (low.length != high.length || low.length == 0) {
            throw new IllegalArgumentException("low and high need the same, non-zero length, got " + low.length
                    + " and " + high.length);
        }
        low = low.clone();
        high = high.clone();
        for (int i = 0; i < low.length; i++) {
            if (Float.isNaN(low[i]) || Float.isNaN(high[i]) || high[i] < low[i]) {
                throw new IllegalArgumentException("bound " + i + " must satisfy low <= high, got [" + low[i] + ", "
                        + high[i] + "]");
            }
        }
    }

    /** n copies of [lo, hi]. */
    public static BoxSpace uniform(int n, float lo, float hi) {
        float[] l = new float[n];
        float[] h = new float[n];
        Arrays.fill(l, lo);
        Arrays.fill(h, hi);
        return new BoxSpace(l, h);
    }

    /** Dimension n. */
    public int size() {
        return low.length;
    }

    @Override
    public float[] low() {
        return low.clone();
    }

    @Override
    public float[] high() {
        return high.clone();
    }

    @Override
    public boolean contains(Object value) {
        if (value instanceof Action.Velocity v) {
            return low.length == 2 && in(0, v.v()) && in(1, v.omega());
        }
        if (!(value instanceof float[] x) || x.length != low.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!in(i, x[i])) {
                return false;
            }
        }
        return true;
    }

    private boolean in(int i, double x) {
        return !Double.isNaN(x) && x >= low[i] && x <= high[i];
    }

    @Override
    public float[] sample(RandomGenerator rng) {
        float[] x = new float[low.length];
        for (int i = 0; i < x.length; i++) {
            boolean lo = Float.isInfinite(low[i]);
            boolean hi = Float.isInfinite(high[i]);
            if (!lo && !hi) {
                x[i] = low[i] == high[i] ? low[i] : (float) Math.min(high[i], rng.nextDouble(low[i], high[i]));
            } else if (lo && hi) {
                x[i] = (float) rng.nextGaussian();
            } else if (lo) {
                x[i] = (float) (high[i] - Math.abs(rng.nextGaussian()));
            } else {
                x[i] = (float) (low[i] + Math.abs(rng.nextGaussian()));
            }
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoxSpace b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "Box(" + Arrays.toString(low) + ", " + Arrays.toString(high) + ")";
    }
}
