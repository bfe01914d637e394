package dev.wayfinder.ros.msg;

/**
 * std_msgs/Empty: a message without content, for events such as "reset". On the wire it carries the one byte that
 * rosidl adds to an empty struct ({@code structure_needs_at_least_one_member}), written as 0 and ignored when read.
 */
public record Empty() {
    /** The type. */
    public static final MessageType<Empty> TYPE = MessageType.of("std_msgs/msg/Empty",
            (v, w) -> w.writeInt8(0), r -> {
                r.readInt8();
                return new Empty();
            });
}
