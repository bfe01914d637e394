package dev.wayfinder.ros.mcap;

import java.util.Arrays;

/**
 * A Message record with its channel.
 *
 * @param channel the channel it was logged on
 * @param sequence the publisher's counter (uint32)
 * @param logTime when it was recorded, ns
 * @param publishTime when it was published, ns (the log time if unknown)
 * @param data the serialized message (for cdr: with its encapsulation header); not copied
 */
public record McapMessage(McapChannel channel, long sequence, long logTime, long publishTime, byte[] data) {
    /** Validates. */
    public McapMessage {
        if (channel == null || data == null) {
            throw new IllegalArgumentException("message needs a channel and data");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof McapMessage m && channel.equals(m.channel) && sequence == m.sequence
                && logTime == m.logTime && publishTime == m.publishTime && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(logTime) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "McapMessage[" + channel.topic() + " #" + sequence + " log " + logTime + ", " + data.length + " bytes]";
    }
}
