package dev.wayfinder.ros.msg;

/**
 * geometry_msgs/PoseStamped.
 *
 * @param header time and frame
 * @param pose the pose
 */
public record PoseStamped(Header header, Pose pose) {
    /** The type. */
    public static final MessageType<PoseStamped> TYPE = MessageType.of("geometry_msgs/msg/PoseStamped", (v, w) -> {
        Header.write(v.header, w);
        Pose.write(v.pose, w);
    }, r -> new PoseStamped(Header.read(r), Pose.read(r)));
}
