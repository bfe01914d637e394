package dev.wayfinder.ros.msg;

import java.util.Arrays;

/**
 * A fixed-size row-major covariance matrix (float64[9] or float64[36] in ROS messages). Immutable.
 *
 * @param values the entries (copied)
 */
public record Covariance(double[] values) {
    /** Validates the size. */
    public Covariance {
        if (values == null || (values.length != 9 && values.length != 36)) {
            throw new IllegalArgumentException("covariance must have 9 or 36 entries");
        }
        values = values.clone();
    }

    /** @return an all-zero 3x3 matrix ("unknown" in ROS is -1 in the first entry) */
    public static Covariance zero3() {
        return new Covariance(new double[9]);
    }

    /** @return an all-zero 6x6 matrix */
    public static Covariance zero6() {
        return new Covariance(new double[36]);
    }

    /** @return a copy of the values array (the record stays immutable) */
    @Override
    public double[] values() {
        return values.clone();
    }

    double[] raw() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Covariance c && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
