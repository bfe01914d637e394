package dev.wayfinder.ros.rtps;

import dev.wayfinder.ros.rtps.behaviour.EndpointQos;
import dev.wayfinder.ros.rtps.behaviour.Output;
import dev.wayfinder.ros.rtps.behaviour.StatefulReader;
import dev.wayfinder.ros.rtps.behaviour.StatefulWriter;
import dev.wayfinder.ros.rtps.discovery.DiscoveryDatabase;
import dev.wayfinder.ros.rtps.discovery.EndpointData;
import dev.wayfinder.ros.rtps.discovery.ParticipantData;
import dev.wayfinder.ros.rtps.messages.EntityId;
import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.GuidPrefix;
import dev.wayfinder.ros.rtps.messages.Locator;
import dev.wayfinder.ros.rtps.messages.MessageBuilder;
import dev.wayfinder.ros.rtps.transport.Transport;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One DDSI-RTPS domain participant: SPDP and SEDP built-in endpoints, user writers and readers, matching, leases.
 * All protocol state is guarded by one lock; sockets deliver on their threads, a timer thread sends announcements
 * and heartbeats. Samples reach listeners on the thread of the socket they arrived on (user data always arrives
 * on the one user-traffic socket, so in arrival order), after the lock is released. Thread-safe.
 */
public final class Participant implements AutoCloseable {
    /** Vendor id sent in headers and discovery data (not registered with the OMG; Cyclone and Fast DDS accept it). */
    public static final int VENDOR_ID = 0x01F0;
    static final Logger LOG = Logger.getLogger(Participant.class.getName());
    private static final EndpointQos BUILTIN = new EndpointQos(true, true, true, 1);
    private static final long TICK_MS = 100;

    final ReentrantLock lock = new ReentrantLock();
    final ParticipantConfig config;
    final GuidPrefix prefix;
    final Transport transport;
    final DiscoveryDatabase db = new DiscoveryDatabase(1024, 16384);
    final Map<EntityId, StatefulWriter> writers = new LinkedHashMap<>();
    final Map<EntityId, StatefulReader> readers = new LinkedHashMap<>();
    final Map<EntityId, EndpointData> localEndpoints = new LinkedHashMap<>();
    final Set<String> reportedIncompatible = new HashSet<>();
    final RateLimitedLog malformed = new RateLimitedLog(LOG, "malformed RTPS datagrams dropped", 5_000_000_000L);
    final RateLimitedLog handlerErrors = new RateLimitedLog(LOG, "RTPS submessages that failed handling", 5_000_000_000L);
    final Receive receive;
    final Discovery discovery;
    private final ScheduledExecutorService timer;
    private final Output output;
    /** Replies produced while handling a datagram on this thread, sent once its samples are delivered. */
    private final ThreadLocal<List<Runnable>> deferred = new ThreadLocal<>();
    private int nextEntityKey = 1;
    private long datagrams;
    private volatile boolean closed;

