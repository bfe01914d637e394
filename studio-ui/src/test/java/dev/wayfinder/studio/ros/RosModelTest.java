package dev.wayfinder.studio.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.deploy.DeploySettings;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.msg.Bool;
import dev.wayfinder.ros.msg.MessageType;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.tools.MessageText;
import dev.wayfinder.ros.tools.MessageTypes;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.simros.EpisodeStatus;
import dev.wayfinder.simros.SimMessages;
import dev.wayfinder.simros.SimRosNode;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.training.TrainLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ROS 2 tab's view model without the toolkit, against publishers and subscribers this test creates on a domain
 * of its own (drawn at random, named in every failure) with localhost-only discovery, so parallel tests do not see
 * each other. Property changes go through a single "FX" thread, as in the studio.
 */
class RosModelTest {
    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    /** A domain of this test's own: 100..229 (other project tests use low ones). */
    private final int domain = 100 + random.nextInt(130);
    /** Topic names of this test's own. */
    private final String ns = "/studio_test_" + Long.toHexString(random.nextLong() & 0xffffffL);
    private final ExecutorService fx = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService publishing = Executors.newSingleThreadScheduledExecutor();
    private final List<Node> nodes = new ArrayList<>();
    private RosModel model;

    @BeforeEach
    void create() throws Exception {
        model = onFx(() -> new RosModel(new ScenarioDocument(Fixtures.bundled("empty-arena")), Optional.empty(),
                TrainLauncher.of(List.of("false")), Path.of(""), Map.of("ROS_DOMAIN_ID", Integer.toString(domain)),
                fx));
    }

    @AfterEach
    void close() throws Exception {
        publishing.shutdownNow();
        onFx(() -> {
            model.close();
            return null;
        });
        fx.shutdownNow();
        for (Node n : nodes) {
            n.close();
        }
    }

    private String where() {
        return " (seed " + seed + ", domain " + domain + ")";
    }

    private Node peer(String name) throws Exception {
        Node n = Node.create(name, NodeOptions.localhost(domain));
        nodes.add(n);
        return n;
    }

    private <T> T onFx(Callable<T> c) throws Exception {
        return fx.submit(c).get(10, TimeUnit.SECONDS);
    }

    private void await(Supplier<Boolean> condition, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (onFx(condition::get)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + where() + "; network: "
                + onFx(() -> model.networkStatusProperty().get()) + ", topics: " + onFx(() -> List.copyOf(
                model.topics())) + ", echo: " + onFx(() -> model.echoStatusProperty().get()));
    }

    private Optional<TopicRow> row(String topic) throws Exception {
        return onFx(() -> model.topics().stream().filter(r -> r.name().equals(topic)).findFirst());
    }

    private void start() throws Exception {
        onFx(() -> {
            model.start();
            return null;
        });
        await(() -> model.networkStatusProperty().get().contains("topic"), "the first topic list");
    }

    /** Publishes "hello N" on {@code topic} every {@code periodMillis}; returns the count sent so far. */
    private AtomicInteger chatter(Node node, String topic, long periodMillis) {
        Publisher<StringMessage> pub = node.publisher(StringMessage.TYPE, topic, QosProfile.DEFAULT);
        AtomicInteger sent = new AtomicInteger();
        publishing.scheduleAtFixedRate(() -> pub.publish(new StringMessage("hello " + sent.getAndIncrement())), 0,
                periodMillis, TimeUnit.MILLISECONDS);
        return sent;
    }

    @Test
    void theListShowsAPublishedTopicWithItsTypeCountsAndRate() throws Exception {
        Node peer = peer("studio_test_peer");
        String chatter = ns + "/chatter";
        String cmd = ns + "/cmd_vel";
        chatter(peer, chatter, 50);
        peer.subscription(Twist.TYPE, cmd, QosProfile.DEFAULT, m -> { });
        start();
        await(() -> model.topics().stream().anyMatch(r -> r.name().equals(chatter) && r.rateHz().isPresent())
                && model.topics().stream().anyMatch(r -> r.name().equals(cmd)), "both topics, the rate measured");
        // Let a full window of arrivals in, then read the rate: 20 Hz within 15 %.
        Thread.sleep(GraphMonitor.RATE_WINDOW * 50 + 1000);
        TopicRow c = row(chatter).orElseThrow();
        assertEquals("std_msgs/msg/String", c.type(), where());
        assertEquals(1, c.publishers(), where());
        assertEquals(0, c.subscribers(), "the tab's own rate subscription is not counted" + where());
        double hz = c.rateHz().orElseThrow();
        assertEquals(20.0, hz, 3.0, "measured rate of a 20 Hz publisher" + where());
        TopicRow v = row(cmd).orElseThrow();
        assertEquals(new TopicRow(cmd, "geometry_msgs/msg/Twist", 0, 1, java.util.OptionalDouble.empty()), v,
                "a topic only subscribed to has no rate" + where());
        assertEquals("-", v.rateText());
        assertTrue(onFx(() -> model.networkStatusProperty().get()).startsWith("domain " + domain
                + ", localhost only: "), onFx(() -> model.networkStatusProperty().get()));
        // The publisher goes quiet: its rate is no longer shown once it has been silent for a while.
        publishing.shutdownNow();
        await(() -> model.topics().stream().anyMatch(r -> r.name().equals(chatter) && r.rateHz().isEmpty()),
                "the silent topic's rate to disappear");
    }

