package dev.wayfinder.ros.msg;

/**
 * std_msgs/Float64.
 *
 * @param data the value
 */
public record Float64(double data) {
    /** The type. */
    public static final MessageType<Float64> TYPE = MessageType.of("std_msgs/msg/Float64",
            (v, w) -> w.writeFloat64(v.data), r -> new Float64(r.readFloat64()));
}
