package dev.wayfinder.ros.msg;

/**
 * geometry_msgs/TwistStamped.
 *
 * @param header time and frame
 * @param twist the velocity
 */
public record TwistStamped(Header header, Twist twist) {
    /** The type. */
    public static final MessageType<TwistStamped> TYPE = MessageType.of("geometry_msgs/msg/TwistStamped", (v, w) -> {
        Header.write(v.header, w);
        Twist.write(v.twist, w);
    }, r -> new TwistStamped(Header.read(r), Twist.read(r)));
}
