package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * builtin_interfaces/Duration.
 *
 * @param sec whole seconds (may be negative)
 * @param nanosec nanoseconds added to them (0..999,999,999, unsigned on the wire)
 */
public record Duration(int sec, int nanosec) {
    /** The type. */
    public static final MessageType<Duration> TYPE = MessageType.of("builtin_interfaces/msg/Duration",
            Duration::write, Duration::read);
    /** No time: for a marker, "forever". */
    public static final Duration ZERO = new Duration(0, 0);

    /** Validates the nanoseconds. */
    public Duration {
        if (nanosec < 0 || nanosec >= 1_000_000_000) {
            throw new IllegalArgumentException("nanosec must be in 0..999999999, got " + nanosec);
        }
    }

    static void write(Duration v, CdrWriter w) {
        w.writeInt32(v.sec);
        w.writeInt32(v.nanosec);
    }

    static Duration read(CdrReader r) {
        int s = r.readInt32();
        int n = r.readInt32();
        return new Duration(s, n < 0 || n >= 1_000_000_000 ? 0 : n);
    }
}
