package dev.wayfinder.simros;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The velocity command a base controller drives with: the latest one received, held for a timeout, then zero (so a
 * crashed or disconnected controller cannot leave the robot driving). Times are simulation nanoseconds. Thread-safe:
 * receive callbacks {@link #accept}, the simulation loop asks {@link #command}.
 */
public final class CommandHold {
    /** A command and the simulation time it arrived at. */
    private record Held(double v, double omega, long atNanos) {
    }

    private final long timeoutNanos;
    private final AtomicReference<Held> held = new AtomicReference<>();

    /**
     * @param timeoutNanos how long a command holds without a newer one (> 0)
     */
    public CommandHold(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("command timeout must be > 0 ns, got " + timeoutNanos);
        }
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Takes a command. Non-finite values are ignored (and the previous command keeps ageing).
     *
     * @param v forward speed, m/s
     * @param omega yaw rate, rad/s
     * @param nowNanos the simulation time it arrived at
     * @return whether it was taken
     */
    public boolean accept(double v, double omega, long nowNanos) {
        if (!Double.isFinite(v) || !Double.isFinite(omega)) {
            return false;
        }
        held.set(new Held(v, omega, nowNanos));
        return true;
    }

    /**
     * @param nowNanos the simulation time now
     * @return (v, omega) to drive with: the latest command while it is no older than the timeout, else zeros
     */
    public double[] command(long nowNanos) {
        Held h = held.get();
        if (h == null || nowNanos - h.atNanos() > timeoutNanos) {
            return new double[2];
        }
        return new double[] {h.v(), h.omega()};
    }

    /** Forgets the held command (a new episode starts standing still). */
    public void clear() {
        held.set(null);
    }
}
