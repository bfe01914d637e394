package dev.wayfinder.scenarios.io;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Degrees in files, radians in code, converted through exact decimal arithmetic. Multiplying a double by
 * pi/180 cannot reach every double, so a file angle is converted from its decimal text instead; then every
 * radian value has a decimal degree text that loads back to exactly it, and saving never changes a value.
 */
final class Angles {
    private static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510582");
    private static final BigDecimal D180 = BigDecimal.valueOf(180);
    private static final MathContext MC = new MathContext(60);

    private Angles() {
    }

    /** Radians, correctly rounded, of the decimal degree text {@code deg} (a valid YAML/Java number). */
    static double radians(String deg) {
        double r = new BigDecimal(deg.startsWith("+") ? deg.substring(1) : deg).multiply(PI, MC)
                .divide(D180, MC).doubleValue();
        return r == 0 && deg.trim().startsWith("-") ? -0.0 : r;
    }

    /** The shortest decimal degree text that {@link #radians} maps back to exactly {@code rad}. */
    static String degrees(double rad) {
        if (!Double.isFinite(rad)) {
            throw new IllegalArgumentException("cannot write angle " + rad);
        }
        if (rad == 0) {
            return Double.doubleToRawLongBits(rad) == 0 ? "0" : "-0.0";
        }
        BigDecimal exact = new BigDecimal(rad).multiply(D180, MC).divide(PI, MC);
        for (int digits = 1; digits <= 30; digits++) {
            String s = text(exact.round(new MathContext(digits)));
            if (radians(s) == rad) {
                return s;
            }
        }
        return text(exact.round(new MathContext(40)));
    }

    private static String text(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        int exp = s.precision() - s.scale() - 1;
        return exp >= -6 && exp < 12 ? s.toPlainString() : s.toString();
    }
}
