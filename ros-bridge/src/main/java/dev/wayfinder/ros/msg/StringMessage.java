package dev.wayfinder.ros.msg;

/**
 * std_msgs/String.
 *
 * @param data the text
 */
public record StringMessage(String data) {
    /** The type. */
    public static final MessageType<StringMessage> TYPE = MessageType.of("std_msgs/msg/String",
            (v, w) -> w.writeString(v.data), r -> new StringMessage(r.readString()));

    /** Validates non-null. */
    public StringMessage {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
    }
}
