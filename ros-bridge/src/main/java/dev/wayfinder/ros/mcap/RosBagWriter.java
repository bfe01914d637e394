package dev.wayfinder.ros.mcap;

import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.RosDistro;
import dev.wayfinder.ros.msg.MessageDefinitions;
import dev.wayfinder.ros.msg.MessageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a ROS 2 bag as one MCAP file in the ros2 profile, readable by {@code ros2 bag} (storage mcap) and
 * Foxglove: one ros2msg schema per type with its full .msg text ({@link MessageDefinitions}), one cdr channel per
 * topic with the publishers' {@code offered_qos_profiles}, messages as their serialized CDR payloads, and a
 * "rosbag2" metadata record naming the ROS distribution.
 *
 * <p>What other modules call to record what they publish or receive:
 * <pre>{@code
 * try (RosBagWriter bag = RosBagWriter.create(Path.of("run.mcap"), RosDistro.JAZZY)) {
 *     RosBagWriter.Topic<Twist> cmd = bag.topic("/cmd_vel", Twist.TYPE, QosProfile.DEFAULT);
 *     cmd.write(twist, System.currentTimeMillis() * 1_000_000L);
 * }
 * }</pre>
 * Thread-safe. Close it (from a shutdown hook too) to finish the file.
 */
public final class RosBagWriter implements AutoCloseable {
    /**
     * A typed topic of the bag.
     *
     * @param <T> the message type
     */
    public final class Topic<T> {
        private final MessageType<T> type;
        private final int channel;
        private long sequence;

        private Topic(MessageType<T> type, int channel) {
            this.type = type;
            this.channel = channel;
        }

        /** @return the MCAP channel id */
        public int channel() {
            return channel;
        }

        /**
         * Serializes and writes a message, logged and published at {@code timeNanos}.
         *
         * @param message the message
         * @param timeNanos ns since the Unix epoch (or since any epoch the whole bag shares)
         * @throws IOException if the file cannot be written
         */
        public void write(T message, long timeNanos) throws IOException {
            long seq;
            synchronized (this) {
                seq = ++sequence;
            }
            RosBagWriter.this.write(channel, seq, timeNanos, timeNanos, type.serialize(message));
        }
    }

    private final McapWriter mcap;
    private final Map<String, Integer> schemas = new HashMap<>();
    private final Map<Integer, String> channelTopics = new LinkedHashMap<>();

    private RosBagWriter(McapWriter mcap, RosDistro distro) throws IOException {
        this.mcap = mcap;
        mcap.addMetadata("rosbag2", Map.of("ROS_DISTRO", distro.name().toLowerCase(Locale.ROOT)));
    }

    /**
     * Creates (or replaces) a bag file with zstd chunks.
     *
     * @param file the .mcap file
     * @param distro the ROS distribution the bag is for (stored as ROS_DISTRO)
     * @return the writer
     * @throws IOException if the file cannot be written
     */
    public static RosBagWriter create(Path file, RosDistro distro) throws IOException {
        return create(file, McapWriter.Options.ros2(), distro);
    }

    /**
     * @param file the .mcap file
     * @param options MCAP settings (profile ros2 expected)
     * @param distro the ROS distribution
     * @return the writer
     * @throws IOException if the file cannot be written
     */
    public static RosBagWriter create(Path file, McapWriter.Options options, RosDistro distro) throws IOException {
        McapWriter w = McapWriter.create(file, options);
        try {
            return new RosBagWriter(w, distro);
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /**
     * Adds a topic of any type by name. Types with a definition in {@link MessageDefinitions} get their full text;
     * others get a schema without encoding or text (their messages are recorded and play back, but viewers cannot
     * decode them).
     *
     * @param topic ROS topic, "/cmd_vel"
     * @param rosType "pkg/msg/Name"
     * @param offered the QoS of each publisher on the topic (may be empty)
     * @return the channel id for {@link #write}
     * @throws IOException if the file cannot be written
     */
    public synchronized int channel(String topic, String rosType, List<QosProfile> offered) throws IOException {
        Integer schema = schemas.get(rosType);
        if (schema == null) {
            String text = MessageDefinitions.fullText(rosType).orElse(null);
            schema = text == null ? mcap.addSchema(rosType, "", new byte[0])
                    : mcap.addSchema(rosType, Mcap.SCHEMA_ROS2MSG, text.getBytes(StandardCharsets.UTF_8));
            schemas.put(rosType, schema);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("offered_qos_profiles", OfferedQos.toYaml(offered));
        int id = mcap.addChannel(schema, topic, Mcap.MESSAGE_CDR, metadata);
        channelTopics.put(id, topic);
        return id;
    }

    /**
     * Adds a typed topic.
     *
     * @param topic ROS topic
     * @param type its message type
     * @param qos the QoS it is published with
     * @param <T> the message type
     * @return a handle that writes messages of that type
     * @throws IOException if the file cannot be written
     */
    public <T> Topic<T> topic(String topic, MessageType<T> type, QosProfile qos) throws IOException {
        return new Topic<>(type, channel(topic, type.name(), List.of(qos)));
    }

    /**
     * @param rosType "pkg/msg/Name"
     * @return whether messages of this type get a decodable schema
     */
    public static boolean hasDefinition(String rosType) {
        return MessageDefinitions.fullText(rosType).isPresent();
    }

    /**
     * Writes one serialized message.
     *
     * @param channel a channel from {@link #channel}
     * @param sequence the publisher's counter
     * @param logTime when it was received, ns
     * @param publishTime when it was sent, ns
     * @param payload the CDR payload with its encapsulation header
     * @throws IOException if the file cannot be written
     */
    public void write(int channel, long sequence, long logTime, long publishTime, byte[] payload) throws IOException {
        mcap.addMessage(channel, sequence, logTime, publishTime, payload);
    }

    /** @return the underlying MCAP writer (counts, channels) */
    public McapWriter mcap() {
        return mcap;
    }

    /** @return messages written per topic, topics in the order they were added */
    public Map<String, Long> counts() {
        Map<Integer, Long> byChannel = mcap.channelMessageCounts();
        Map<String, Long> out = new LinkedHashMap<>();
        synchronized (this) {
            channelTopics.forEach((id, t) -> out.merge(t, byChannel.getOrDefault(id, 0L), Long::sum));
        }
        return out;
    }

    /** Finishes the file (idempotent). */
    @Override
    public void close() throws IOException {
        mcap.close();
    }
}