    @Test
    void aSlowAndAFastTopicAreMeasuredApart() throws Exception {
        Node peer = peer("studio_test_rates");
        String slow = ns + "/slow";
        String fast = ns + "/fast";
        chatter(peer, slow, 250);
        chatter(peer, fast, 20);
        start();
        await(() -> model.topics().stream().filter(r -> r.name().startsWith(ns) && r.rateHz().isPresent()).count()
                == 2, "both rates");
        Thread.sleep(4000);
        assertEquals(4.0, row(slow).orElseThrow().rateHz().orElseThrow(), 0.6, "4 Hz publisher" + where());
        assertEquals(50.0, row(fast).orElseThrow().rateHz().orElseThrow(), 7.5, "50 Hz publisher" + where());
    }

    @Test
    void theSelectedTopicIsEchoedAsYamlKeepsTheLastMessagesAndPauses() throws Exception {
        Node peer = peer("studio_test_echo");
        String chatter = ns + "/chatter";
        AtomicInteger sent = chatter(peer, chatter, 20);
        start();
        await(() -> model.topics().stream().anyMatch(r -> r.name().equals(chatter)), "the topic");
        onFx(() -> {
            model.select(chatter);
            return null;
        });
        assertEquals("echoing " + chatter + " [std_msgs/msg/String]", onFx(() -> model.echoStatusProperty().get()));
        await(() -> model.echoedProperty().get() > RosModel.ECHO_MESSAGES + 10, "more messages than are kept");
        List<String> shown = onFx(() -> List.copyOf(model.echo()));
        assertEquals(RosModel.ECHO_MESSAGES, shown.size(), "only the last messages are kept");
        int previous = -1;
        for (String yaml : shown) {
            assertTrue(yaml.matches("data: hello \\d+\\n"), "echo YAML as `ros topic echo` prints it: '" + yaml + "'");
            int n = Integer.parseInt(yaml.substring("data: hello ".length()).strip());
            assertTrue(n > previous, "messages in order: " + shown);
            previous = n;
        }
        assertEquals(MessageText.toYaml(new StringMessage("hello " + previous)), shown.get(shown.size() - 1));
        assertTrue(previous <= sent.get());

        onFx(() -> {
            model.pausedProperty().set(true);
            return null;
        });
        List<String> frozen = onFx(() -> List.copyOf(model.echo()));
        int countAtPause = onFx(() -> model.echoedProperty().get());
        Thread.sleep(600);
        assertEquals(frozen, onFx(() -> List.copyOf(model.echo())), "paused: what is shown stays");
        assertTrue(onFx(() -> model.echoedProperty().get()) > countAtPause, "paused: arrivals still counted");
        onFx(() -> {
            model.pausedProperty().set(false);
            return null;
        });
        await(() -> !model.echo().get(model.echo().size() - 1).equals(frozen.get(frozen.size() - 1)),
                "the echo to go on after the pause");

        onFx(() -> {
            model.select(null);
            return null;
        });
        assertEquals(List.of(), onFx(() -> List.copyOf(model.echo())));
        assertEquals(0, onFx(() -> model.echoedProperty().get()));
    }

