package dev.wayfinder.robot;

/**
 * A planar pose (REP-103: x forward, y left, yaw counter-clockwise), e.g. base_link in the odom frame or the odom
 * frame in the map frame.
 *
 * @param x   metres, finite
 * @param y   metres, finite
 * @param yaw radians, finite (not normalised)
 */
public record Pose2D(double x, double y, double yaw) {
    /** The identity: the two frames coincide. */
    public static final Pose2D IDENTITY = new Pose2D(0, 0, 0);

    public Pose2D {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(yaw)) {
            throw new IllegalArgumentException("pose must be finite, got (" + x + ", " + y + ", " + yaw + ")");
        }
    }

    /** This transform applied to {@code p}: {@code p} expressed in the frame this pose is given in. */
    public Pose2D compose(Pose2D p) {
        double c = Math.cos(yaw);
        double s = Math.sin(yaw);
        return new Pose2D(x + c * p.x - s * p.y, y + s * p.x + c * p.y, yaw + p.yaw);
    }

    /** The point ({@code px}, {@code py}) of the child frame in this pose's parent frame, into {@code out[0..1]}. */
    public void apply(double px, double py, double[] out) {
        double c = Math.cos(yaw);
        double s = Math.sin(yaw);
        out[0] = x + c * px - s * py;
        out[1] = y + s * px + c * py;
    }
}
