package dev.wayfinder.scenarios.model;

/**
 * A pose on the floor plane: position in metres and heading (yaw) in radians, counter-clockwise from +x.
 *
 * @param x   metres, finite
 * @param y   metres, finite
 * @param yaw radians, finite (not normalised)
 */
public record Pose2(double x, double y, double yaw) {
    public Pose2 {
        Checks.finite("x", x);
        Checks.finite("y", y);
        Checks.finite("yaw", yaw);
    }

    public Pose2(Vec2 position, double yaw) {
        this(position.x(), position.y(), yaw);
    }

    /** The position part. */
    public Vec2 position() {
        return new Vec2(x, y);
    }

    /** Transforms a point given in this pose's frame into the parent frame. */
    public Vec2 apply(Vec2 local) {
        return local.rotate(yaw).plus(position());
    }
}
