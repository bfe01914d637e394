package dev.wayfinder.ros.mcap;

import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.msg.MessageType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Publishes the messages of a ROS 2 MCAP file on their topics at their recorded timing, as {@code ros2 bag play}
 * does: each channel gets a publisher of its schema's type with the QoS its recorded publishers offered (or
 * reliable, volatile, keep last 10 when they differ or none was recorded); message {@code i} goes out at
 * {@code start + (logTime_i - logTime_0) / rate}. Messages are published in file order (the order
 * {@link McapWriter} and {@code ros2 bag record} write them, by log time).
 */
public final class Player implements AutoCloseable {
    /**
     * Settings.
     *
     * @param rate playback speed factor (&gt; 0): 2 plays twice as fast
     * @param loop start again at the end, until stopped
     * @param topics topics to play; empty plays every channel
     */
    public record Options(double rate, boolean loop, Set<String> topics) {
        /** Validates. */
        public Options {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("rate must be above 0, got " + rate);
            }
            topics = Set.copyOf(topics);
        }
    }

    /**
     * One topic that will be played.
     *
     * @param topic the ROS topic
     * @param type its ROS type
     * @param qos the QoS it is published with
     * @param messages how many messages the file holds on it (per pass)
     */
    public record Track(String topic, String type, QosProfile qos, long messages) {
    }

    private final Path file;
    private final Options options;
    private final Map<Integer, Publisher<byte[]>> publishers = new LinkedHashMap<>();
    private final Map<Integer, Track> tracks = new LinkedHashMap<>();
    private final Map<String, Long> published = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private final McapSummary summary;

    /**
     * Reads the file's summary and creates a publisher per played channel, so discovery can start before
     * {@link #play}.
     *
     * @param node the node to publish with
     * @param file a ROS 2 MCAP file with a summary
     * @param options settings
     * @throws McapFormatException if the file is not valid MCAP or has no summary
     * @throws IOException if it cannot be read
     */
    public Player(Node node, Path file, Options options) throws IOException {
        this.file = file;
        this.options = options;
        try (McapReader r = McapReader.open(file)) {
            summary = r.summary().orElseThrow(() -> new McapFormatException(file.toString(), r.size(),
                    "the file has no summary section (channels and statistics); play needs one"));
        }
        Map<Integer, Long> counts = summary.statistics().map(McapStatistics::channelMessageCounts).orElse(Map.of());
        for (McapChannel c : summary.channels().values()) {
            if (!options.topics().isEmpty() && !options.topics().contains(c.topic())) {
                continue;
            }
            McapSchema s = summary.schemas().get(c.schemaId());
            String type = s == null ? "" : rosType(s.name());
            if (!c.messageEncoding().equals(Mcap.MESSAGE_CDR) || type.isEmpty()) {
                skipped.add(c.topic() + " (message encoding '" + c.messageEncoding() + "', schema '"
                        + (s == null ? "" : s.name()) + "'; expected cdr and a pkg/msg/Name schema)");
                continue;
            }
            QosProfile qos = qos(c.metadata().getOrDefault("offered_qos_profiles", ""));
            Track t = new Track(c.topic(), type, qos, counts.getOrDefault(c.id(), 0L));
            tracks.put(c.id(), t);
            publishers.put(c.id(), node.publisher(MessageType.raw(type), c.topic(), qos));
            published.putIfAbsent(c.topic(), 0L);
        }
    }

    /** "pkg/Name" or "pkg/msg/Name" to "pkg/msg/Name"; "" if it is neither. */
    static String rosType(String schemaName) {
        String[] p = schemaName.split("/");
        if (p.length == 2 && !p[0].isEmpty() && !p[1].isEmpty()) {
            return p[0] + "/msg/" + p[1];
        }
        return p.length == 3 && !p[0].isEmpty() && !p[2].isEmpty() ? schemaName : "";
    }

    /** What rosbag2 offers on playback: the recorded profile when all publishers agreed, else the default. */
    static QosProfile qos(String offeredYaml) {
        List<QosProfile> offers;
        try {
            offers = OfferedQos.parse(offeredYaml);
        } catch (IllegalArgumentException e) {
            return QosProfile.DEFAULT;
        }
        if (offers.isEmpty()) {
            return QosProfile.DEFAULT;
        }
        QosProfile first = offers.get(0);
        for (QosProfile q : offers) {
            if (q.reliable() != first.reliable() || q.transientLocal() != first.transientLocal()) {
                return QosProfile.DEFAULT;
            }
        }
        int depth = first.keepAll() ? 1000 : Math.max(10, first.depth());
        return new QosProfile(first.reliable(), first.transientLocal(), false, depth);
    }

    /** @return the topics that will be played, by channel id */
    public Map<Integer, Track> tracks() {
        return Map.copyOf(tracks);
    }

    /** @return channels that cannot be played, with the reason */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** @return the file's summary */
    public McapSummary summary() {
        return summary;
    }

    /**
     * @return how many remote subscriptions each played topic's publisher has matched, by topic
     */
    public Map<String, Integer> subscriptionCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        publishers.forEach((id, p) -> out.put(p.topic(), p.subscriptionCount()));
        return out;
    }

    /**
     * @return whether every reliable subscription of every played topic has confirmed its publisher
     */
    public boolean allConfirmed() {
        for (Map.Entry<Integer, Publisher<byte[]>> e : publishers.entrySet()) {
            Publisher<byte[]> p = e.getValue();
            if (p.subscriptionCount() == 0
                    || tracks.get(e.getKey()).qos().reliable() && p.confirmedSubscriptionCount() < p.subscriptionCount()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Plays the file (again and again with {@code loop}) until its end or until {@code stop} says so.
     *
     * @param stop checked between messages and while waiting; true ends playback
     * @param onPass called at the start of each pass with its number (1, 2, ...)
     * @return messages published per topic, over all passes
     * @throws McapFormatException if the file turns out corrupt while it plays
     * @throws IOException if it cannot be read
     * @throws InterruptedException if interrupted
     */
    public Map<String, Long> play(BooleanSupplier stop, Consumer<Integer> onPass)
            throws IOException, InterruptedException {
        int pass = 0;
        do {
            pass++;
            onPass.accept(pass);
            long[] first = {-1};
            long[] start = {0};
            try (McapReader r = McapReader.open(file)) {
                r.scan(m -> {
                    if (stop.getAsBoolean()) {
                        return false;
                    }
                    Publisher<byte[]> p = publishers.get(m.channel().id());
                    if (p == null) {
                        return true;
                    }
                    if (first[0] < 0) {
                        first[0] = m.logTime();
                        start[0] = System.nanoTime();
                    }
                    long due = start[0] + (long) ((m.logTime() - first[0]) / options.rate());
                    if (!sleepUntil(due, stop)) {
                        return false;
                    }
                    p.publish(m.data());
                    published.merge(p.topic(), 1L, Long::sum);
                    return true;
                });
            }
        } while (options.loop() && !stop.getAsBoolean());
        return new LinkedHashMap<>(published);
    }

    /** Parks until {@code due} (System.nanoTime); false if {@code stop} turned true first. */
    private static boolean sleepUntil(long due, BooleanSupplier stop) throws InterruptedException {
        while (true) {
            if (stop.getAsBoolean()) {
                return false;
            }
            long left = due - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(left, 20_000_000L));
            if (Thread.interrupted()) {
                throw new InterruptedException("playback interrupted");
            }
        }
    }

    /**
     * @return whether every reliable subscription has acknowledged everything published
     */
    public boolean allAcknowledged() {
        return publishers.values().stream().allMatch(Publisher::allAcknowledged);
    }

    /** Closes the publishers. */
    @Override
    public void close() {
        publishers.values().forEach(Publisher::close);
    }
}
