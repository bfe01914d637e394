package dev.wayfinder.deploy;

/**
 * The e-stop latch (twist_mux's lock pattern): a {@code std_msgs/Bool} true engages it, and it stays engaged until a
 * false releases it. With a heartbeat configured, the topic must also be heard at least every
 * {@code heartbeatNanos}: silence engages the stop too, and only a fresh false releases it. Time is passed in (a
 * monotonic clock). Thread-safe.
 */
public final class EStop {
    private final long heartbeatNanos;
    private boolean latched;
    private long lastHeard;
    private boolean heard;
    private long engagements;
    private String why = "";

    /**
     * @param heartbeatNanos how long the topic may stay silent before the stop engages; 0 for no heartbeat
     * @param now            the time the node starts (silence is counted from here)
     */
    public EStop(long heartbeatNanos, long now) {
        if (heartbeatNanos < 0) {
            throw new IllegalArgumentException("e-stop heartbeat must be >= 0 ns, got " + heartbeatNanos);
        }
        this.heartbeatNanos = heartbeatNanos;
        this.lastHeard = now;
    }

    /** A message on the e-stop topic at {@code now}: true engages, false releases. */
    public synchronized void message(boolean engage, long now) {
        heard = true;
        lastHeard = now;
        if (engage && !latched) {
            engagements++;
            why = "e-stop engaged";
        }
        latched = engage;
    }

    /** Whether the robot must stand still at {@code now}. */
    public synchronized boolean engaged(long now) {
        if (heartbeatNanos > 0 && now - lastHeard > heartbeatNanos && !latched) {
            latched = true;
            engagements++;
            why = (heard ? "e-stop heartbeat silent for " : "no e-stop heartbeat within ")
                    + String.format(java.util.Locale.ROOT, "%.3f s", heartbeatNanos / 1e9);
        }
        return latched;
    }

    /** Why it is engaged (empty when it never was). */
    public synchronized String why() {
        return why;
    }

    /** How often it was engaged (by the topic or by silence). */
    public synchronized long engagements() {
        return engagements;
    }
}
