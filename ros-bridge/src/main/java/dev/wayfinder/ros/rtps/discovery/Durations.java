package dev.wayfinder.ros.rtps.discovery;

import java.nio.ByteBuffer;

/** DDS Duration_t (int32 seconds, uint32 fraction of 2^-32 s) to and from nanoseconds. */
final class Durations {
    /** Nanoseconds that mean "infinite" (the wire value 0x7fffffff/0xffffffff). */
    static final long INFINITE = Long.MAX_VALUE;

    private Durations() {
    }

    static void put(ByteBuffer b, long nanos) {
        if (nanos == INFINITE) {
            b.putInt(0x7fffffff).putInt(0xffffffff);
            return;
        }
        long sec = nanos / 1_000_000_000L;
        long rem = nanos % 1_000_000_000L;
        b.putInt((int) sec).putInt((int) ((rem << 32) / 1_000_000_000L));
    }

    static long get(ByteBuffer b) {
        int sec = b.getInt(0);
        long frac = b.getInt(4) & 0xFFFF_FFFFL;
        if (sec == 0x7fffffff) {
            return INFINITE;
        }
        if (sec < 0) {
            return 0;
        }
        return sec * 1_000_000_000L + (frac * 1_000_000_000L >>> 32);
    }
}
