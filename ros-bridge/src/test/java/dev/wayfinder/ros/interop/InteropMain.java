package dev.wayfinder.ros.interop;

import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.msg.Header;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.Vector3;
import dev.wayfinder.ros.rtps.ParticipantConfig;
import dev.wayfinder.ros.testkit.PeerProcess;
import dev.wayfinder.ros.tools.MessageTypes;
import java.net.NetworkInterface;
import dev.wayfinder.ros.rtps.discovery.ParticipantData;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Runs one interop scenario inside a private network namespace (started by {@link Scenarios}); prints
 * "PASS ..." or "FAIL ..." as its last line and exits 0 or 1. Arguments: scenario, directory with the built peers
 * (ros_peer for Cyclone DDS, fastdds_peer for Fast DDS) and the Cyclone configuration.
 */
public final class InteropMain {
    private static final int CYCLONE_VENDOR = 0x0110;
    private static final int FASTDDS_VENDOR = 0x010F;

    private InteropMain() {
    }

    /** @param args scenario, peer directory */
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        String scenario = args[0];
        Path dir = Path.of(args[1]);
        Path peer = dir.resolve("ros_peer");
        Path fastdds = dir.resolve("fastdds_peer");
        Path config = dir.resolve("cyclone-peer.xml");
        String result;
        try {
            result = switch (scenario) {
                case "twist" -> twist(peer, config, NodeOptions.localhost(0));
                case "twist-multicast" -> twist(peer, config.resolveSibling("cyclone-peer-multicast.xml"),
                        NodeOptions.localhost(0).withParticipant(ParticipantConfig.localhost(0)
                                .withMulticast(NetworkInterface.getByName("lo")).withLocalhostOnly(false)));
                case "image-reliable" -> image(peer, config, true);
                case "image-best-effort" -> image(peer, config, false);
                case "late-joiner" -> lateJoiner(peer, config, "Cyclone");
                case "peer-dies" -> peerDies(peer, config, "Cyclone", CYCLONE_VENDOR);
                case "graph" -> graph(peer, config);
                case "all-types" -> allTypes(peer, config);
                case "fastdds-twist" -> twist(fastdds, config, NodeOptions.localhost(0));
                case "fastdds-image-reliable" -> image(fastdds, config, true);
                case "fastdds-image-best-effort" -> image(fastdds, config, false);
                case "fastdds-late-joiner" -> lateJoiner(fastdds, config, "Fast DDS");
                case "fastdds-peer-dies" -> peerDies(fastdds, config, "Fast DDS", FASTDDS_VENDOR);
                default -> "FAIL unknown scenario " + scenario;
            };
        } catch (AssertionError | Exception e) {
            e.printStackTrace(System.out);
            result = "FAIL " + e;
        }
        System.out.println(result);
        System.out.flush();
        Runtime.getRuntime().halt(result.startsWith("PASS") ? 0 : 1);
    }

    static boolean waitFor(BooleanSupplier cond, long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return cond.getAsBoolean();
    }

    /** Whether the peer says its writer has matched our reader (each side discovers the match on its own). */
    static boolean peerWriterMatched(PeerProcess peer) {
        return peer.lines().contains("writer-matched 1");
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    static Twist twistOf(int i) {
        return new Twist(new Vector3(i, 0.5, -1), new Vector3(0, 0, i * 0.25));
    }

    static String twist(Path peer, Path config, NodeOptions options) throws Exception {
        try (Node node = Node.create("interop", options);
             PeerProcess c = new PeerProcess(peer, config, "echo-twist", "reliable", "30")) {
            List<Twist> got = new CopyOnWriteArrayList<>();
            Subscription sub = node.subscription(Twist.TYPE, "/from_c", QosProfile.DEFAULT, got::add);
            Publisher<Twist> pub = node.publisher(Twist.TYPE, "/to_c", QosProfile.DEFAULT);
            check(waitFor(() -> pub.confirmedSubscriptionCount() == 1 && sub.publisherCount() == 1
                            && peerWriterMatched(c), 15_000),
                    "peer endpoints not matched: pub " + pub.subscriptionCount() + " (confirmed "
                            + pub.confirmedSubscriptionCount() + "), sub " + sub.publisherCount() + " (confirmed "
                            + sub.confirmedPublisherCount() + ")"
                            + ", peer said " + c.lines() + ", stats " + node.participant().stats());
            int n = 50;
            for (int i = 1; i <= n; i++) {
                pub.publish(twistOf(i));
                Thread.sleep(4);
            }
            check(waitFor(() -> got.size() >= n, 10_000), "echoed " + got.size() + "/" + n + " twists: "
                    + got.stream().map(t -> (int) t.linear().x()).toList() + "; peer saw "
                    + c.lines().stream().filter(l -> l.startsWith("twist ")).count());
            check(got.equals(java.util.stream.IntStream.rangeClosed(1, n).mapToObj(InteropMain::twistOf).toList()),
                    "echoed twists differ or out of order: " + got);
            List<String> seen = c.await(l -> l.startsWith("twist "), n, 2000);
            check(seen.size() == n && seen.get(0).equals("twist 1.000 0.500 -1.000 0.000 0.000 0.250"),
                    "peer saw " + seen.size() + " twists, first " + (seen.isEmpty() ? "-" : seen.get(0)));
            check(waitFor(pub::allAcknowledged, 3000), "peer did not acknowledge every twist");
            return "PASS twist " + n + "/" + n + " Java->" + peer.getFileName() + "->Java, reliable, in order, discovery "
                    + (options.participant().localhostOnly() ? "unicast" : "multicast");
        }
    }

    static byte[] pixels(long seed) {
        byte[] b = new byte[640 * 480 * 3];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String fnv(byte[] b) {
        int h = 0x811c9dc5;
        for (byte x : b) {
            h = (h ^ (x & 0xFF)) * 16777619;
        }
        return String.format("%08x", h);
    }

    private static String image(Path peer, Path config, boolean reliable) throws Exception {
        QosProfile qos = reliable ? QosProfile.DEFAULT.withDepth(5) : QosProfile.SENSOR_DATA;
        try (Node node = Node.create("interop", NodeOptions.localhost(0));
             PeerProcess c = new PeerProcess(peer, config, "echo-image", reliable ? "reliable" : "best-effort", "30")) {
            List<Image> got = new CopyOnWriteArrayList<>();
            Subscription sub = node.subscription(Image.TYPE, "/img_from_c", qos, got::add);
            Publisher<Image> pub = node.publisher(Image.TYPE, "/img_to_c", qos);
            // reliable matches are confirmed by the peer's acknowledgements and heartbeats; best effort cannot be
            check(waitFor(() -> reliable ? pub.confirmedSubscriptionCount() == 1 && sub.publisherCount() == 1
                    && peerWriterMatched(c) : pub.subscriptionCount() == 1 && sub.publisherCount() == 1
                    && peerWriterMatched(c), 15_000),
                    "peer endpoints not matched, peer said " + c.lines());
            int n = 5;
            List<Image> sent = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                Image img = new Image(new Header(new Time(i, 0), "camera"), 480, 640, "rgb8", false, 640 * 3,
                        pixels(1000 + i));
                sent.add(img);
                pub.publish(img);
                Thread.sleep(reliable ? 20 : 100);
            }
            int need = reliable ? n : 1;
            check(waitFor(() -> got.size() >= need, 15_000), "echoed " + got.size() + "/" + n + " images");
            for (Image g : got) {
                check(sent.contains(g), "echoed image differs from every sent one: " + g);
            }
            if (reliable) {
                check(got.equals(sent), "reliable images out of order or missing");
            }
            List<String> seen = c.await(l -> l.startsWith("image "), need, 2000);
            check(seen.size() >= need && seen.get(0).startsWith("image 640 480 rgb8 921600 "), "peer saw " + seen);
            for (String s : seen) {
                String sum = s.substring(s.lastIndexOf(' ') + 1);
                check(sent.stream().anyMatch(i -> fnv(i.data()).equals(sum)), "peer checksum " + sum + " unknown");
            }
            return "PASS image " + (reliable ? "reliable" : "best-effort") + ": " + peer.getFileName() + " got " + seen.size() + "/" + n
                    + ", Java got back " + got.size() + "/" + n + " (921,652-byte samples, DATA_FRAG both ways)";
        }
    }

    private static String lateJoiner(Path peer, Path config, String vendor) throws Exception {
        try (Node node = Node.create("interop", NodeOptions.localhost(0))) {
            Publisher<Twist> pub = node.publisher(Twist.TYPE, "/latched", QosProfile.DEFAULT.withTransientLocal());
            for (int i = 1; i <= 5; i++) {
                pub.publish(twistOf(i));
            }
            try (PeerProcess c = new PeerProcess(peer, config, "sub-latched", "5", "20")) {
                List<String> seen = c.await(l -> l.startsWith("twist "), 5, 15_000);
                check(seen.size() == 5, "late-joining " + vendor + " reader got " + seen.size() + "/5: " + c.lines());
                for (int i = 1; i <= 5; i++) {
                    check(seen.get(i - 1).startsWith(String.format("twist %d.000 ", i)), "out of order: " + seen);
                }
            }
            try (PeerProcess c = new PeerProcess(peer, config, "pub-latched", "5", "20")) {
                check(!c.await(l -> l.equals("ready"), 1, 10_000).isEmpty(), vendor + " writer not ready: " + c.lines());
                check(waitFor(() -> node.participant().remoteEndpoints().stream()
                        .anyMatch(e -> e.topic().equals("rt/latched_c")), 10_000), vendor + " writer not discovered");
                List<Twist> got = new CopyOnWriteArrayList<>();
                node.subscription(Twist.TYPE, "/latched_c", QosProfile.DEFAULT.withTransientLocal(), got::add);
                check(waitFor(() -> got.size() >= 5, 10_000), "late-joining Java reader got " + got);
                check(got.equals(java.util.stream.IntStream.rangeClosed(1, 5).mapToObj(InteropMain::twistOf).toList()),
                        "late-joining Java reader got " + got);
            }
            return "PASS late joiners both ways: " + vendor + " reader got the 5 samples Java wrote before it started,"
                    + " Java reader got the 5 samples " + vendor + " wrote before it subscribed";
        }
    }

    private static String allTypes(Path peer, Path config) throws Exception {
        long seed = 2026;
        RandomMessages random = new RandomMessages(seed);
        try (Node node = Node.create("interop", NodeOptions.localhost(0));
             PeerProcess c = new PeerProcess(peer, config, "echo-all", "-", "30")) {
            List<String> names = MessageTypes.names();
            java.util.Map<String, Object> sent = new java.util.LinkedHashMap<>();
            java.util.Map<String, Object> got = new java.util.concurrent.ConcurrentHashMap<>();
            List<Publisher<?>> pubs = new java.util.ArrayList<>();
            List<Subscription> subs = new java.util.ArrayList<>();
            for (String n : names) {
                MessageTypes.Entry<?> e = MessageTypes.byName(n).orElseThrow();
                String shortName = n.substring(n.lastIndexOf('/') + 1);
                sent.put(shortName, random.of(e.recordClass()));
                subs.add(node.subscription(e.type(), "/out_" + shortName, QosProfile.DEFAULT,
                        m -> got.put(shortName, m)));
                pubs.add(node.publisher(e.type(), "/in_" + shortName, QosProfile.DEFAULT));
            }
            // Cyclone confirms both directions: its readers acknowledge, its writers answer with a heartbeat
            check(waitFor(() -> pubs.stream().allMatch(p -> p.confirmedSubscriptionCount() == 1)
                    && subs.stream().allMatch(x -> x.confirmedPublisherCount() == 1), 15_000),
                    "echo peer not matched for every type: " + c.lines());
            int i = 0;
            for (Object m : sent.values()) {
                publishRaw(pubs.get(i++), m);
            }
            check(waitFor(() -> got.size() == sent.size(), 10_000), "echoed " + got.keySet() + " of " + sent.keySet());
            for (String n : sent.keySet()) {
                check(sent.get(n).equals(got.get(n)), n + " changed on the way through Cyclone (seed " + seed + "): sent "
                        + sent.get(n) + ", got " + got.get(n));
            }
            return "PASS all " + sent.size() + " built-in message types went Java->Cyclone->Java unchanged";
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void publishRaw(Publisher<T> p, Object m) {
        p.publish((T) m);
    }

    private static String graph(Path peer, Path config) throws Exception {
        try (Node node = Node.create("wayfinder_probe", NodeOptions.localhost(0))) {
            node.publisher(Twist.TYPE, "/cmd_vel", QosProfile.DEFAULT);
            node.subscription(Twist.TYPE, "/odom_like", QosProfile.SENSOR_DATA, t -> { });
            try (PeerProcess c = new PeerProcess(peer, config, "graph", "1", "20")) {
                List<String> seen = c.await(l -> l.equals("node / wayfinder_probe readers 1 writers 1"), 1, 15_000);
                check(!seen.isEmpty(), "Cyclone did not read our ros_discovery_info entry: " + c.lines());
                return "PASS Cyclone reader of ros_discovery_info sees node /wayfinder_probe with 1 reader, 1 writer";
            }
        }
    }

    private static String peerDies(Path peer, Path config, String vendor, int vendorId) throws Exception {
        try (Node node = Node.create("interop", NodeOptions.localhost(0))) {
            Publisher<Twist> pub = node.publisher(Twist.TYPE, "/to_c", QosProfile.DEFAULT);
            PeerProcess c = new PeerProcess(peer, config, "echo-twist", "reliable", "30");
            try {
                check(waitFor(() -> pub.subscriptionCount() == 1, 15_000), vendor + " reader not matched");
                check(node.participant().remoteParticipants().stream().anyMatch(p -> p.vendorId() == vendorId),
                        "no " + vendor + " participant known");
                ParticipantData remote = node.participant().remoteParticipants().stream()
                        .filter(p -> p.vendorId() == vendorId).findFirst().orElseThrow();
                check(remote.userDataText().isEmpty() || remote.leaseNanos() > 0, "lease");
                check(node.topics().stream().anyMatch(t -> t.name().equals("/to_c")
                        && t.type().equals("geometry_msgs/msg/Twist") && t.subscriptions() == 1), "topics " + node.topics());
                c.kill();
                long killed = System.nanoTime();
                check(waitFor(() -> pub.subscriptionCount() == 0 && node.participant().remoteEndpoints().isEmpty()
                        && node.participant().remoteParticipants().isEmpty(), 10_000),
                        "dead peer not removed: " + node.participant().stats());
                long ms = (System.nanoTime() - killed) / 1_000_000;
                check(ms >= 1000, "removed after " + ms + " ms, before its 2 s lease could expire");
                return "PASS killed " + vendor + " peer removed with its endpoints " + ms + " ms after SIGKILL (lease 2 s)";
            } finally {
                c.close();
            }
        }
    }
}
