package dev.wayfinder.studio.editor;

/** Rounding to the editor's grid. Stateless. */
public final class Snap {
    /** Step of rotation snapping, radians (15 degrees). */
    public static final double ANGLE_STEP = Math.toRadians(15);

    private Snap() {
    }

    /** {@code v} rounded to the nearest multiple of {@code step} (&gt; 0). */
    public static double to(double v, double step) {
        double r = Math.round(v / step) * step;
        // Strip the binary noise of the multiplication so that 0.1 * 3 is written as 0.3.
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.9f", r));
    }

    /** {@code v} rounded up to at least one {@code step} and to the nearest multiple of it. */
    public static double size(double v, double step) {
        return Math.max(step, to(v, step));
    }
}
