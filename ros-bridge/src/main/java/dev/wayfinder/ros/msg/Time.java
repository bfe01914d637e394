package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * builtin_interfaces/Time.
 *
 * @param sec seconds since the epoch
 * @param nanosec nanoseconds within the second (0..999,999,999, unsigned on the wire)
 */
public record Time(int sec, int nanosec) {
    /** The type. */
    public static final MessageType<Time> TYPE = MessageType.of("builtin_interfaces/msg/Time", Time::write, Time::read);

    /** Validates the nanoseconds. */
    public Time {
        if (nanosec < 0 || nanosec >= 1_000_000_000) {
            throw new IllegalArgumentException("nanosec must be in 0..999999999, got " + nanosec);
        }
    }

    /**
     * @param nanos nanoseconds since the epoch (>= 0)
     * @return the time
     */
    public static Time ofNanos(long nanos) {
        return new Time((int) (nanos / 1_000_000_000L), (int) (nanos % 1_000_000_000L));
    }

    /** @return nanoseconds since the epoch */
    public long toNanos() {
        return sec * 1_000_000_000L + nanosec;
    }

    static void write(Time v, CdrWriter w) {
        w.writeInt32(v.sec);
        w.writeInt32(v.nanosec);
    }

    static Time read(CdrReader r) {
        int s = r.readInt32();
        int n = r.readInt32();
        return new Time(s, n < 0 || n >= 1_000_000_000 ? 0 : n);
    }
}
