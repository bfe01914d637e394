package dev.wayfinder.deploy;

/**
 * Chooses which camera frames the policy decides on, by their stamps, so that it decides at its trained rate whatever
 * the camera's rate: a frame is taken when it is the one nearest the next decision time (its stamp at least that time
 * less half a frame interval), and the decision times advance by the decision period from the last one taken. A 30 Hz
 * camera and a 10 Hz policy give every third frame; a 15 Hz camera and a 10 Hz policy alternate gaps of one and two
 * frames, 10 Hz on average; a camera no faster than the policy has every frame taken. Stamps, not arrival times, so
 * network jitter does not change the choice. A stamp that goes back (a simulation reset, a clock jump) starts over.
 *
 * <p>Used by one thread.
 */
final class DecisionPacer {
    private static final long NONE = Long.MIN_VALUE;
    /** Weight of a new stamp gap in the frame interval's running estimate. */
    private static final double GAP_WEIGHT = 0.125;

    private final long period;
    private long next = NONE;
    private long lastStamp = NONE;
    private double frameGap;

    /**
     * @param decisionRate decisions per second at most, Hz &gt; 0
     */
    DecisionPacer(double decisionRate) {
        if (!(decisionRate > 0) || Double.isInfinite(decisionRate)) {
            throw new IllegalArgumentException("decision rate must be finite and > 0 Hz, got " + decisionRate);
        }
        this.period = Math.round(1e9 / decisionRate);
    }

    /** Whether to decide on the frame stamped {@code stampNanos} (every frame must be shown, in arrival order). */
    boolean take(long stampNanos) {
        if (lastStamp != NONE && stampNanos > lastStamp) {
            long gap = stampNanos - lastStamp;
            // A gap of many frames (the camera paused) says nothing about the interval: cap what one gap can add.
            frameGap = frameGap == 0 ? Math.min(gap, period) : frameGap + GAP_WEIGHT * (Math.min(gap, 4 * frameGap)
                    - frameGap);
        }
        boolean back = lastStamp != NONE && stampNanos < lastStamp;
        lastStamp = stampNanos;
        if (next == NONE || back || stampNanos >= next - frameGap / 2) {
            // Fixed rate from the last decision time, unless the frames fell behind it by more than a period.
            next = next == NONE || back || stampNanos - next > period ? stampNanos + period : next + period;
            return true;
        }
        return false;
    }
}
