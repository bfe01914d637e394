package dev.wayfinder.studio.ros;

import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.TopicInfo;
import dev.wayfinder.ros.msg.MessageType;
import dev.wayfinder.ros.tools.MessageTypes;
import dev.wayfinder.ros.tools.RateMeter;
import dev.wayfinder.ros.tools.TopicTools;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The ROS 2 tab's node and the work it does off the FX thread: it joins a domain, asks the discovered graph for its
 * topics every {@value #REFRESH_MILLIS} ms, measures each published topic's rate through a subscription that takes
 * the payloads without decoding them, echoes one topic as YAML ({@code dev.wayfinder.ros.tools}, as {@code wayfinder
 * ros topic echo} prints it) and listens to the status topics it is given. Everything but the node's own receive
 * thread runs on one thread of its own ("studio-ros"); results go to a {@link Listener}, called on those threads.
 * Closing leaves the domain: every subscription and the node end.
 */
final class GraphMonitor implements AutoCloseable {
    /** How often the topic list is refreshed. */
    static final long REFRESH_MILLIS = 1000;
    /** Arrivals a topic's rate is measured over. */
    static final int RATE_WINDOW = 64;
    /** A topic silent for this long (or three of its periods, if longer) shows no rate. */
    static final long STALE_NANOS = 2_000_000_000L;
    /** The tab's node name, as other ROS tools list it. */
    static final String NODE_NAME = "wayfinder_studio";

    /** What the monitor finds. Called on the monitor's thread or the node's receive thread; keep it short. */
    interface Listener {
        /** The node joined; {@code where} says on what. */
        void joined(String where);

        /** The node could not join or stopped working; {@code why} says why. */
        void failed(String why);

        /** The topics seen now, sorted by name. */
        void topics(List<TopicRow> rows);

        /** One message of the echoed topic as YAML. */
        void echoed(String topic, String yaml);

        /** The topic cannot be echoed, and why. */
        void echoRefused(String topic, String why);

        /** A message on one of the status topics. */
        void status(String topic, Record message);
    }

    /** A status topic to listen to: its type and its QoS (latched ones give their last message at once). */
    record StatusTopic<T extends Record>(String topic, MessageType<T> type, QosProfile qos) {
    }

    /** One measured topic: its raw subscription and arrivals. */
    private static final class Meter {
        final LongSupplier clock;
        volatile RateMeter rates = new RateMeter(RATE_WINDOW);
        volatile long last = Long.MIN_VALUE;
        Subscription subscription;

        Meter(LongSupplier clock) {
            this.clock = clock;
        }

        /** On the receive thread. */
        void arrived() {
            long now = clock.getAsLong();
            // After a silence, start over: the gap is not the topic's period.
            if (last != Long.MIN_VALUE && stale(now)) {
                rates = new RateMeter(RATE_WINDOW);
            }
            rates.arrived(now);
            last = now;
        }

        boolean stale(long now) {
            long limit = STALE_NANOS;
            Optional<RateMeter.Rate> r = rates.rate();
            if (r.isPresent() && r.get().averageHz() > 0) {
                limit = Math.max(limit, (long) (3e9 / r.get().averageHz()));
            }
            return now - last > limit;
        }

        OptionalDouble rate(long now) {
            if (last == Long.MIN_VALUE || stale(now)) {
                return OptionalDouble.empty();
            }
            return rates.rate().map(r -> OptionalDouble.of(r.averageHz())).orElse(OptionalDouble.empty());
        }
    }

    private final NodeOptions options;
    private final String where;
    private final List<StatusTopic<?>> statusTopics;
    private final Listener listener;
    private final LongSupplier clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "studio-ros");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Meter> meters = new HashMap<>();
    private final List<Subscription> statusSubscriptions = new ArrayList<>();
    private Node node;
    private Subscription echo;
    /** Whether rates are measured (a subscription to every published topic); on the monitor's thread. */
    private boolean measuring;

    /**
     * Joins the network on the monitor's thread (binding sockets is not for the FX thread) and starts refreshing.
     *
     * @param where what {@link Listener#joined} says, "domain 37, localhost only"
     */
    GraphMonitor(NodeOptions options, String where, List<StatusTopic<?>> statusTopics, boolean measureRates,
                 Listener listener, LongSupplier clock) {
        this.options = options;
        this.measuring = measureRates;
        this.where = where;
        this.statusTopics = List.copyOf(statusTopics);
        this.listener = listener;
        this.clock = clock;
        thread.execute(this::join);
        thread.scheduleWithFixedDelay(this::refresh, REFRESH_MILLIS / 4, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void join() {
        try {
            node = Node.create(NODE_NAME, options);
        } catch (IOException | RuntimeException e) {
            listener.failed("cannot join ROS " + where + ": " + e.getMessage());
            thread.shutdown();
            return;
        }
        for (StatusTopic<?> s : statusTopics) {
            statusSubscriptions.add(listen(s));
        }
        listener.joined(where);
    }

    private <T extends Record> Subscription listen(StatusTopic<T> s) {
        return node.subscription(s.type(), s.topic(), s.qos(), m -> listener.status(s.topic(), m));
    }

    /** Reads the graph, starts and ends rate subscriptions, and reports the rows. On the monitor's thread. */
    private void refresh() {
        if (node == null) {
            return;
        }
        try {
            List<TopicInfo> seen = node.topics();
            Set<String> published = new HashSet<>();
            long now = clock.getAsLong();
            List<TopicRow> rows = new ArrayList<>(seen.size());
            for (TopicInfo t : seen) {
                Meter m = meters.get(t.name());
                if (measuring && t.publishers() > 0 && isRosType(t.type())) {
                    published.add(t.name());
                    if (m == null) {
                        m = measure(t);
                    }
                }
                rows.add(new TopicRow(t.name(), t.type(), t.publishers(), t.subscriptions(),
                        m == null ? OptionalDouble.empty() : m.rate(now)));
            }
            meters.entrySet().removeIf(e -> {
                if (published.contains(e.getKey())) {
                    return false;
                }
                e.getValue().subscription.close();
                return true;
            });
            listener.topics(List.copyOf(rows));
        } catch (RuntimeException e) {
            listener.failed("reading the ROS graph failed: " + e);
        }
    }

    private Meter measure(TopicInfo t) {
        Meter m = new Meter(clock);
        // Best effort and volatile: matches every publisher, and no history burst distorts the first periods.
        m.subscription = node.subscription(MessageType.raw(t.type()), t.name(), TopicTools.LISTEN,
                payload -> m.arrived());
        meters.put(t.name(), m);
        return m;
    }

    private static boolean isRosType(String type) {
        return type.split("/").length == 3;
    }

    /**
     * Measures rates (a subscription to every published topic, as {@code ros topic hz} makes for one: a simulator
     * renders its camera while someone subscribes) or not (those subscriptions end at the next refresh).
     */
    void measureRates(boolean on) {
        run(() -> measuring = on);
    }

    /**
     * Echoes {@code topic} from now on (the last echo ends); its messages go to {@link Listener#echoed}.
     *
     * @param type its ROS type, as the topic list shows it
     */
    void echo(String topic, String type) {
        run(() -> {
            closeEcho();
            if (node == null) {
                return;
            }
            Optional<MessageTypes.Entry<?>> entry = MessageTypes.byName(type);
            if (entry.isEmpty()) {
                listener.echoRefused(topic, "type " + type + " is not one of the " + MessageTypes.names().size()
                        + " built-in message types, so its messages cannot be shown (its rate is measured)");
                return;
            }
            echo = subscribeEcho(topic, entry.get());
        });
    }

    private <T extends Record> Subscription subscribeEcho(String topic, MessageTypes.Entry<T> entry) {
        return TopicTools.echo(node, topic, entry, yaml -> listener.echoed(topic, yaml));
    }

    /** Ends the echo, if any. */
    void stopEcho() {
        run(this::closeEcho);
    }

    private void closeEcho() {
        if (echo != null) {
            echo.close();
            echo = null;
        }
    }

    private void run(Runnable r) {
        try {
            thread.execute(r);
        } catch (RejectedExecutionException closed) {
            // Closed: nothing is echoed any more.
        }
    }

    /** Leaves the domain: every subscription ends and the node closes. Returns at once; the thread finishes it. */
    @Override
    public void close() {
        try {
            thread.execute(() -> {
                if (node != null) {
                    node.close();
                    node = null;
                }
                meters.clear();
                statusSubscriptions.clear();
                echo = null;
            });
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        }
        thread.shutdown();
    }

    /** Waits until the node has left (for tests and the studio's exit); false on timeout. */
    boolean awaitClosed(long millis) throws InterruptedException {
        return thread.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
