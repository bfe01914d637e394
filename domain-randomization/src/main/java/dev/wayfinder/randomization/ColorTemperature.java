package dev.wayfinder.randomization;

import dev.wayfinder.scenarios.model.Rgb;

/**
 * The colour of a black-body light source of a given temperature, as an sRGB colour whose brightest
 * component is 1 (intensity is a separate parameter). Uses the cubic-spline fit of the Planckian locus in
 * CIE 1931 xy (Kim et al., 2002, valid 1667 K - 25000 K; temperatures outside are clamped), then XYZ to
 * linear sRGB (D65) and the sRGB transfer curve. Only StrictMath: identical on every JDK.
 */
public final class ColorTemperature {
    /** Lowest temperature of the fit, kelvin. */
    public static final double MIN_KELVIN = 1667;
    /** Highest temperature of the fit, kelvin. */
    public static final double MAX_KELVIN = 25000;
    /** Daylight white, the nominal value for curricula, kelvin. */
    public static final double NEUTRAL_KELVIN = 6500;

    private ColorTemperature() {
    }

    /** The light colour of a black body at {@code kelvin} (clamped to the fit's range). */
    public static Rgb rgb(double kelvin) {
        double t = Math.min(MAX_KELVIN, Math.max(MIN_KELVIN, kelvin));
        double t1 = 1e3 / t;
        double t2 = t1 * t1;
        double t3 = t2 * t1;
        double x = t <= 4000
                ? -0.2661239 * t3 - 0.2343589 * t2 + 0.8776956 * t1 + 0.179910
                : -3.0258469 * t3 + 2.1070379 * t2 + 0.2226347 * t1 + 0.240390;
        double x2 = x * x;
        double x3 = x2 * x;
        double y;
        if (t <= 2222) {
            y = -1.1063814 * x3 - 1.34811020 * x2 + 2.18555832 * x - 0.20219683;
        } else if (t <= 4000) {
            y = -0.9549476 * x3 - 1.37418593 * x2 + 2.09137015 * x - 0.16748867;
        } else {
            y = 3.0817580 * x3 - 5.87338670 * x2 + 3.75112997 * x - 0.37001483;
        }
        double bigX = x / y;
        double bigZ = (1 - x - y) / y;
        double r = 3.2406 * bigX - 1.5372 - 0.4986 * bigZ;
        double g = -0.9689 * bigX + 1.8758 + 0.0415 * bigZ;
        double b = 0.0557 * bigX - 0.2040 + 1.0570 * bigZ;
        r = Math.max(0, r);
        g = Math.max(0, g);
        b = Math.max(0, b);
        double max = Math.max(r, Math.max(g, b));
        return new Rgb(encode(r / max), encode(g / max), encode(b / max));
    }

    /** The sRGB transfer curve of a linear value in [0, 1]. */
    private static double encode(double linear) {
        double c = Math.min(1, Math.max(0, linear));
        if (c == 1) {
            return 1; // the curve's formula lands one ulp short of 1
        }
        double v = c <= 0.0031308 ? 12.92 * c : 1.055 * StrictMath.pow(c, 1 / 2.4) - 0.055;
        return Math.min(1, Math.max(0, v));
    }
}
