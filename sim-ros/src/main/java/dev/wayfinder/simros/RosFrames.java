package dev.wayfinder.simros;

import dev.wayfinder.ros.msg.Header;
import dev.wayfinder.ros.msg.Quaternion;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Transform;
import dev.wayfinder.ros.msg.TransformStamped;
import dev.wayfinder.ros.msg.Vector3;
import dev.wayfinder.scenarios.model.Pose3;
import java.util.List;

/**
 * The frames the simulated robot publishes, and the maths between them. REP-105: {@code map -> odom -> base_link};
 * REP-103 body frames (x forward, y left, z up) for {@code base_link} and {@code camera_link}; the optical frame
 * {@code camera_optical_frame} (z forward, x right, y down) that images and CameraInfo are in.
 */
public final class RosFrames {
    /** The fixed world frame: the scenario's coordinates. */
    public static final String MAP = "map";
    /** The odometry frame: starts at the map's origin, drifts with the wheel odometry. */
    public static final String ODOM = "odom";
    /** The robot: the midpoint of the wheel axle on the floor. */
    public static final String BASE_LINK = "base_link";
    /** The camera body, REP-103 axes, at the scenario's camera mount. */
    public static final String CAMERA_LINK = "camera_link";
    /** The camera's optical frame: z along the optical axis, x right, y down in the image. */
    public static final String CAMERA_OPTICAL = "camera_optical_frame";

    /**
     * The rotation from {@link #CAMERA_LINK} to {@link #CAMERA_OPTICAL}: roll -90 degrees then yaw -90 degrees, so
     * optical z is the link's x, optical x the link's -y, optical y the link's -z.
     */
    public static final Quaternion OPTICAL_ROTATION = new Quaternion(-0.5, 0.5, -0.5, 0.5);

    private RosFrames() {
    }

    /**
     * The quaternion of fixed-axis roll, pitch, yaw (REP-103: R = Rz(yaw) Ry(pitch) Rx(roll)).
     *
     * @param roll about x, radians
     * @param pitch about y, radians
     * @param yaw about z, radians
     * @return the unit quaternion, w >= 0 when all angles are 0
     */
    public static Quaternion fromRpy(double roll, double pitch, double yaw) {
        double cr = Math.cos(roll / 2);
        double sr = Math.sin(roll / 2);
        double cp = Math.cos(pitch / 2);
        double sp = Math.sin(pitch / 2);
        double cy = Math.cos(yaw / 2);
        double sy = Math.sin(yaw / 2);
        return new Quaternion(sr * cp * cy - cr * sp * sy, cr * sp * cy + sr * cp * sy, cr * cp * sy - sr * sp * cy,
                cr * cp * cy + sr * sp * sy);
    }

    /**
     * @param yaw heading about z, radians
     * @return the quaternion of that heading
     */
    public static Quaternion fromYaw(double yaw) {
        return new Quaternion(0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2));
    }

    /**
     * @param q a unit quaternion
     * @return its heading about z, radians in [-pi, pi]
     */
    public static double yaw(Quaternion q) {
        return Math.atan2(2 * (q.w() * q.z() + q.x() * q.y()), 1 - 2 * (q.y() * q.y() + q.z() * q.z()));
    }

    /**
     * Rotates a vector: q v q*.
     *
     * @param q a unit quaternion
     * @param v the vector
     * @return the rotated vector
     */
    public static Vector3 rotate(Quaternion q, Vector3 v) {
        // t = 2 (q_xyz x v); v' = v + w t + q_xyz x t
        double tx = 2 * (q.y() * v.z() - q.z() * v.y());
        double ty = 2 * (q.z() * v.x() - q.x() * v.z());
        double tz = 2 * (q.x() * v.y() - q.y() * v.x());
        return new Vector3(v.x() + q.w() * tx + (q.y() * tz - q.z() * ty),
                v.y() + q.w() * ty + (q.z() * tx - q.x() * tz),
                v.z() + q.w() * tz + (q.x() * ty - q.y() * tx));
    }

    /**
     * The product a b (first b, then a, as rotations of vectors).
     *
     * @param a left
     * @param b right
     * @return a b
     */
    public static Quaternion multiply(Quaternion a, Quaternion b) {
        return new Quaternion(a.w() * b.x() + a.x() * b.w() + a.y() * b.z() - a.z() * b.y(),
                a.w() * b.y() - a.x() * b.z() + a.y() * b.w() + a.z() * b.x(),
                a.w() * b.z() + a.x() * b.y() - a.y() * b.x() + a.z() * b.w(),
                a.w() * b.w() - a.x() * b.x() - a.y() * b.y() - a.z() * b.z());
    }

    /**
     * The robot's fixed transforms, one /tf_static message: base_link to camera_link at the camera mount, and
     * camera_link to camera_optical_frame.
     *
     * @param mount the camera's pose in base_link
     * @param stamp when they were published (static transforms hold at every time)
     * @return the two transforms
     */
    public static List<TransformStamped> staticTransforms(Pose3 mount, Time stamp) {
        Header h = new Header(stamp, BASE_LINK);
        TransformStamped camera = new TransformStamped(h, CAMERA_LINK, new Transform(
                new Vector3(mount.x(), mount.y(), mount.z()), fromRpy(mount.roll(), mount.pitch(), mount.yaw())));
        TransformStamped optical = new TransformStamped(new Header(stamp, CAMERA_LINK), CAMERA_OPTICAL,
                new Transform(Vector3.ZERO, OPTICAL_ROTATION));
        return List.of(camera, optical);
    }

    /**
     * A planar pose as a transform from {@code parent} to {@code child}.
     *
     * @param stamp time
     * @param parent parent frame
     * @param child child frame
     * @param x metres
     * @param y metres
     * @param yaw radians
     * @return the transform
     */
    public static TransformStamped planar(Time stamp, String parent, String child, double x, double y, double yaw) {
        return new TransformStamped(new Header(stamp, parent), child,
                new Transform(new Vector3(x, y, 0), fromYaw(yaw)));
    }
}
