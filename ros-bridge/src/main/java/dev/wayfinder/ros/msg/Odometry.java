package dev.wayfinder.ros.msg;

/**
 * nav_msgs/Odometry (pose in header.frameId, twist in childFrameId).
 *
 * @param header time and odometry frame
 * @param childFrameId body frame
 * @param pose pose
 * @param poseCovariance 6x6
 * @param twist velocity
 * @param twistCovariance 6x6
 */
public record Odometry(Header header, String childFrameId, Pose pose, Covariance poseCovariance, Twist twist,
                       Covariance twistCovariance) {
    /** The type. */
    public static final MessageType<Odometry> TYPE = MessageType.of("nav_msgs/msg/Odometry", (v, w) -> {
        Header.write(v.header, w);
        w.writeString(v.childFrameId);
        Pose.write(v.pose, w);
        w.writeFloat64Array(v.poseCovariance.raw());
        Twist.write(v.twist, w);
        w.writeFloat64Array(v.twistCovariance.raw());
    }, r -> new Odometry(Header.read(r), r.readString(), Pose.read(r), new Covariance(r.readFloat64Array(36)),
            Twist.read(r), new Covariance(r.readFloat64Array(36))));

    /** Validates the covariance sizes. */
    public Odometry {
        if (poseCovariance.raw().length != 36 || twistCovariance.raw().length != 36) {
            throw new IllegalArgumentException("odometry covariances are 6x6");
        }
    }
}
