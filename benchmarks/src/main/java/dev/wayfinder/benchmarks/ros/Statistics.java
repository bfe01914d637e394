package dev.wayfinder.benchmarks.ros;

import java.util.Arrays;
import java.util.List;

/** Turns what a measurement collected into the rows the benchmark reports. */
final class Statistics {
    private Statistics() {
    }

    /**
     * An image as a subscriber saw it.
     *
     * @param bytes image data bytes
     * @param stampNs the publisher's stamp, wall clock in ns
     * @param receivedNs the arrival, wall clock in ns
     */
    record Arrival(long bytes, long stampNs, long receivedNs) {
    }

    /**
     * Percentiles of round trips: element n/2, 9n/10 and 99n/100 of the sorted times, and the largest.
     *
     * @param pair the pair measured, without spaces
     * @param microseconds the timed round trips (not changed)
     */
    static RosBenchResult.RoundTrip roundTrip(String pair, long[] microseconds) {
        long[] s = microseconds.clone();
        Arrays.sort(s);
        return new RosBenchResult.RoundTrip(pair, s[s.length / 2], s[s.length * 9 / 10], s[s.length * 99 / 100],
                s[s.length - 1], s.length);
    }

    /**
     * An image row: the burst's duration runs from the first delivered image's publication to the last arrival.
     *
     * @param pair publisher->subscriber
     * @param sent30 images published at 30 Hz
     * @param delivered30 how many of them arrived
     * @param burstSent images published in the burst
     * @param burst the burst images that arrived
     */
    static RosBenchResult.ImageRow imageRow(String pair, int sent30, List<Arrival> at30, int burstSent,
                                            List<Arrival> burst) {
        long first = burst.stream().mapToLong(Arrival::stampNs).min().orElse(0);
        long last = burst.stream().mapToLong(Arrival::receivedNs).max().orElse(0);
        long bytes = burst.stream().mapToLong(Arrival::bytes).sum();
        // Stamp (the publisher's wall clock just before it wrote) to arrival (the subscriber's, same machine).
        long[] lat = at30.stream().mapToLong(a -> (a.receivedNs() - a.stampNs()) / 1000).sorted().toArray();
        long p50 = lat.length == 0 ? -1 : lat[lat.length / 2];
        long p99 = lat.length == 0 ? -1 : lat[lat.length * 99 / 100];
        long max = lat.length == 0 ? -1 : lat[lat.length - 1];
        return new RosBenchResult.ImageRow(pair, sent30, at30.size(), burstSent, burst.size(), last - first, bytes,
                p50, p99, max);
    }

    /**
     * Percentiles of latencies given in nanoseconds, reported in microseconds (n/2, 95n/100, 99n/100, the largest).
     *
     * @throws IllegalStateException when there are none
     */
    static RosBenchResult.Percentiles percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            throw new IllegalStateException("no latency samples");
        }
        long[] s = nanos.stream().mapToLong(n -> n / 1000).sorted().toArray();
        return new RosBenchResult.Percentiles(s[s.length / 2], s[s.length * 95 / 100], s[s.length * 99 / 100],
                s[s.length - 1]);
    }
}
