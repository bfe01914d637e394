package dev.wayfinder.ros.tools;

import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.TopicInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The logic behind {@code wayfinder ros topic list | echo | pub | hz}: discovery waits, type resolution from what
 * publishers announce, and QoS that matches any publisher (best effort, volatile, as {@code ros2 topic echo} picks
 * when publishers differ).
 */
public final class TopicTools {
    /** What echo and hz subscribe with: matches reliable and best-effort, volatile and transient-local writers. */
    public static final QosProfile LISTEN = QosProfile.SENSOR_DATA.withDepth(10);

    private TopicTools() {
    }

    /**
     * @param node a node on the domain
     * @param wait how long to let discovery run first
     * @return the topics seen
     */
    public static List<TopicInfo> list(Node node, Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
        return node.topics();
    }

    /**
     * Finds a topic's type: the given one, or what its publishers announce.
     *
     * @param node a node on the domain
     * @param topic ROS topic
     * @param type ROS type name, if the user gave one
     * @param wait longest time to wait for a publisher to be discovered
     * @return the built-in type
     * @throws IllegalArgumentException if no publisher shows up or the type is not built in
     */
    public static MessageTypes.Entry<?> resolve(Node node, String topic, Optional<String> type, Duration wait)
            throws InterruptedException {
        String name = type.orElse(null);
        long end = System.nanoTime() + wait.toNanos();
        while (name == null) {
            Optional<TopicInfo> t = node.topics().stream().filter(i -> i.name().equals(topic) && i.publishers() > 0)
                    .findFirst();
            if (t.isPresent()) {
                name = t.get().type();
            } else if (System.nanoTime() > end) {
                throw new IllegalArgumentException("no publisher on " + topic + " within " + wait.toMillis()
                        + " ms; give the type explicitly or check ROS_DOMAIN_ID");
            } else {
                Thread.sleep(20);
            }
        }
        String n = name;
        return MessageTypes.byName(n).orElseThrow(() -> new IllegalArgumentException("type " + n
                + " is not built in; built-in types: " + String.join(", ", MessageTypes.names())));
    }

    /**
     * Subscribes and renders each message as echo text.
     *
     * @param node a node on the domain
     * @param topic ROS topic
     * @param entry its type
     * @param out gets one YAML document per message (without the "---" separator)
     * @return the subscription (close it to stop)
     */
    public static <T extends Record> Subscription echo(Node node, String topic, MessageTypes.Entry<T> entry,
                                                      Consumer<String> out) {
        return node.subscription(entry.type(), topic, listenQos(node, topic), m -> out.accept(MessageText.toYaml(m)));
    }

    /**
     * What echo and hz subscribe with, adapted to the publishers seen, as {@code ros2 topic echo} does: best effort
     * (matches every publisher), and transient local when every publisher is (so latched topics such as
     * /tf_static show their last message).
     *
     * @param node a node on the domain
     * @param topic ROS topic
     * @return the QoS
     */
    public static QosProfile listenQos(Node node, String topic) {
        String dds = dev.wayfinder.ros.TopicNames.toDds(topic);
        List<dev.wayfinder.ros.rtps.discovery.EndpointData> writers = node.participant().remoteEndpoints().stream()
                .filter(e -> e.writer() && e.topic().equals(dds)).toList();
        boolean latched = !writers.isEmpty() && writers.stream().allMatch(e -> e.qos().transientLocal());
        return latched ? LISTEN.withTransientLocal() : LISTEN;
    }

    /**
     * Subscribes and records arrivals in a rate meter.
     *
     * @param node a node on the domain
     * @param topic ROS topic
     * @param entry its type
     * @param meter gets each arrival time
     * @return the subscription (close it to stop)
     */
    public static <T extends Record> Subscription hz(Node node, String topic, MessageTypes.Entry<T> entry,
                                                    RateMeter meter) {
        return node.subscription(entry.type(), topic, listenQos(node, topic), m -> meter.arrived(System.nanoTime()));
    }

    /**
     * Creates a publisher for values given as text.
     *
     * @param node a node on the domain
     * @param topic ROS topic
     * @param entry its type
     * @param values YAML flow values, e.g. "{linear: {x: 0.2}}"
     * @param qos QoS of the publisher
     * @return a publisher and the message it will send
     */
    public static <T extends Record> Prepared<T> pub(Node node, String topic, MessageTypes.Entry<T> entry,
                                                     String values, QosProfile qos) {
        T message = MessageValues.parse(entry.recordClass(), values);
        return new Prepared<>(node.publisher(entry.type(), topic, qos), message);
    }

    /**
     * A publisher with the message to send.
     *
     * @param publisher the publisher
     * @param message the message
     * @param <T> message type
     */
    public record Prepared<T>(Publisher<T> publisher, T message) {
    }
}
