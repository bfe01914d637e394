package dev.wayfinder.ros;

import dev.wayfinder.ros.msg.MessageType;
import dev.wayfinder.ros.rtps.LocalWriter;

/**
 * Publishes messages of one type on one topic. Thread-safe; close to stop publishing.
 *
 * @param <T> message type
 */
public final class Publisher<T> implements AutoCloseable {
    private final Node node;
    private final MessageType<T> type;
    private final String topic;
    private final QosProfile qos;
    private final LocalWriter writer;

    Publisher(Node node, MessageType<T> type, String topic, QosProfile qos, LocalWriter writer) {
        this.node = node;
        this.type = type;
        this.topic = topic;
        this.qos = qos;
        this.writer = writer;
    }

    /**
     * Serializes and sends a message to every matched subscription (reliable ones get resends as needed).
     *
     * @param message the message
     */
    public void publish(T message) {
        byte[] payload = type.serialize(message);
        writer.write(payload);
        node.tapPublished(topic, type.name(), qos, payload);
    }

    /** @return the ROS topic name */
    public String topic() {
        return topic;
    }

    /** @return the number of matched remote subscriptions */
    public int subscriptionCount() {
        return writer.matchedReaders();
    }

    /**
     * Matching is discovered by each side on its own; a subscription counted by {@link #subscriptionCount()} may
     * not have matched this publisher yet, and would miss a message sent now on volatile QoS.
     *
     * @return how many reliable subscriptions have confirmed the match by acknowledging
     */
    public int confirmedSubscriptionCount() {
        return writer.acknowledgingReaders();
    }

    /** @return whether every reliable subscription has acknowledged every message so far */
    public boolean allAcknowledged() {
        return writer.allAcknowledged();
    }

    /**
     * {@link #publish} never blocks: messages a reliable subscription has not acknowledged stay queued for resends
     * (beyond the history depth up to a bound, past which the oldest go). A publisher that must not outrun its
     * slowest subscription, such as a burst of large images, waits for this count to fall before publishing more.
     *
     * @return how many of the messages published so far the slowest reliable subscription has not acknowledged
     */
    public long unacknowledgedCount() {
        return writer.unacknowledged();
    }

    @Override
    public void close() {
        writer.close();
        node.forget(writer.guid(), true);
    }
}