    @Test
    void aTypeThatIsNotBuiltInIsListedWithItsRateButNotEchoed() throws Exception {
        Node peer = peer("studio_test_custom");
        String custom = ns + "/thing";
        Publisher<byte[]> pub = peer.publisher(MessageType.raw("custom_msgs/msg/Thing"), custom, QosProfile.DEFAULT);
        publishing.scheduleAtFixedRate(() -> pub.publish(new byte[] {0, 1, 0, 0, 1, 2, 3, 4}), 0, 100,
                TimeUnit.MILLISECONDS);
        start();
        await(() -> model.topics().stream().anyMatch(r -> r.name().equals(custom) && r.rateHz().isPresent()),
                "the custom topic with its rate");
        onFx(() -> {
            model.select(custom);
            return null;
        });
        await(() -> model.echoStatusProperty().get().contains("not one of the"), "the refusal");
        assertEquals(custom + ": type custom_msgs/msg/Thing is not one of the " + MessageTypes.names().size()
                + " built-in message types, so its messages cannot be shown (its rate is measured)",
                onFx(() -> model.echoStatusProperty().get()));
    }

    @Test
    void changingTheDomainOrHidingTheTabLeavesTheNetwork() throws Exception {
        Node peer = peer("studio_test_leave");
        String chatter = ns + "/chatter";
        Publisher<StringMessage> pub = peer.publisher(StringMessage.TYPE, chatter, QosProfile.DEFAULT);
        publishing.scheduleAtFixedRate(() -> pub.publish(new StringMessage("x")), 0, 50, TimeUnit.MILLISECONDS);
        start();
        await(() -> model.topics().stream().anyMatch(r -> r.name().equals(chatter) && r.rateHz().isPresent()),
                "the topic");
        onFx(() -> {
            model.select(chatter);
            return null;
        });
        await(() -> pubSeesSubscriptions(pub) == 2, "the rate and echo subscriptions matched");
        int other = domain == 229 ? 100 : domain + 1;
        onFx(() -> {
            model.setNetwork(new RosNetwork(other, true));
            return null;
        });
        assertEquals(List.of(), onFx(() -> List.copyOf(model.topics())), "the old domain's topics are gone at once");
        awaitOffFx(() -> pub.subscriptionCount() == 0, "the old domain's subscriptions to end", pub);
        await(() -> model.networkStatusProperty().get().startsWith("domain " + other + ", localhost only: "),
                "the new domain's list");
        assertTrue(onFx(() -> model.topics().stream().noneMatch(r -> r.name().equals(chatter))),
                "nothing of the old domain on the new one");

        onFx(() -> {
            model.setNetwork(new RosNetwork(domain, true));
            return null;
        });
        await(() -> model.topics().stream().anyMatch(r -> r.name().equals(chatter)), "the topic again");
        await(() -> model.echoStatusProperty().get().startsWith("echoing " + chatter), "the echo again");
        awaitOffFx(() -> pub.subscriptionCount() == 2, "subscriptions again", pub);
        onFx(() -> {
            model.stop();
            return null;
        });
        assertEquals(RosModel.NOT_LISTENING, onFx(() -> model.networkStatusProperty().get()));
        awaitOffFx(() -> pub.subscriptionCount() == 0, "every subscription to end when the tab is hidden", pub);
    }

    @Test
    void measuringRatesCanBeTurnedOffAndItsSubscriptionsEnd() throws Exception {
        Node peer = peer("studio_test_norates");
        String chatter = ns + "/chatter";
        Publisher<StringMessage> pub = peer.publisher(StringMessage.TYPE, chatter, QosProfile.DEFAULT);
        publishing.scheduleAtFixedRate(() -> pub.publish(new StringMessage("x")), 0, 50, TimeUnit.MILLISECONDS);
        start();
        await(() -> model.topics().stream().anyMatch(r -> r.name().equals(chatter) && r.rateHz().isPresent()),
                "the rate");
        awaitOffFx(() -> pub.subscriptionCount() == 1, "the rate subscription", pub);
        onFx(() -> {
            model.measureRatesProperty().set(false);
            return null;
        });
        awaitOffFx(() -> pub.subscriptionCount() == 0, "the rate subscription to end", pub);
        await(() -> model.topics().stream().anyMatch(r -> r.name().equals(chatter) && r.rateHz().isEmpty()
                && r.publishers() == 1), "the topic listed without a rate");
        onFx(() -> {
            model.measureRatesProperty().set(true);
            return null;
        });
        await(() -> model.topics().stream().anyMatch(r -> r.name().equals(chatter) && r.rateHz().isPresent()),
                "the rate again");
    }

    private static int pubSeesSubscriptions(Publisher<?> pub) {
        return pub.subscriptionCount();
    }

