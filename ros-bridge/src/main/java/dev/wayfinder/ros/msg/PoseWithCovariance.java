package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * geometry_msgs/PoseWithCovariance.
 *
 * @param pose the pose
 * @param covariance 6x6, row-major, over (x, y, z, rotation about x, y, z)
 */
public record PoseWithCovariance(Pose pose, Covariance covariance) {
    /** The type. */
    public static final MessageType<PoseWithCovariance> TYPE = MessageType.of("geometry_msgs/msg/PoseWithCovariance",
            PoseWithCovariance::write, PoseWithCovariance::read);

    /** Validates. */
    public PoseWithCovariance {
        if (pose == null || covariance == null || covariance.raw().length != 36) {
            throw new IllegalArgumentException("pose with covariance needs a pose and a 6x6 covariance");
        }
    }

    static void write(PoseWithCovariance v, CdrWriter w) {
        Pose.write(v.pose, w);
        w.writeFloat64Array(v.covariance.raw());
    }

    static PoseWithCovariance read(CdrReader r) {
        return new PoseWithCovariance(Pose.read(r), new Covariance(r.readFloat64Array(36)));
    }
}