    /**
     * Creates and starts a participant.
     *
     * @param config discovery and timing
     * @param transport sockets; owned by the participant from now on
     */
    public Participant(ParticipantConfig config, Transport transport) {
        this.config = config;
        this.transport = transport;
        this.prefix = GuidPrefix.random(VENDOR_ID, new SecureRandom());
        this.output = new SocketOutput();
        this.discovery = new Discovery(this);
        this.receive = new Receive(this);
        writers.put(EntityId.SEDP_PUB_WRITER, new StatefulWriter(new Guid(prefix, EntityId.SEDP_PUB_WRITER), BUILTIN, output));
        writers.put(EntityId.SEDP_SUB_WRITER, new StatefulWriter(new Guid(prefix, EntityId.SEDP_SUB_WRITER), BUILTIN, output));
        readers.put(EntityId.SEDP_PUB_READER, new StatefulReader(new Guid(prefix, EntityId.SEDP_PUB_READER), BUILTIN, output,
                (w, s, p, t) -> discovery.onEndpoint(p, true), 1 << 20));
        readers.put(EntityId.SEDP_SUB_READER, new StatefulReader(new Guid(prefix, EntityId.SEDP_SUB_READER), BUILTIN, output,
                (w, s, p, t) -> discovery.onEndpoint(p, false), 1 << 20));
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "rtps-timer"));
        transport.start(this::onDatagram);
        timer.scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** @return this participant's GUID prefix */
    public GuidPrefix prefix() {
        return prefix;
    }

    /** @return the configuration */
    public ParticipantConfig config() {
        return config;
    }

    /** @return where others reach our built-in endpoints */
    List<Locator> metatrafficLocators() {
        return List.of(new Locator(advertisedAddress(), transport.discoveryPort()));
    }

    /** @return where others reach our user endpoints */
    List<Locator> defaultLocators() {
        return List.of(new Locator(advertisedAddress(), transport.userPort()));
    }

    /** Loopback in localhost-only mode, else the first IPv4 address of the discovery interface. */
    private InetAddress advertisedAddress() {
        if (!config.localhostOnly() && config.multicastInterface().isPresent()) {
            for (InetAddress a : java.util.Collections.list(config.multicastInterface().get().getInetAddresses())) {
                if (a instanceof java.net.Inet4Address) {
                    return a;
                }
            }
        }
        return InetAddress.getLoopbackAddress();
    }

    ParticipantData ownData() {
        return new ParticipantData(prefix, VENDOR_ID, config.domainId(), metatrafficLocators(), defaultLocators(),
                ParticipantData.OUR_BUILTIN_ENDPOINTS, config.lease().toNanos(),
                ("enclave=" + config.enclave() + ";").getBytes(StandardCharsets.UTF_8));
    }

    Output output() {
        return output;
    }

    /**
     * Receives one datagram (the transport calls this; tests may call it directly). Never throws.
     *
     * @param buf bytes
     * @param length valid bytes
     */
    public void onDatagram(byte[] buf, int length) {
        if (closed) {
            return;
        }
        List<Runnable> deliveries = new ArrayList<>();
        List<Runnable> replies = new ArrayList<>();
        lock.lock();
        deferred.set(replies);
        try {
            datagrams++;
            receive.onDatagram(buf, length, deliveries);
        } catch (RuntimeException e) {
            handlerErrors.record(e.toString());
        } finally {
            deferred.remove();
            lock.unlock();
        }
        dispatch(deliveries);
        // acknowledgements go out after the samples reached their listeners: they are not urgent, the samples are
        replies.forEach(Runnable::run);
    }

    void dispatch(List<Runnable> deliveries) {
        for (Runnable r : deliveries) {
            if (closed) {
                return;
            }
            runSafely(r);
        }
    }

    private static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sample listener failed", e);
        }
    }

    private void tick() {
        if (closed) {
            return;
        }
        lock.lock();
        try {
            discovery.onTimer(System.nanoTime());
            for (StatefulWriter w : writers.values()) {
                w.onTimer();
            }
            for (StatefulReader r : readers.values()) {
                r.onTimer();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "participant timer failed", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Creates a user writer and announces it over SEDP.
     *
     * @param topic DDS topic name
     * @param type DDS type name
     * @param qos QoS
     * @return a handle to write with
     */
    public LocalWriter createWriter(String topic, String type, EndpointQos qos) {
        lock.lock();
        try {
            EntityId id = EntityId.of(nextEntityKey++, EntityId.KIND_WRITER_NO_KEY);
            StatefulWriter w = new StatefulWriter(new Guid(prefix, id), qos, output);
            writers.put(id, w);
            EndpointData d = new EndpointData(w.guid(), topic, type, qos, List.of(), true);
            localEndpoints.put(id, d);
            discovery.announce(d);
            discovery.matchLocal(d);
            return new LocalWriter(this, w);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Creates a user reader and announces it over SEDP.
     *
     * @param topic DDS topic name
     * @param type DDS type name
     * @param qos QoS
     * @param listener gets each sample's payload, on the receiving thread (keep it short: the socket waits)
     * @return a handle
     */
    public LocalReader createReader(String topic, String type, EndpointQos qos, Consumer<ReceivedSample> listener) {
        return createReader(topic, type, qos, listener, false);
    }

    /**
     * Creates a user reader and announces it over SEDP.
     *
     * @param topic DDS topic name
     * @param type DDS type name
     * @param qos QoS
     * @param listener gets each sample's payload, on the receiving thread (keep it short: the socket waits)
     * @param lent true when the listener neither keeps nor changes a payload array after it returns (it decodes it and
     *     copies what it keeps): the reader then reassembles later fragmented samples into that array instead of
     *     allocating a new one each time ({@link StatefulReader#recycle}); false: each payload is the listener's to keep
     * @return a handle
     */
    public LocalReader createReader(String topic, String type, EndpointQos qos, Consumer<ReceivedSample> listener,
                                    boolean lent) {
        lock.lock();
        try {
            EntityId id = EntityId.of(nextEntityKey++, EntityId.KIND_READER_NO_KEY);
            Guid guid = new Guid(prefix, id);
            StatefulReader[] self = new StatefulReader[1];
            StatefulReader r = new StatefulReader(guid, qos, output,
                    (w, s, p, t) -> receive.pending().add(() -> {
                        listener.accept(new ReceivedSample(w, s, p, t));
                        if (lent) {
                            self[0].recycle(p);
                        }
                    }),
                    config.maxSampleSize());
            self[0] = r;
            readers.put(id, r);
            EndpointData d = new EndpointData(guid, topic, type, qos, List.of(), false);
            localEndpoints.put(id, d);
            discovery.announce(d);
            discovery.matchLocal(d);
            return new LocalReader(this, r);
        } finally {
            lock.unlock();
        }
    }

    void removeLocal(EntityId id) {
        lock.lock();
        try {
            EndpointData d = localEndpoints.remove(id);
            writers.remove(id);
            readers.remove(id);
            if (d != null) {
                discovery.retract(d);
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return remote participants currently known */
    public List<ParticipantData> remoteParticipants() {
        lock.lock();
        try {
            return db.participants();
        } finally {
            lock.unlock();
        }
    }

    /** @return remote endpoints currently known */
    public List<EndpointData> remoteEndpoints() {
        lock.lock();
        try {
            return List.copyOf(db.endpoints());
        } finally {
            lock.unlock();
        }
    }

    /** @return receive-path counters */
    public ParticipantStats stats() {
        lock.lock();
        try {
            return new ParticipantStats(datagrams, malformed.count(), handlerErrors.count(), db.refused(),
                    db.participants().size(), db.endpoints().size());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        lock.lock();
        try {
            discovery.announceLeaving();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "leaving announcement failed", e);
        } finally {
            closed = true;
            lock.unlock();
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }

    /** Sends through the transport; in localhost-only mode nothing leaves for a non-loopback address. */
    private final class SocketOutput implements Output {
        @Override
        public MessageBuilder message(GuidPrefix destination) {
            return new MessageBuilder(VENDOR_ID, prefix, 256).infoDst(destination);
        }

        @Override
        public void send(byte[] message, List<Locator> to) {
            List<Runnable> later = deferred.get();
            if (later != null) {
                List<Locator> dest = List.copyOf(to);
                later.add(() -> sendNow(message, dest));
            } else {
                sendNow(message, to);
            }
        }

        private void sendNow(byte[] message, List<Locator> to) {
            for (Locator l : to) {
                if (!config.localhostOnly() || l.address().isLoopbackAddress()) {
                    transport.send(message, l.socketAddress());
                }
            }
        }

        @Override
        public long nowNanos() {
            java.time.Instant t = java.time.Instant.now();
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        }
    }
}
