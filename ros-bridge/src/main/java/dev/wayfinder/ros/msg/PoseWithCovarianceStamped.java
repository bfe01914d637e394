package dev.wayfinder.ros.msg;

/**
 * geometry_msgs/PoseWithCovarianceStamped (what /initialpose and AMCL's /amcl_pose carry).
 *
 * @param header time and frame
 * @param pose the pose and its covariance
 */
public record PoseWithCovarianceStamped(Header header, PoseWithCovariance pose) {
    /** The type. */
    public static final MessageType<PoseWithCovarianceStamped> TYPE = MessageType.of(
            "geometry_msgs/msg/PoseWithCovarianceStamped", (v, w) -> {
                Header.write(v.header, w);
                PoseWithCovariance.write(v.pose, w);
            }, r -> new PoseWithCovarianceStamped(Header.read(r), PoseWithCovariance.read(r)));
}
