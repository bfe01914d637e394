package dev.wayfinder.scenarios.model;

/**
 * A 3D pose: position in metres and orientation as roll, pitch, yaw in radians (REP-103 fixed-axis
 * x-y-z, i.e. R = Rz(yaw) * Ry(pitch) * Rx(roll)). Positive pitch tilts +x downwards toward -z.
 *
 * @param x     metres
 * @param y     metres
 * @param z     metres
 * @param roll  radians about x
 * @param pitch radians about y
 * @param yaw   radians about z
 */
public record Pose3(double x, double y, double z, double roll, double pitch, double yaw) {
    public Pose3 {
        Checks.finite("x", x);
        Checks.finite("y", y);
        Checks.finite("z", z);
        Checks.finite("roll", roll);
        Checks.finite("pitch", pitch);
        Checks.finite("yaw", yaw);
    }

    /** The position part. */
    public Vec3 position() {
        return new Vec3(x, y, z);
    }
}
