package dev.wayfinder.ros.msg;

/**
 * std_msgs/Float32.
 *
 * @param data the value
 */
public record Float32(float data) {
    /** The type. */
    public static final MessageType<Float32> TYPE = MessageType.of("std_msgs/msg/Float32",
            (v, w) -> w.writeFloat32(v.data), r -> new Float32(r.readFloat32()));
}
