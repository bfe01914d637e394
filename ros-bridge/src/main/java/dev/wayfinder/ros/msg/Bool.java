package dev.wayfinder.ros.msg;

/**
 * std_msgs/Bool.
 *
 * @param data the value
 */
public record Bool(boolean data) {
    /** The type. */
    public static final MessageType<Bool> TYPE = MessageType.of("std_msgs/msg/Bool",
            (v, w) -> w.writeBool(v.data), r -> new Bool(r.readBool()));
}
