package dev.wayfinder.deploy;

import java.util.concurrent.TimeUnit;

/**
 * Hands frames from the receive thread to the policy thread: one slot, the newest wins. {@link #offer} never blocks
 * (the receive thread must not wait for inference); a frame replaced before the policy took it is dropped and counted.
 *
 * @param <T> the frame
 */
public final class FrameHandoff<T> {
    private T pending;
    private long offered;
    private long dropped;
    private boolean closed;

    /** Puts {@code frame} in the slot, dropping (and counting) the one there if the policy has not taken it. */
    public synchronized void offer(T frame) {
        java.util.Objects.requireNonNull(frame, "frame");
        if (pending != null) {
            dropped++;
        }
        pending = frame;
        offered++;
        notifyAll();
    }

    /**
     * The newest frame, waiting up to {@code timeout} for one; null when none came or the hand-off was closed.
     */
    public synchronized T take(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (pending == null && !closed) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        T t = pending;
        pending = null;
        return t;
    }

    /** Drops the waiting frame, if any, without counting it (after a clock jump its stamps mean nothing). */
    public synchronized void clear() {
        pending = null;
    }

    /** Wakes the taker; later takes return null at once. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Frames offered so far. */
    public synchronized long offered() {
        return offered;
    }

    /** Frames replaced by a newer one before the policy took them. */
    public synchronized long dropped() {
        return dropped;
    }
}
