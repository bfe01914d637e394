package dev.wayfinder.benchmarks.ros;

import java.util.Locale;

import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code wayfinder bench ros} prints: a table for people, or the same numbers as JSON. */
public final class RosBenchReport {
    /** The Java&lt;-&gt;Cyclone / Cyclone&lt;-&gt;Cyclone p50 ratio the bridge aims to stay under. */
    static final double TARGET_RATIO = 2.0;

    private RosBenchReport() {
    }

    /** The human-readable table. */
    public static String table(RosBenchResult r) {
        StringBuilder b = new StringBuilder();
        b.append("ROS 2 Twist ping-pong round trip, reliable QoS, loopback in a private network namespace (us)\n");
        b.append(String.format(Locale.ROOT, "%-20s %8s %8s %8s %8s %7s%n", "pair", "p50", "p90", "p99", "max", "n"));
        for (RosBenchResult.RoundTrip t : r.roundTrips()) {
            b.append(String.format(Locale.ROOT, "%-20s %8d %8d %8d %8d %7d%n", t.pair(), t.p50(), t.p90(), t.p99(), t.max(),
                    t.n()));
        }
        double ratio = r.ratioP50();
        b.append(String.format(Locale.ROOT, "Java<->Cyclone / Cyclone<->Cyclone at p50: %.2fx (target <= %.0fx: %s)%n", ratio,
                TARGET_RATIO, ratio <= TARGET_RATIO ? "met" : "not met"));
        b.append(String.format(Locale.ROOT, "%n640x480 rgb8 images, reliable QoS: delivered/sent at 30 Hz, and a burst as fast as"
                + " flow control allows%n"));
        b.append(String.format(Locale.ROOT, "%-18s %12s %28s %14s %10s %8s%n", "publisher->sub", "30 Hz",
                "30 Hz latency p50/p99/max us", "burst", "images/s", "MB/s"));
        for (RosBenchResult.ImageRow i : r.images()) {
            b.append(String.format(Locale.ROOT, "%-18s %12s %28s %14s %10.0f %8.0f%s%n", i.pair(),
                    i.delivered30() + "/" + i.sent30(),
                    i.latency30P50() + "/" + i.latency30P99() + "/" + i.latency30Max(),
                    i.burstDelivered() + "/" + i.burstSent(), i.imagesPerSecond(), i.megabytesPerSecond(),
                    i.delivered30() == i.sent30() && i.burstDelivered() == i.burstSent() ? "" : "  LOSS"));
        }
        RosBenchResult.DeployRow d = r.deploy();
        if (d == null) {
            b.append(String.format(Locale.ROOT, "%nDeploy node: not measured (give --model DIR, e.g. models/"
                    + "cluttered-room-rgbd-map)%n"));
            return b.toString();
        }
        b.append(String.format(Locale.ROOT, "%nDeploy node: 640x480 rgb8 + 16UC1 depth at 30 Hz from the Cyclone DDS robot,"
                + " 64x64 policy deciding on every frame, commands at 20 Hz (us)%n"));
        b.append(String.format(Locale.ROOT, "%-34s %8s %8s %8s %8s%n", "image stamp ->", "p50", "p95", "p99", "max"));
        for (Object[] row : new Object[][] {{"received and checked", d.received()}, {"decision ready", d.decided()},
            {"command publish", d.published()}}) {
            RosBenchResult.Percentiles p = (RosBenchResult.Percentiles) row[1];
            b.append(String.format(Locale.ROOT, "%-34s %8d %8d %8d %8d%n", row[0], p.p50(), p.p95(), p.p99(), p.max()));
        }
        b.append(String.format(Locale.ROOT, "images sent %d, accepted %d, refused %d, dropped at the hand-off %d, decisions"
                + " %d%s%n", d.sent(), d.accepted(), d.refused(), d.handoffDropped(), d.decisions(),
                d.lost() == 0 && d.handoffDropped() == 0 ? "" : "  LOSS"));
        b.append(String.format(Locale.ROOT, "CPU time per image accepted (the node's threads, GC and JIT): %d us%n",
                d.cpuPerImage()));
        return b.toString();
    }

    private static String json(RosBenchResult.Percentiles p) {
        return String.format(Locale.ROOT, "{\"p50\": %d, \"p95\": %d, \"p99\": %d, \"max\": %d}", p.p50(), p.p95(),
                p.p99(), p.max());
    }

    /** The same numbers as JSON. */
    public static String json(RosBenchResult r) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (RosBenchResult.RoundTrip t : r.roundTrips()) {
            rows.put(t.pair(), String.format(Locale.ROOT, "{\"p50\": %d, \"p90\": %d, \"p99\": %d, \"max\": %d, \"n\": %d}",
                    t.p50(), t.p90(), t.p99(), t.max(), t.n()));
        }
        StringBuilder b = new StringBuilder("{\n  \"round_trip_us\": {\n");
        int i = 0;
        for (Map.Entry<String, String> e : rows.entrySet()) {
            b.append("    \"").append(e.getKey()).append("\": ").append(e.getValue())
                    .append(++i < rows.size() ? ",\n" : "\n");
        }
        b.append("  },\n");
        b.append(String.format(Locale.ROOT, "  \"ratio_p50_java_cyclone_over_cyclone_cyclone\": %.3f,%n", r.ratioP50()));
        b.append(String.format(Locale.ROOT, "  \"target_ratio_p50\": %.1f,%n", TARGET_RATIO));
        b.append("  \"images_640x480_rgb8_reliable\": {\n");
        for (int k = 0; k < r.images().size(); k++) {
            RosBenchResult.ImageRow m = r.images().get(k);
            b.append(String.format(Locale.ROOT, "    \"%s\": {\"hz30\": {\"sent\": %d, \"delivered\": %d,"
                    + " \"latency_us\": {\"p50\": %d, \"p99\": %d, \"max\": %d}}, \"burst\": {\"sent\": %d,"
                    + " \"delivered\": %d, \"seconds\": %.4f, \"images_per_s\": %.1f, \"mb_per_s\": %.1f}}%s%n",
                    m.pair(), m.sent30(), m.delivered30(), m.latency30P50(), m.latency30P99(), m.latency30Max(),
                    m.burstSent(), m.burstDelivered(), m.burstNanos() / 1e9,
                    m.imagesPerSecond(), m.megabytesPerSecond(), k + 1 < r.images().size() ? "," : ""));
        }
        b.append("  }");
        RosBenchResult.DeployRow d = r.deploy();
        if (d != null) {
            b.append(String.format(Locale.ROOT, ",%n  \"deploy_640x480_30hz\": {\"sent\": %d, \"accepted\": %d, \"refused\": %d,"
                    + " \"handoff_dropped\": %d, \"decisions\": %d, \"stamp_to_received_us\": %s,"
                    + " \"stamp_to_decision_us\": %s, \"stamp_to_publish_us\": %s, \"cpu_per_image_us\": %d}", d.sent(),
                    d.accepted(), d.refused(), d.handoffDropped(), d.decisions(), json(d.received()), json(d.decided()),
                    json(d.published()), d.cpuPerImage()));
        }
        b.append("\n}\n");
        return b.toString();
    }
}
