package dev.wayfinder.ros.tools;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Message rate over a sliding window of arrivals, as {@code ros2 topic hz} reports it. Thread-safe.
 */
public final class RateMeter {
    private final int window;
    private final Deque<Long> arrivals = new ArrayDeque<>();

    /**
     * Statistics of the inter-arrival periods in the window.
     *
     * @param averageHz messages per second
     * @param minPeriodS shortest period (s)
     * @param maxPeriodS longest period (s)
     * @param stdDevS standard deviation of the period (s)
     * @param window number of arrivals used
     */
    public record Rate(double averageHz, double minPeriodS, double maxPeriodS, double stdDevS, int window) {
    }

    /** @param window arrivals kept (>= 2) */
    public RateMeter(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("rate window must hold at least 2 arrivals, got " + window);
        }
        this.window = window;
    }

    /** @param nanos arrival time (monotonic ns) */
    public synchronized void arrived(long nanos) {
        arrivals.addLast(nanos);
        if (arrivals.size() > window) {
            arrivals.removeFirst();
        }
    }

    /** @return the statistics, empty before two arrivals */
    public synchronized Optional<Rate> rate() {
        if (arrivals.size() < 2) {
            return Optional.empty();
        }
        Long[] t = arrivals.toArray(new Long[0]);
        int n = t.length - 1;
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = (t[i + 1] - t[i]) / 1e9;
            sum += p[i];
            min = Math.min(min, p[i]);
            max = Math.max(max, p[i]);
        }
        double mean = sum / n;
        double var = 0;
        for (double x : p) {
            var += (x - mean) * (x - mean);
        }
        return Optional.of(new Rate(mean > 0 ? 1 / mean : Double.POSITIVE_INFINITY, min, max, Math.sqrt(var / n),
                t.length));
    }
}