    private void awaitOffFx(Supplier<Boolean> condition, String what, Publisher<?> pub) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + where() + "; the publisher sees "
                + pub.subscriptionCount() + " subscriptions");
    }

    @Test
    void theSimulatorsAndTheDeployNodesStatusTopicsAreToldInWords() throws Exception {
        assertEquals(SimRosNode.EPISODE, RosModel.EPISODE_TOPIC, "the topic sim --ros publishes on");
        assertEquals(DeploySettings.Topics.DEFAULT.status(), RosModel.DEPLOY_STATUS, "deploy's default prefix");
        Node peer = peer("studio_test_status");
        // Latched, as the simulator and deploy publish them: heard although published before the tab joined.
        Publisher<StringMessage> episode = peer.publisher(StringMessage.TYPE, RosModel.EPISODE_TOPIC,
                QosProfile.LATCHED);
        episode.publish(new StringMessage(SimMessages.statusJson(new EpisodeStatus("cluttered-room", 2, 3,
                EpisodeStatus.Status.RUNNING, "", 0, 0, 3.5, 0, new Vec2(2, 1.5)))));
        Publisher<StringMessage> watchdog = peer.publisher(StringMessage.TYPE, RosModel.DEPLOY_STATUS + "/watchdog",
                QosProfile.LATCHED);
        Publisher<StringMessage> action = peer.publisher(StringMessage.TYPE, RosModel.DEPLOY_STATUS + "/action",
                QosProfile.LATCHED);
        Publisher<Bool> reached = peer.publisher(Bool.TYPE, RosModel.DEPLOY_STATUS + "/goal_reached",
                QosProfile.LATCHED);
        watchdog.publish(new StringMessage("ok"));
        action.publish(new StringMessage("forward"));
        reached.publish(new Bool(false));
        start();
        await(() -> model.simStatusProperty().get().equals("cluttered-room episode 2 (seed 3): running"),
                "the episode status; is " + onFx(() -> model.simStatusProperty().get()));
        await(() -> model.deployStatusProperty().get().equals("driving (watchdog ok), action forward, goal not"
                + " reached"), "the deploy status");
        episode.publish(new StringMessage(SimMessages.statusJson(new EpisodeStatus("cluttered-room", 2, 3,
                EpisodeStatus.Status.COLLISION, "crate-1", 84, 8.4, 1.3249, 5.1, new Vec2(2, 1.5)))));
        watchdog.publish(new StringMessage("image stale (312 ms)"));
        await(() -> model.simStatusProperty().get().equals("cluttered-room episode 2 (seed 3): collision (crate-1)"
                + " after 8.4 s, 1.32 m from the goal"), "the episode's end");
        await(() -> model.deployStatusProperty().get().startsWith("stopped: image stale (312 ms), action forward"),
                "the watchdog's trip");
    }

    @Test
    void aDomainIsAWholeNumberIn0To232() throws Exception {
        assertEquals(37, RosNetwork.parseDomain(" 37 "));
        for (String bad : new String[] {"", "x", "233", "-1", "1.5"}) {
            dev.wayfinder.studio.StudioException e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.wayfinder.studio.StudioException.class, () -> RosNetwork.parseDomain(bad));
            assertEquals("Domain: '" + bad.strip() + "' is not a ROS domain id; expected a whole number in 0..232",
                    e.getMessage());
        }
        assertEquals(new RosNetwork(5, false), RosNetwork.fromEnvironment(Map.of("ROS_DOMAIN_ID", "5",
                "ROS_AUTOMATIC_DISCOVERY_RANGE", "SUBNET")));
        assertEquals(new RosNetwork(0, true), RosNetwork.fromEnvironment(Map.of("ROS_DOMAIN_ID", "nope")));
        assertEquals(NodeOptions.localhost(9), new RosNetwork(9, true).nodeOptions(Map.of()));
        assertEquals(List.of("--domain", "9", "--subnet"), new RosNetwork(9, false).args());
    }

    @Test
    void ratesAreShownWithThreeDigits() {
        java.util.function.DoubleFunction<String> text = hz -> new TopicRow("/t", "std_msgs/msg/Bool", 1, 0,
                java.util.OptionalDouble.of(hz)).rateText();
        assertEquals("0.50 Hz", text.apply(0.5));
        assertEquals("9.90 Hz", text.apply(9.9));
        assertEquals("10.0 Hz", text.apply(9.998));
        assertEquals("30.1 Hz", text.apply(30.07));
        assertEquals("-", new TopicRow("/t", "std_msgs/msg/Bool", 0, 1, java.util.OptionalDouble.empty()).rateText());
    }
}
