package dev.wayfinder.scenarios.model;

/**
 * A 3D vector in metres, REP-103 (x forward, y left, z up).
 *
 * @param x metres, finite
 * @param y metres, finite
 * @param z metres, finite
 */
public record Vec3(double x, double y, double z) {
    public Vec3 {
        Checks.finite("x", x);
        Checks.finite("y", y);
        Checks.finite("z", z);
    }

    /** The (x, y) part. */
    public Vec2 xy() {
        return new Vec2(x, y);
    }
}
