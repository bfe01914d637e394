package dev.wayfinder.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.msg.Header;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.MessageType;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.Vector3;
import dev.wayfinder.ros.rtps.MemoryNetwork;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes in one JVM over an in-process network: the API, discovery and matching end to end. */
class NodeTest {
    private MemoryNetwork net;
    private Node a;
    private Node b;

    @BeforeEach
    void start() {
        net = new MemoryNetwork();
        a = Node.create("alpha", NodeOptions.localhost(0), net.transport());
        b = Node.create("beta", NodeOptions.localhost(0), net.transport());
    }

    @AfterEach
    void stop() throws InterruptedException {
        a.close();
        b.close();
        net.close();
    }

    static void await(BooleanSupplier cond, String what) throws InterruptedException {
        await(cond, () -> what);
    }

    static void await(BooleanSupplier cond, java.util.function.Supplier<String> what) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(5);
        }
    }

    private static Twist twist(int i) {
        return new Twist(new Vector3(i, 0, 0), new Vector3(0, 0, -i));
    }

    @Test
    void reliableTwistsArriveInOrder() throws Exception {
        List<Twist> got = new CopyOnWriteArrayList<>();
        Subscription sub = b.subscription(Twist.TYPE, "/cmd_vel", QosProfile.DEFAULT, got::add);
        Publisher<Twist> pub = a.publisher(Twist.TYPE, "cmd_vel", QosProfile.DEFAULT);
        await(() -> pub.confirmedSubscriptionCount() == 1 && sub.confirmedPublisherCount() == 1, () -> "match: pub "
                + pub.subscriptionCount() + "/" + pub.confirmedSubscriptionCount() + ", sub " + sub.publisherCount() + "/"
                + sub.confirmedPublisherCount() + ", a " + a.participant().stats() + " " + a.participant().remoteEndpoints()
                + ", b " + b.participant().stats() + " " + b.participant().remoteEndpoints());
        for (int i = 0; i < 30; i++) {
            pub.publish(twist(i));
        }
        await(() -> got.size() == 30, "30 twists, got " + got.size());
        assertEquals(IntStream.range(0, 30).mapToObj(NodeTest::twist).toList(), got);
        await(pub::allAcknowledged, "acknowledgements");
    }

    @Test
    void messageInfoCarriesPublisherSequenceAndSourceTime() throws Exception {
        List<MessageInfo> infos = new CopyOnWriteArrayList<>();
        b.subscriptionWithInfo(Twist.TYPE, "/info", QosProfile.DEFAULT, (t, i) -> infos.add(i));
        Publisher<Twist> pub = a.publisher(Twist.TYPE, "/info", QosProfile.DEFAULT);
        await(() -> pub.confirmedSubscriptionCount() == 1, "match");
        long before = System.currentTimeMillis() * 1_000_000L;
        pub.publish(twist(1));
        pub.publish(twist(2));
        await(() -> infos.size() == 2, "two messages");
        assertEquals(infos.get(0).sequence() + 1, infos.get(1).sequence());
        assertEquals(infos.get(0).publisher(), infos.get(1).publisher());
        assertTrue(infos.get(0).publisher().startsWith(a.participant().prefix().toString()));
        assertTrue(infos.get(0).sourceTimestampNanos() >= before - 1_000_000_000L, infos.toString());
    }

    @Test
    void largeImagesAreFragmentedAndReassembled() throws Exception {
        List<Image> got = new CopyOnWriteArrayList<>();
        b.subscription(Image.TYPE, "/camera/image_raw", QosProfile.DEFAULT, got::add);
        Publisher<Image> pub = a.publisher(Image.TYPE, "/camera/image_raw", QosProfile.DEFAULT);
        await(() -> pub.confirmedSubscriptionCount() == 1, "match");
        byte[] px = new byte[640 * 480 * 3];
        new Random(11).nextBytes(px);
        Image img = new Image(new Header(new Time(1, 2), "camera"), 480, 640, "rgb8", false, 1920, px);
        pub.publish(img);
        await(() -> got.size() == 1, "image");
        assertEquals(img, got.get(0));
        // several megabytes: 1920x1080 rgb8 is 4,630 fragments in 463 datagrams
        byte[] big = new byte[1920 * 1080 * 3];
        new Random(12).nextBytes(big);
        Image full = new Image(new Header(new Time(3, 4), "camera"), 1080, 1920, "rgb8", false, 5760, big);
        pub.publish(full);
        await(() -> got.size() == 2, "1920x1080 image");
        assertEquals(full, got.get(1));
    }

    @Test
    void reassemblyArraysAreReusedWithoutChangingAnyDeliveredImageOrTappedPayload() throws Exception {
        List<Image> got = new CopyOnWriteArrayList<>();
        b.subscription(Image.TYPE, "/camera/image_raw", QosProfile.DEFAULT, got::add);
        // A second subscription sees the lent payload arrays themselves.
        List<byte[]> lent = new CopyOnWriteArrayList<>();
        MessageType<Integer> spy = new MessageType<>() {
            @Override
            public String name() {
                return "sensor_msgs/msg/Image";
            }

            @Override
            public void write(Integer value, dev.wayfinder.ros.cdr.CdrWriter out) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Integer read(dev.wayfinder.ros.cdr.CdrReader in) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Integer deserialize(byte[] payload) {
                lent.add(payload);
                return payload.length;
            }
        };
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        b.subscription(spy, "/camera/image_raw", QosProfile.DEFAULT, sizes::add);
        List<byte[]> tapped = new CopyOnWriteArrayList<>();
        b.tap(new Node.Tap() {
            @Override
            public void published(String topic, String rosType, QosProfile qos, byte[] payload) {
            }

            @Override
            public void received(String topic, String rosType, QosProfile qos, byte[] payload, MessageInfo info) {
                if (rosType.equals("sensor_msgs/msg/Image")) {
                    tapped.add(payload);
                }
            }
        });
        Publisher<Image> pub = a.publisher(Image.TYPE, "/camera/image_raw", QosProfile.DEFAULT);
        await(() -> pub.confirmedSubscriptionCount() == 2, "match");
        List<Image> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] px = new byte[320 * 240 * 3];
            new Random(20 + i).nextBytes(px);
            Image img = new Image(new Header(new Time(10 + i, 0), "camera"), 240, 320, "rgb8", false, 960, px);
            sent.add(img);
            pub.publish(img);
            int n = i + 1;
            await(() -> got.size() == n && sizes.size() == n, "image " + n);
        }
        // The spy's reader reassembled every image after the first into the array it handed back before.
        for (int i = 1; i < 4; i++) {
            assertTrue(lent.get(i) == lent.get(0), "image " + i + " reassembled into a recycled array");
        }
        // What was handed on keeps its bytes though the arrays were reused: the images and the tap's copies.
        assertEquals(sent, got);
        assertEquals(8, tapped.size());
        for (int i = 0; i < 8; i++) {
            assertTrue(java.util.Arrays.equals(Image.TYPE.serialize(sent.get(i / 2)), tapped.get(i)),
                    "tapped payload " + i);
        }
    }

    @Test
    void incompatibleQosIsLoggedAndNotMatched() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getParameters() != null) {
                    warnings.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
                } else {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger("dev.wayfinder.ros.rtps.Participant");
        log.addHandler(h);
        try {
            Subscription sub = b.subscription(Twist.TYPE, "/scan_like", QosProfile.DEFAULT, t -> { });
            Publisher<Twist> pub = a.publisher(Twist.TYPE, "/scan_like", QosProfile.SENSOR_DATA);
            await(() -> b.topics().stream().anyMatch(t -> t.name().equals("/scan_like") && t.publishers() == 1),
                    "discovery of the best-effort writer");
            await(() -> warnings.stream().anyMatch(w -> w.contains("incompatible QoS") && w.contains("RELIABILITY")),
                    "an incompatible-QoS warning, got " + warnings);
            assertEquals(0, pub.subscriptionCount());
            assertEquals(0, sub.publisherCount());
        } finally {
            log.removeHandler(h);
        }
    }

    @Test
    void topicsListRosNamesAndTypesAndForgetAClosedNode() throws Exception {
        a.publisher(Twist.TYPE, "/cmd_vel", QosProfile.DEFAULT);
        a.subscription(Image.TYPE, "/camera", QosProfile.SENSOR_DATA, i -> { });
        await(() -> b.topics().size() == 2, "two topics, got " + b.topics());
        assertEquals(List.of(new TopicInfo("/camera", "sensor_msgs/msg/Image", 0, 1),
                new TopicInfo("/cmd_vel", "geometry_msgs/msg/Twist", 1, 0)), b.topics());
        a.close();
        await(() -> b.topics().isEmpty() && b.participant().remoteParticipants().isEmpty(), "removal of alpha");
    }

    @Test
    void invalidNamesAreRejectedWithTheName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.publisher(Twist.TYPE, "cmd vel", QosProfile.DEFAULT));
        assertTrue(e.getMessage().contains("cmd vel"));
        assertEquals("rt/cmd_vel", TopicNames.toDds("/cmd_vel"));
        assertEquals("rt/ns/cmd_vel", TopicNames.toDds("ns/cmd_vel"));
        assertThrows(IllegalArgumentException.class, () -> TopicNames.toDds("/cmd_vel/"));
        assertThrows(IllegalArgumentException.class, () -> new QosProfile(true, false, false, 0));
    }
}
