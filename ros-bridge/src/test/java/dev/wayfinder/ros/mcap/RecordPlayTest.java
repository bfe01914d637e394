package dev.wayfinder.ros.mcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.RosDistro;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.msg.MessageType;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.Vector3;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live traffic on loopback (UDP, localhost discovery, domain 43, topic names of this run's own): a Java publisher's
 * topics recorded by {@link Recorder}, the file checked, then played back by {@link Player} to a Java subscriber,
 * which must get the same bytes with about the recorded spacing.
 */
class RecordPlayTest {
    private static final int DOMAIN = 43;
    private static final long PERIOD_NANOS = 40_000_000L;
    private static final int TWISTS = 25;
    private static final int STRINGS = 10;

    @TempDir
    Path dir;

    private static void await(BooleanSupplier cond, Supplier<String> what) throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(10);
        }
    }

    /** Arrivals on one topic: payload bytes and System.nanoTime. */
    private record Arrival(byte[] payload, long nanos) {
    }

    @Test
    void recordedTopicsPlayBackWithTheSameBytesAndSpacing() throws Exception {
        String ns = "/wf_mcap_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        String cmd = ns + "/cmd_vel";
        String chatter = ns + "/chatter";
        Path file = dir.resolve("live.mcap");
        List<byte[]> sentTwists = new ArrayList<>();
        List<byte[]> sentStrings = new ArrayList<>();

        // 1. record
        try (Node talker = Node.create("talker", NodeOptions.localhost(DOMAIN));
             Node recorderNode = Node.create("recorder", NodeOptions.localhost(DOMAIN));
             RosBagWriter bag = RosBagWriter.create(file, RosDistro.JAZZY)) {
            Publisher<Twist> twists = talker.publisher(Twist.TYPE, cmd, QosProfile.DEFAULT);
            Publisher<StringMessage> strings = talker.publisher(StringMessage.TYPE, chatter, QosProfile.DEFAULT);
            try (Recorder recorder = new Recorder(recorderNode, bag, Long.MAX_VALUE)) {
                await(() -> {
                    try {
                        recorder.discover(Set.of(cmd, chatter), false);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return recorder.topics().size() == 2 && twists.confirmedSubscriptionCount() == 1
                            && strings.confirmedSubscriptionCount() == 1;
                }, () -> "the recorder to match both publishers: " + recorder.topics());
                assertEquals(Map.of(cmd, "geometry_msgs/msg/Twist", chatter, "std_msgs/msg/String"),
                        recorder.topics());
                long next = System.nanoTime();
                for (int i = 0; i < TWISTS; i++) {
                    Twist t = new Twist(new Vector3(i * 0.1, 0, 0), new Vector3(0, 0, -i));
                    twists.publish(t);
                    sentTwists.add(Twist.TYPE.serialize(t));
                    if (i % 2 == 0 && sentStrings.size() < STRINGS) {
                        StringMessage s = new StringMessage("hello " + i);
                        strings.publish(s);
                        sentStrings.add(StringMessage.TYPE.serialize(s));
                    }
                    next += PERIOD_NANOS;
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                }
                await(() -> bag.counts().getOrDefault(cmd, 0L) == TWISTS
                        && bag.counts().getOrDefault(chatter, 0L) == STRINGS, () -> "recorded counts " + bag.counts());
                assertTrue(recorder.failure().isEmpty());
            }
        }

        // 2. the file
        List<McapMessage> recorded = new ArrayList<>();
        try (McapReader r = McapReader.open(file)) {
            McapScan scan = r.scan(m -> recorded.add(m));
            assertEquals(TWISTS + STRINGS, scan.messageCount());
            assertEquals("ros2", scan.profile());
        }
        List<McapMessage> recTwists = recorded.stream().filter(m -> m.channel().topic().equals(cmd)).toList();
        List<McapMessage> recStrings = recorded.stream().filter(m -> m.channel().topic().equals(chatter)).toList();
        for (int i = 0; i < TWISTS; i++) {
            assertArrayEquals(sentTwists.get(i), recTwists.get(i).data(), "recorded twist " + i);
        }
        for (int i = 0; i < STRINGS; i++) {
            assertArrayEquals(sentStrings.get(i), recStrings.get(i).data(), "recorded string " + i);
        }
        long recordedSpan = recTwists.get(TWISTS - 1).logTime() - recTwists.get(0).logTime();
        long sentSpan = (TWISTS - 1) * PERIOD_NANOS;
        assertTrue(Math.abs(recordedSpan - sentSpan) < sentSpan / 2, "recorded span " + recordedSpan / 1e6
                + " ms, published over " + sentSpan / 1e6 + " ms");
        assertTrue(recTwists.get(0).publishTime() > 0);

        // 3. play back to a subscriber
        List<Arrival> gotTwists = new CopyOnWriteArrayList<>();
        List<Arrival> gotStrings = new CopyOnWriteArrayList<>();
        try (Node listener = Node.create("listener", NodeOptions.localhost(DOMAIN));
             Node playerNode = Node.create("player", NodeOptions.localhost(DOMAIN))) {
            Subscription a = listener.subscription(MessageType.raw("geometry_msgs/msg/Twist"), cmd, QosProfile.DEFAULT,
                    p -> gotTwists.add(new Arrival(p, System.nanoTime())));
            Subscription b = listener.subscription(MessageType.raw("std_msgs/msg/String"), chatter, QosProfile.DEFAULT,
                    p -> gotStrings.add(new Arrival(p, System.nanoTime())));
            try (Player player = new Player(playerNode, file, new Player.Options(1.0, false, Set.of()))) {
                assertEquals(2, player.tracks().size());
                assertTrue(player.tracks().values().stream().allMatch(t -> t.qos().reliable()),
                        "the recorded QoS (reliable): " + player.tracks());
                await(() -> player.allConfirmed() && a.confirmedPublisherCount() == 1 && b.confirmedPublisherCount() == 1,
                        () -> "the listener to match the player: " + player.subscriptionCounts());
                Map<String, Long> played = player.play(() -> false, pass -> { });
                assertEquals(Map.of(cmd, (long) TWISTS, chatter, (long) STRINGS), played);
                await(() -> gotTwists.size() == TWISTS && gotStrings.size() == STRINGS,
                        () -> "played messages: " + gotTwists.size() + " twists, " + gotStrings.size() + " strings");
            }
        }
        for (int i = 0; i < TWISTS; i++) {
            assertArrayEquals(sentTwists.get(i), gotTwists.get(i).payload(), "played twist " + i);
        }
        for (int i = 0; i < STRINGS; i++) {
            assertArrayEquals(sentStrings.get(i), gotStrings.get(i).payload(), "played string " + i);
        }
        long playedSpan = gotTwists.get(TWISTS - 1).nanos() - gotTwists.get(0).nanos();
        assertTrue(Math.abs(playedSpan - recordedSpan) < recordedSpan / 2, "played over " + playedSpan / 1e6
                + " ms, recorded over " + recordedSpan / 1e6 + " ms");
    }

    @Test
    void playAtFourTimesTheRateTakesAQuarterOfTheTime() throws Exception {
        Path file = dir.resolve("rate.mcap");
        String topic = "/wf_mcap_rate_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        int n = 21;
        try (RosBagWriter bag = RosBagWriter.create(file, RosDistro.JAZZY)) {
            RosBagWriter.Topic<Twist> t = bag.topic(topic, Twist.TYPE, QosProfile.DEFAULT);
            for (int i = 0; i < n; i++) {
                t.write(new Twist(new Vector3(i, 0, 0), Vector3.ZERO), 1_000_000_000L + i * 100_000_000L);
            }
        }
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        try (Node listener = Node.create("listener", NodeOptions.localhost(DOMAIN));
             Node playerNode = Node.create("player", NodeOptions.localhost(DOMAIN));
             Player player = new Player(playerNode, file, new Player.Options(4.0, false, Set.of(topic)))) {
            Subscription s = listener.subscription(Twist.TYPE, topic, QosProfile.DEFAULT,
                    m -> arrivals.add(System.nanoTime()));
            await(() -> player.allConfirmed() && s.confirmedPublisherCount() == 1, () -> "match");
            long start = System.nanoTime();
            player.play(() -> false, pass -> { });
            long took = System.nanoTime() - start;
            await(() -> arrivals.size() == n, () -> arrivals.size() + " of " + n);
            // 2 s of recording at 4x: 0.5 s
            assertTrue(took > 400_000_000L && took < 1_500_000_000L, "took " + took / 1e6 + " ms");
        }
    }
}
