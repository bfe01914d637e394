package dev.wayfinder.ros;

import dev.wayfinder.ros.cdr.CdrException;
import dev.wayfinder.ros.msg.MessageType;
import dev.wayfinder.ros.rtps.LocalReader;
import dev.wayfinder.ros.rtps.LocalWriter;
import dev.wayfinder.ros.rtps.Participant;
import dev.wayfinder.ros.rtps.RateLimitedLog;
import dev.wayfinder.ros.rtps.discovery.EndpointData;
import dev.wayfinder.ros.rtps.messages.EntityId;
import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.transport.PortMapping;
import dev.wayfinder.ros.rtps.transport.Transport;
import dev.wayfinder.ros.rtps.transport.UdpTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * A ROS 2 node: one DDS participant on a domain, typed publishers and subscriptions, and its entry on
 * ros_discovery_info. Callbacks run on the node's user-traffic receive thread, in arrival order; keep them short. Thread-safe; close it (and with it
 * every publisher and subscription) when done.
 *
 * <pre>{@code
 * try (Node node = Node.create("teleop", NodeOptions.localhost(0))) {
 *     Publisher<Twist> pub = node.publisher(Twist.TYPE, "/cmd_vel", QosProfile.DEFAULT);
 *     pub.publish(new Twist(new Vector3(0.2, 0, 0), Vector3.ZERO));
 * }
 * }</pre>
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Node.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private final String name;
    private final NodeOptions options;
    private final Participant participant;
    private final LocalWriter graphWriter;
    private final List<Guid> readers = new ArrayList<>();
    private final List<Guid> writers = new ArrayList<>();
    private final RateLimitedLog badSamples = new RateLimitedLog(LOG, "undecodable samples dropped", 5_000_000_000L);
    private volatile Tap tap;

    /**
     * Sees every message the node's publishers send and its subscriptions receive, as serialized payloads: what a
     * recording of a node's inputs and outputs needs ({@link dev.wayfinder.ros.mcap.NodeRecording}). Called on the
     * publishing thread and on the receive thread; keep it short and never modify the payload.
     */
    public interface Tap {
        /**
         * A message one of the node's publishers sent.
         *
         * @param topic ROS topic
         * @param rosType "pkg/msg/Name"
         * @param qos the publisher's QoS
         * @param payload the serialized message (CDR with its encapsulation header); read only
         */
        void published(String topic, String rosType, QosProfile qos, byte[] payload);

        /**
         * A message one of the node's subscriptions received, before it is decoded (undecodable ones too).
         *
         * @param topic ROS topic
         * @param rosType "pkg/msg/Name"
         * @param qos the subscription's QoS
         * @param payload the serialized message; read only
         * @param info its publisher, sequence number and source timestamp
         */
        void received(String topic, String rosType, QosProfile qos, byte[] payload, MessageInfo info);
    }

    private Node(String name, NodeOptions options, Participant participant) {
        this.name = name;
        this.options = options;
        this.participant = participant;
        this.graphWriter = participant.createWriter(GraphInfo.TOPIC, GraphInfo.TYPE,
                QosProfile.LATCHED.toEndpointQos());
        publishGraph();
    }

    /**
     * Creates a node configured from the ROS 2 environment variables (see {@link NodeOptions#fromEnvironment}).
     *
     * @param name node name (letters, digits, underscores)
     * @return the node
     * @throws IOException if no participant index is free for the sockets
     */
    public static Node create(String name) throws IOException {
        return create(name, NodeOptions.fromEnvironment(System.getenv()));
    }

    /**
     * Creates a node and joins its domain.
     *
     * @param name node name (letters, digits, underscores)
     * @param options domain, discovery and conventions
     * @return the node
     * @throws IOException if no participant index is free for the sockets
     */
    public static Node create(String name, NodeOptions options) throws IOException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("node name must be letters, digits and _, got '" + name + "'");
        }
        UdpTransport t = new UdpTransport(new PortMapping(options.participant().domainId()),
                options.participant().maxParticipantIndex(), options.participant().multicastInterface());
        return create(name, options, t);
    }

    /**
     * Creates a node over a given transport (an in-process one, say).
     *
     * @param name node name (letters, digits, underscores)
     * @param options domain, discovery and conventions
     * @param transport sockets; owned by the node from now on
     * @return the node
     */
    public static Node create(String name, NodeOptions options, Transport transport) {
        if (name == null || !NAME.matcher(name).matches()) {
            transport.close();
            throw new IllegalArgumentException("node name must be letters, digits and _, got '" + name + "'");
        }
        return new Node(name, options, new Participant(options.participant(), transport));
    }

    /** @return the node name */
    public String name() {
        return name;
    }

    /**
     * Sets the tap that sees every message published and received from now on (null: none). Set it before creating
     * publishers whose first messages it should see.
     *
     * @param tap the tap, or null
     */
    public void tap(Tap tap) {
        this.tap = tap;
    }

    void tapPublished(String topic, String rosType, QosProfile qos, byte[] payload) {
        Tap t = tap;
        if (t != null) {
            t.published(topic, rosType, qos, payload);
        }
    }

    /** @return the underlying DDS participant (discovery state, counters) */
    public Participant participant() {
        return participant;
    }

    /**
     * @param type message type
     * @param topic ROS topic, e.g. "/cmd_vel"
     * @param qos QoS profile
     * @param <T> message class
     * @return a publisher
     */
    public <T> Publisher<T> publisher(MessageType<T> type, String topic, QosProfile qos) {
        LocalWriter w = participant.createWriter(TopicNames.toDds(topic), type.ddsTypeName(), qos.toEndpointQos());
        synchronized (this) {
            writers.add(w.guid());
        }
        publishGraph();
        return new Publisher<>(this, type, topic, qos, w);
    }

    /**
     * @param type message type
     * @param topic ROS topic, e.g. "/cmd_vel"
     * @param qos QoS profile
     * @param callback gets each message, on the node's receive thread (a slow callback delays the protocol)
     * @param <T> message class
     * @return the subscription
     */
    public <T> Subscription subscription(MessageType<T> type, String topic, QosProfile qos, Consumer<T> callback) {
        return subscriptionWithInfo(type, topic, qos, (m, info) -> callback.accept(m));
    }

    /**
     * Like {@link #subscription(MessageType, String, QosProfile, Consumer)}, with each message's publisher,
     * sequence number and source timestamp.
     *
     * @param type message type
     * @param topic ROS topic, e.g. "/cmd_vel"
     * @param qos QoS profile
     * @param callback gets each message and its info, on the node's receive thread
     * @param <T> message class
     * @return the subscription
     */
    public <T> Subscription subscriptionWithInfo(MessageType<T> type, String topic, QosProfile qos,
                                                 BiConsumer<T, MessageInfo> callback) {
        LocalReader r = participant.createReader(TopicNames.toDds(topic), type.ddsTypeName(), qos.toEndpointQos(),
                s -> {
                    Tap t = tap;
                    MessageInfo info = null;
                    if (t != null) {
                        info = new MessageInfo(s.writer().toString(), s.sequence(), s.sourceNanos());
                        // The payload array is lent (reused for a later sample); a tap may keep what it gets.
                        t.received(topic, type.name(), qos, s.payload().clone(), info);
                    }
                    T value;
                    try {
                        value = type.deserialize(s.payload());
                    } catch (CdrException e) {
                        badSamples.record(topic + " [" + type.name() + "] from " + s.writer() + ": " + e.getMessage());
                        return;
                    }
                    callback.accept(value, info != null ? info
                            : new MessageInfo(s.writer().toString(), s.sequence(), s.sourceNanos()));
                }, true);
        synchronized (this) {
            readers.add(r.guid());
        }
        publishGraph();
        return new Subscription(this, topic, r);
    }

    void forget(Guid guid, boolean writer) {
        synchronized (this) {
            (writer ? writers : readers).remove(guid);
        }
        publishGraph();
    }

    private void publishGraph() {
        byte[] sample;
        synchronized (this) {
            sample = GraphInfo.encode(options.distro(), new Guid(participant.prefix(), EntityId.PARTICIPANT),
                    options.namespace(), name, List.copyOf(readers), List.copyOf(writers));
        }
        graphWriter.write(sample);
    }

    /** @return ROS topics seen on remote participants, sorted by name, with their types and endpoint counts */
    public List<TopicInfo> topics() {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, String> types = new TreeMap<>();
        for (EndpointData e : participant.remoteEndpoints()) {
            TopicNames.fromDds(e.topic()).ifPresent(t -> {
                types.putIfAbsent(t, TopicNames.rosType(e.type()).orElse(e.type()));
                counts.computeIfAbsent(t, k -> new int[2])[e.writer() ? 0 : 1]++;
            });
        }
        List<TopicInfo> out = new ArrayList<>();
        counts.forEach((t, c) -> out.add(new TopicInfo(t, types.get(t), c[0], c[1])));
        return out;
    }

    @Override
    public void close() {
        participant.close();
    }
}
