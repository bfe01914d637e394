package dev.wayfinder.scenarios.io;

import java.math.BigDecimal;
import java.math.RoundingMode;

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

    /**
     * The angle {@code radians} in degrees, as the shortest decimal {@code d} for which
     * {@code Math.toRadians(d) == radians}, so that a written file loads back exactly.
     */
    static String degrees(double radians) {
        double d = Math.toDegrees(radians);
        for (int digits = 0; digits <= 17; digits++) {
            double c = BigDecimal.valueOf(d).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
            if (Math.toRadians(c) == radians) {
                return format(c);
            }
        }
        double up = d;
        double down = d;
        for (int k = 0; k < 64; k++) {
            if (Math.toRadians(up) == radians) {
                return format(up);
            }
            if (Math.toRadians(down) == radians) {
                return format(down);
            }
            up = Math.nextUp(up);
            down = Math.nextDown(down);
        }
        return format(d);
    }
}
