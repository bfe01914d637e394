package dev.wayfinder.scenarios.model;

/**
 * Episode limits.
 *
 * @param maxSteps    control steps before the episode is truncated, 1..10,000,000
 * @param controlRate control steps per second (Hz), in (0, 1000]
 */
public record Limits(int maxSteps, double controlRate) {
    public static final Limits DEFAULT = new Limits(500, 10);

    public Limits {
        Checks.range("maxSteps", maxSteps, 1, 10_000_000);
        Checks.positive("controlRate", controlRate);
        Checks.range("controlRate", controlRate, 1e-3, 1000);
    }

    /** Control period in nanoseconds (rounded). */
    public long controlPeriodNanos() {
        return Math.round(1e9 / controlRate);
    }

    /** Episode time limit, seconds. */
    public double maxSeconds() {
        return maxSteps / controlRate;
    }
}
