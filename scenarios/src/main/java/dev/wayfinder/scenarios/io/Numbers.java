package dev.wayfinder.scenarios.io;

import java.math.BigDecimal;

/** Number formatting that loads back to the identical double. */
final class Numbers {
    private Numbers() {
    }

    /** The shortest decimal text that parses back to exactly {@code v}. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot write " + v);
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) == 0 ? "0" : "-0.0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e9) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v);
    }
}
