package dev.wayfinder.ros;

import dev.wayfinder.ros.rtps.LocalReader;

/**
 * Receives messages of one type on one topic and hands them to a callback on the node's receive thread.
 * Thread-safe; close to stop receiving.
 */
public final class Subscription implements AutoCloseable {
    private final Node node;
    private final String topic;
    private final LocalReader reader;

    Subscription(Node node, String topic, LocalReader reader) {
        this.node = node;
        this.topic = topic;
        this.reader = reader;
    }

    /** @return the ROS topic name */
    public String topic() {
        return topic;
    }

    /** @return the number of matched remote publishers */
    public int publisherCount() {
        return reader.matchedWriters();
    }

    /**
     * Cyclone DDS and this library send a heartbeat as soon as the reader asks; Fast DDS writers only once they
     * have data, so a matched Fast DDS publisher may stay unconfirmed until its first message.
     *
     * @return how many reliable publishers have confirmed the match by sending a heartbeat
     */
    public int confirmedPublisherCount() {
        return reader.heartbeatingWriters();
    }

    @Override
    public void close() {
        reader.close();
        node.forget(reader.guid(), false);
    }
}
