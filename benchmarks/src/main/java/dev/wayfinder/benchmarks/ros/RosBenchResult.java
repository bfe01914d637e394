package dev.wayfinder.benchmarks.ros;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one run of {@link RosBench} measured, and the text lines that carry it from the measuring child process
 * (inside the network namespace) to the parent: {@code ROW pair p50 p90 p99 max n} per round-trip pair and
 * {@code IMAGES pair sent30 delivered30 burstSent burstDelivered burstNanos burstBytes p50 p99 max} per image pair
 * (the last three: stamp to arrival at 30 Hz, microseconds).
 *
 * @param roundTrips the round-trip rows, in measuring order
 * @param images the image rows, in {@link ImageThroughput#PAIRS} order
 * @param deploy the deploy node's image-to-command row ({@code DEPLOY ...}), or null when it was not measured
 */
public record RosBenchResult(List<RoundTrip> roundTrips, List<ImageRow> images, DeployRow deploy) {
    /** How many round-trip rows a run has. */
    static final int ROUND_TRIP_ROWS = 3;

    /** The round trips and images without the deploy row. */
    public RosBenchResult(List<RoundTrip> roundTrips, List<ImageRow> images) {
        this(roundTrips, images, null);
    }

    /** Percentiles in microseconds: element n/2, 95n/100 and 99n/100 of the sorted samples, and the largest. */
    public record Percentiles(long p50, long p95, long p99, long max) {
    }

    /**
     * The deploy node fed 640x480 rgb8 images (and depth) at 30 Hz by the Cyclone DDS robot peer.
     *
     * @param sent images the robot published in the window
     * @param accepted images the node took (checked and handed to the policy)
     * @param refused messages the node refused in the window (stale, wrong size ...)
     * @param handoffDropped accepted images replaced by a newer one before the policy took them
     * @param decisions decisions in the window
     * @param received image stamp to the image checked on the receive thread (transport, reassembly, checks), us
     * @param decided image stamp to decision ready, us
     * @param published image stamp to command publish, us
     * @param cpuPerImage CPU time of the measuring process (the deploy node's threads, and the JVM's collector and
     *     compiler) in the window per image accepted in it, us: the work an image costs, which a busy machine does not
     *     change as much as it changes the latencies
     */
    public record DeployRow(int sent, long accepted, long refused, long handoffDropped, int decisions,
                            Percentiles received, Percentiles decided, Percentiles published, long cpuPerImage) {
        /**
         * @return images the robot sent that the node neither took nor refused; the robot counts its window a moment
         *     apart from the node, so one image either way is not a loss
         */
        public long lost() {
            return Math.max(0, sent - (accepted + refused) - 1);
        }

        String line() {
            return "DEPLOY " + sent + " " + accepted + " " + refused + " " + handoffDropped + " " + decisions + " "
                    + received.p50() + " " + received.p95() + " " + received.p99() + " " + received.max() + " "
                    + decided.p50() + " " + decided.p95() + " " + decided.p99() + " " + decided.max() + " "
                    + published.p50() + " " + published.p95() + " " + published.p99() + " " + published.max() + " "
                    + cpuPerImage + "\n";
        }
    }

    /** Copies the lists. */
    public RosBenchResult {
        roundTrips = List.copyOf(roundTrips);
        images = List.copyOf(images);
    }

    /** One row of round-trip percentiles in microseconds. */
    public record RoundTrip(String pair, long p50, long p90, long p99, long max, int n) {
        /** @return the row as the child process prints it */
        String line() {
            return "ROW " + pair + " " + p50 + " " + p90 + " " + p99 + " " + max + " " + n + "\n";
        }
    }

    /**
     * One row of 640x480 rgb8 images on reliable QoS from a publisher to a subscriber.
     *
     * @param pair publisher->subscriber
     * @param sent30 images published at 30 Hz
     * @param delivered30 how many of them arrived
     * @param burstSent images published as fast as reliable flow control allows
     * @param burstDelivered how many of them arrived
     * @param burstNanos from the first burst image's publication to the last one's arrival
     * @param burstBytes image data bytes delivered in the burst
     */
    public record ImageRow(String pair, int sent30, int delivered30, int burstSent, int burstDelivered,
                           long burstNanos, long burstBytes, long latency30P50, long latency30P99,
                           long latency30Max) {
        /** @return burst images delivered per second */
        public double imagesPerSecond() {
            return burstNanos <= 0 ? 0 : burstDelivered * 1e9 / burstNanos;
        }

        /** @return burst image data delivered, in megabytes (10^6 bytes) per second */
        public double megabytesPerSecond() {
            return burstNanos <= 0 ? 0 : burstBytes * 1e3 / burstNanos;
        }

        /** @return the row as the child process prints it */
        String line() {
            return "IMAGES " + pair + " " + sent30 + " " + delivered30 + " " + burstSent + " " + burstDelivered + " "
                    + burstNanos + " " + burstBytes + " " + latency30P50 + " " + latency30P99 + " " + latency30Max + "\n";
        }
    }

    /** Java&lt;-&gt;Cyclone p50 over Cyclone&lt;-&gt;Cyclone p50. */
    public double ratioP50() {
        return (double) row("Java<->Cyclone").p50() / Math.max(1, row("Cyclone<->Cyclone").p50());
    }

    RoundTrip row(String pair) {
        return roundTrips.stream().filter(r -> r.pair().equals(pair)).findFirst().orElseThrow();
    }

    /** @return every row as the child process prints it, round trips first */
    String lines() {
        StringBuilder b = new StringBuilder();
        roundTrips.forEach(r -> b.append(r.line()));
        images.forEach(i -> b.append(i.line()));
        if (deploy != null) {
            b.append(deploy.line());
        }
        return b.toString();
    }

    /**
     * Reads the rows out of the child's output, ignoring other lines.
     *
     * @throws IllegalStateException unless every round-trip and image row is there
     */
    static RosBenchResult parse(String out) {
        List<RoundTrip> rows = new ArrayList<>();
        List<ImageRow> imageRows = new ArrayList<>();
        DeployRow deploy = null;
        for (String l : out.split("\n")) {
            String[] f = l.split(" ");
            if (f[0].equals("DEPLOY") && f.length == 19) {
                long[] v = new long[18];
                for (int i = 1; i < 19; i++) {
                    v[i - 1] = Long.parseLong(f[i]);
                }
                deploy = new DeployRow((int) v[0], v[1], v[2], v[3], (int) v[4], new Percentiles(v[5], v[6], v[7],
                        v[8]), new Percentiles(v[9], v[10], v[11], v[12]), new Percentiles(v[13], v[14], v[15],
                        v[16]), v[17]);
            }
            if (f[0].equals("ROW") && f.length == 7) {
                rows.add(new RoundTrip(f[1].replace('_', ' '), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]), Integer.parseInt(f[6])));
            } else if (f[0].equals("IMAGES") && f.length == 11) {
                imageRows.add(new ImageRow(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                        Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10])));
            }
        }
        if (rows.size() != ROUND_TRIP_ROWS || imageRows.size() != ImageThroughput.PAIRS.size()) {
            throw new IllegalStateException("unexpected benchmark output:\n" + out);
        }
        return new RosBenchResult(rows, imageRows, deploy);
    }
}
