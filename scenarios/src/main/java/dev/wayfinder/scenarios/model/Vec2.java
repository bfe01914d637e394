package dev.wayfinder.scenarios.model;

/**
 * A point or vector in the floor plane, in metres, REP-103 (x forward, y left).
 *
 * @param x metres, finite
 * @param y metres, finite
 */
public record Vec2(double x, double y) {
    /** The origin. */
    public static final Vec2 ZERO = new Vec2(0, 0);

    public Vec2 {
        Checks.finite("x", x);
        Checks.finite("y", y);
    }

    public Vec2 plus(Vec2 o) {
        return new Vec2(x + o.x, y + o.y);
    }

    public Vec2 minus(Vec2 o) {
        return new Vec2(x - o.x, y - o.y);
    }

    public Vec2 times(double s) {
        return new Vec2(x * s, y * s);
    }

    /** Euclidean length, metres. */
    public double norm() {
        return Math.hypot(x, y);
    }

    /** Euclidean distance to {@code o}, metres. */
    public double distanceTo(Vec2 o) {
        return Math.hypot(x - o.x, y - o.y);
    }

    /** This vector rotated counter-clockwise by {@code angle} radians. */
    public Vec2 rotate(double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new Vec2(c * x - s * y, s * x + c * y);
    }
}
