package dev.wayfinder.scenarios.model;

import java.util.Locale;

/**
 * An sRGB colour (gamma-encoded, as written in files) with components in [0, 1]; written in files as {@code "#rrggbb"}.
 *
 * @param r red, 0..1
 * @param g green, 0..1
 * @param b blue, 0..1
 */
public record Rgb(double r, double g, double b) {
    public static final Rgb WHITE = new Rgb(1, 1, 1);
    public static final Rgb BLACK = new Rgb(0, 0, 0);

    public Rgb {
        Checks.range("r", r, 0, 1);
        Checks.range("g", g, 0, 1);
        Checks.range("b", b, 0, 1);
    }

    /**
     * Parses {@code "#rrggbb"} (case-insensitive).
     *
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static Rgb parse(String text) {
        if (text == null || !text.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("colour must look like \"#rrggbb\", got " + text);
        }
        int v = Integer.parseInt(text.substring(1), 16);
        return of8((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
    }

    /** A colour from 8-bit components (0..255). */
    public static Rgb of8(int r, int g, int b) {
        return new Rgb(r / 255.0, g / 255.0, b / 255.0);
    }

    /**
     * A colour from hue (radians, any value; wrapped), saturation and value (0..1).
     */
    public static Rgb fromHsv(double hue, double saturation, double value) {
        double h = Math.toDegrees(hue) % 360.0;
        if (h < 0) {
            h += 360.0;
        }
        double s = Math.clamp(saturation, 0, 1);
        double v = Math.clamp(value, 0, 1);
        double c = v * s;
        double x = c * (1 - Math.abs((h / 60.0) % 2 - 1));
        double m = v - c;
        double[] rgb = switch ((int) (h / 60.0)) {
            case 0 -> new double[] {c, x, 0};
            case 1 -> new double[] {x, c, 0};
            case 2 -> new double[] {0, c, x};
            case 3 -> new double[] {0, x, c};
            case 4 -> new double[] {x, 0, c};
            default -> new double[] {c, 0, x};
        };
        return new Rgb(Math.clamp(rgb[0] + m, 0, 1), Math.clamp(rgb[1] + m, 0, 1), Math.clamp(rgb[2] + m, 0, 1));
    }

    /** Hue in radians [0, 2 pi), saturation and value in [0, 1]. */
    public double[] toHsv() {
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double d = max - min;
        double h;
        if (d == 0) {
            h = 0;
        } else if (max == r) {
            h = 60 * (((g - b) / d) % 6);
        } else if (max == g) {
            h = 60 * ((b - r) / d + 2);
        } else {
            h = 60 * ((r - g) / d + 4);
        }
        if (h < 0) {
            h += 360;
        }
        return new double[] {Math.toRadians(h), max == 0 ? 0 : d / max, max};
    }

    /** The 8-bit red, green and blue packed as 0xRRGGBB. */
    public int toRgb8() {
        return (to8(r) << 16) | (to8(g) << 8) | to8(b);
    }

    /** {@code "#rrggbb"}; 8-bit quantised, so {@code parse(hex())} may differ from this by up to 1/510. */
    public String hex() {
        return String.format(Locale.ROOT, "#%06x", toRgb8());
    }

    private static int to8(double c) {
        return (int) Math.round(c * 255.0);
    }
}
