package dev.wayfinder.inference.server;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Nanosecond values in log-linear buckets (16 per power of two, so a percentile is within about 6 % of the true
 * value), recorded lock-free by any thread. Counts since creation.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    private final AtomicLongArray counts = new AtomicLongArray(64 * SUB);

    void record(long nanos) {
        counts.incrementAndGet(index(Math.max(0, nanos)));
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int e = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (e - SUB_BITS)) & (SUB - 1);
        return (e - SUB_BITS + 1) * SUB + sub;
    }

    /** The smallest value of bucket {@code i}. */
    static long lowest(int i) {
        if (i < SUB) {
            return i;
        }
        int e = i / SUB + SUB_BITS - 1;
        int sub = i % SUB;
        return (1L << e) | ((long) sub << (e - SUB_BITS));
    }

    /** The values at quantiles {@code q} (each in [0, 1]), as bucket midpoints in nanoseconds; 0 when empty. */
    long[] quantiles(double... q) {
        long[] snap = new long[counts.length()];
        long total = 0;
        for (int i = 0; i < snap.length; i++) {
            snap[i] = counts.get(i);
            total += snap[i];
        }
        long[] out = new long[q.length];
        if (total == 0) {
            return out;
        }
        for (int k = 0; k < q.length; k++) {
            long rank = Math.max(1, (long) Math.ceil(q[k] * total));
            long seen = 0;
            for (int i = 0; i < snap.length; i++) {
                seen += snap[i];
                if (seen >= rank) {
                    long lo = lowest(i);
                    long hi = i + 1 < snap.length ? lowest(i + 1) : lo;
                    out[k] = (lo + hi) / 2;
                    break;
                }
            }
        }
        return out;
    }

    long count() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }
}
