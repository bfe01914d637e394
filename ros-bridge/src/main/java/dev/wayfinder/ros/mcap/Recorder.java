package dev.wayfinder.ros.mcap;

import dev.wayfinder.ros.MessageInfo;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.TopicInfo;
import dev.wayfinder.ros.TopicNames;
import dev.wayfinder.ros.msg.MessageType;
import dev.wayfinder.ros.rtps.behaviour.EndpointQos;
import dev.wayfinder.ros.rtps.discovery.EndpointData;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Records live topics of a {@link Node} into a {@link RosBagWriter}, as {@code ros2 bag record} does: each topic
 * is subscribed to once a publisher of it has been discovered (its type comes from discovery), with the QoS that
 * matches every publisher (reliable when all are, transient local when all are), and each message is written as
 * received, serialized, with the receive time as log time and the publisher's source timestamp as publish time.
 *
 * <p>Call {@link #discover} periodically to pick up publishers that appear later. Messages arrive on the node's
 * receive thread. Closing stops the subscriptions; the caller closes the bag.
 */
public final class Recorder implements AutoCloseable {
    /** History depth of the recording subscriptions, so bursts are not dropped before they are written. */
    private static final int DEPTH = 1000;

    private final Node node;
    private final RosBagWriter bag;
    private final long limit;
    private final LongSupplier clock;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, String> types = new LinkedHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile IOException failure;
    private boolean closed;

    /**
     * @param node the node to subscribe with
     * @param bag where messages go
     * @param limit stop after this many messages in all (Long.MAX_VALUE: no limit)
     */
    public Recorder(Node node, RosBagWriter bag, long limit) {
        this(node, bag, limit, epochClock());
    }

    /**
     * @param node the node to subscribe with
     * @param bag where messages go
     * @param limit stop after this many messages in all
     * @param clock log time source, ns since the Unix epoch
     */
    public Recorder(Node node, RosBagWriter bag, long limit, LongSupplier clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("message limit must be at least 1, got " + limit);
        }
        this.node = node;
        this.bag = bag;
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * @return ns since the Unix epoch, read from the monotonic clock from the wall time at the first call, so
     *     log times never go backwards while the wall clock is adjusted
     */
    public static LongSupplier epochClock() {
        Instant now = Instant.now();
        long epoch = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long mono = System.nanoTime();
        return () -> epoch + (System.nanoTime() - mono);
    }

    /**
     * @param topic a ROS topic
     * @return whether {@code ros2 bag record --all} leaves it out: hidden names (a part starting with '_')
     */
    public static boolean hidden(String topic) {
        for (String part : topic.split("/")) {
            if (part.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Subscribes to the wanted topics that have a discovered publisher and are not recorded yet.
     *
     * @param wanted ROS topics to record ("/cmd_vel")
     * @param all also every other topic with a publisher, except hidden ones
     * @return the topics newly recorded, with their types
     * @throws IOException if the bag cannot be written
     */
    public synchronized Map<String, String> discover(Collection<String> wanted, boolean all) throws IOException {
        Map<String, String> added = new LinkedHashMap<>();
        if (closed) {
            return added;
        }
        for (TopicInfo t : node.topics()) {
            if (t.publishers() == 0 || subscriptions.containsKey(t.name())) {
                continue;
            }
            if (!(wanted.contains(t.name()) || all && !hidden(t.name()))) {
                continue;
            }
            if (t.type().split("/").length != 3) {
                continue; // not a ROS 2 type name: not a ROS topic
            }
            subscribe(t.name(), t.type());
            added.put(t.name(), t.type());
        }
        return added;
    }

    private void subscribe(String topic, String type) throws IOException {
        List<QosProfile> offers = offers(topic);
        boolean reliable = !offers.isEmpty() && offers.stream().allMatch(QosProfile::reliable);
        boolean latched = !offers.isEmpty() && offers.stream().allMatch(QosProfile::transientLocal);
        QosProfile request = new QosProfile(reliable, latched, false, DEPTH);
        int channel = bag.channel(topic, type, offers);
        Subscription s = node.subscriptionWithInfo(MessageType.raw(type), topic, request,
                (payload, info) -> received(channel, payload, info));
        subscriptions.put(topic, s);
        types.put(topic, type);
    }

    /** The QoS each discovered publisher of {@code topic} offers. */
    private List<QosProfile> offers(String topic) {
        String dds = TopicNames.toDds(topic);
        List<QosProfile> out = new ArrayList<>();
        for (EndpointData e : node.participant().remoteEndpoints()) {
            if (e.writer() && e.topic().equals(dds)) {
                EndpointQos q = e.qos();
                out.add(new QosProfile(q.reliable(), q.transientLocal(), q.keepAll(), Math.max(1, q.depth())));
            }
        }
        return out;
    }

    private void received(int channel, byte[] payload, MessageInfo info) {
        long now = clock.getAsLong();
        if (failure != null || accepted.incrementAndGet() > limit) {
            return;
        }
        long published = info.sourceTimestampNanos() >= 0 ? info.sourceTimestampNanos() : now;
        try {
            bag.write(channel, info.sequence(), now, published, payload);
        } catch (IOException | IllegalStateException e) {
            failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            done.countDown();
            return;
        }
        if (accepted.get() >= limit) {
            done.countDown();
        }
    }

    /**
     * Waits until the message limit is reached or writing failed.
     *
     * @param nanos longest wait
     * @return whether recording is done
     * @throws InterruptedException if interrupted
     */
    public boolean awaitDone(long nanos) throws InterruptedException {
        return done.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** @return whether the limit was reached or writing failed */
    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** @return the first write failure, if any */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** @return the recorded topics and their types, in the order recording began */
    public synchronized Map<String, String> topics() {
        return new LinkedHashMap<>(types);
    }

    /** Stops the subscriptions (idempotent); the bag stays open. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Subscription s : subscriptions.values()) {
            s.close();
        }
        subscriptions.clear();
    }
}
