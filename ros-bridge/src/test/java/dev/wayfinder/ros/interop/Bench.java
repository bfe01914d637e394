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
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Side-by-side numbers measured in one run: Twist ping-pong round trips Java->Cyclone echo versus Cyclone->Cyclone
 * echo (same echo peer, topic, type and QoS) and Java->Java, and 640x480 rgb8 images at 30 Hz on reliable QoS.
 * Prints "BENCH" lines; asserts only that the exchanges completed, never a time or a rate.
 */
final class Bench {
    private static final int WARMUP = 3000;
    private static final int ROUND_TRIPS = 2000;

    private Bench() {
    }

    static String run(Path peer, Path config) throws Exception {
        // first, so that the shared code paths are compiled before the Java->Cyclone measurement
        javaToJava();
        String java;
        try (Node node = Node.create("bench", NodeOptions.localhost(0));
             PeerProcess echo = new PeerProcess(peer, config, "echo-twist", "reliable", "60")) {
            LinkedBlockingQueue<Twist> back = new LinkedBlockingQueue<>();
            Subscription sub = node.subscription(Twist.TYPE, "/from_c", QosProfile.DEFAULT, back::add);
            Publisher<Twist> pub = node.publisher(Twist.TYPE, "/to_c", QosProfile.DEFAULT);
            InteropMain.check(InteropMain.waitFor(() -> pub.confirmedSubscriptionCount() == 1
                    && sub.publisherCount() == 1 && InteropMain.peerWriterMatched(echo), 15_000),
                    "echo peer not matched");
            long[] rtt = new long[ROUND_TRIPS];
            for (int i = 0; i < WARMUP + ROUND_TRIPS; i++) {
                Twist t = InteropMain.twistOf(i);
                long t0 = System.nanoTime();
                pub.publish(t);
                Twist r;
                do {
                    r = back.poll(2, TimeUnit.SECONDS);
                    InteropMain.check(r != null, "round trip " + i + " timed out");
                } while (!r.equals(t));
                if (i >= WARMUP) {
                    rtt[i - WARMUP] = (System.nanoTime() - t0) / 1000;
                }
            }
            java = percentiles(rtt);
            InteropMain.check(echo.alive(), "echo peer died");
            System.out.println("BENCH twist round trip Java->Cyclone echo (us): " + java);
        }
        try (PeerProcess echo = new PeerProcess(peer, config, "echo-twist", "reliable", "60");
             PeerProcess ping = new PeerProcess(peer, config, "ping-twist", String.valueOf(ROUND_TRIPS), "60")) {
            List<String> out = ping.await(l -> l.startsWith("rtt-us "), 1, 30_000);
            InteropMain.check(echo.alive(), "echo peer died: " + echo.lines());
            InteropMain.check(!out.isEmpty() && out.get(0).endsWith("n " + ROUND_TRIPS), "Cyclone ping: " + ping.lines());
            String[] f = out.get(0).split(" ");
            System.out.println("BENCH twist round trip Cyclone->Cyclone echo (us): p50 " + f[1] + " p90 " + f[2]
                    + " p99 " + f[3] + " max " + f[4]);
        }
        String images = images(peer, config);
        return "PASS bench: " + ROUND_TRIPS + " round trips each way; " + images;
    }

    private static void javaToJava() throws Exception {
        try (Node a = Node.create("bench_ping", NodeOptions.localhost(0));
             Node b = Node.create("bench_echo", NodeOptions.localhost(0))) {
            Publisher<Twist> echoPub = b.publisher(Twist.TYPE, "/from_j", QosProfile.DEFAULT);
            b.subscription(Twist.TYPE, "/to_j", QosProfile.DEFAULT, echoPub::publish);
            LinkedBlockingQueue<Twist> back = new LinkedBlockingQueue<>();
            Subscription sub = a.subscription(Twist.TYPE, "/from_j", QosProfile.DEFAULT, back::add);
            Publisher<Twist> pub = a.publisher(Twist.TYPE, "/to_j", QosProfile.DEFAULT);
            InteropMain.check(InteropMain.waitFor(() -> pub.confirmedSubscriptionCount() == 1
                    && sub.confirmedPublisherCount() == 1 && echoPub.confirmedSubscriptionCount() == 1, 15_000),
                    "Java echo not matched");
            long[] rtt = new long[ROUND_TRIPS];
            for (int i = 0; i < WARMUP + ROUND_TRIPS; i++) {
                Twist t = InteropMain.twistOf(i);
                long t0 = System.nanoTime();
                pub.publish(t);
                Twist r;
                do {
                    r = back.poll(2, TimeUnit.SECONDS);
                    InteropMain.check(r != null, "Java round trip " + i + " timed out");
                } while (!r.equals(t));
                if (i >= WARMUP) {
                    rtt[i - WARMUP] = (System.nanoTime() - t0) / 1000;
                }
            }
            System.out.println("BENCH twist round trip Java->Java echo, one JVM (us): " + percentiles(rtt));
        }
    }

    private static String images(Path peer, Path config) throws Exception {
        try (Node node = Node.create("bench", NodeOptions.localhost(0));
             PeerProcess c = new PeerProcess(peer, config, "echo-image", "reliable", "60")) {
            QosProfile qos = QosProfile.DEFAULT.withDepth(5);
            Publisher<Image> pub = node.publisher(Image.TYPE, "/img_to_c", qos);
            InteropMain.check(InteropMain.waitFor(() -> pub.confirmedSubscriptionCount() == 1, 15_000), "image peer");
            int n = 60;
            byte[] px = InteropMain.pixels(5);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                pub.publish(new Image(new Header(new Time(i, 0), "camera"), 480, 640, "rgb8", false, 1920, px));
                long next = start + (i + 1) * 1_000_000_000L / 30;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            List<String> got = c.await(l -> l.startsWith("image "), n, 10_000);
            System.out.println("BENCH 640x480 rgb8 Java->Cyclone reliable at 30 Hz: " + got.size() + "/" + n
                    + " delivered");
            // a count, not an assertion: on a starved machine the peer process itself may fall behind
            InteropMain.check(!got.isEmpty(), "no image reached the peer");
            return got.size() + "/" + n + " images at 30 Hz";
        }
    }

    private static String percentiles(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return "p50 " + s[s.length / 2] + " p90 " + s[s.length * 9 / 10] + " p99 " + s[s.length * 99 / 100] + " max "
                + s[s.length - 1];
    }
}
