package dev.wayfinder.benchmarks.ros;

import static dev.wayfinder.benchmarks.ros.Waits.check;
import static dev.wayfinder.benchmarks.ros.Waits.waitFor;

import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.Vector3;
import dev.wayfinder.ros.testkit.PeerProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Twist ping-pong round trips on reliable QoS: Java&lt;-&gt;Java (two nodes of this JVM), Java&lt;-&gt;Cyclone and
 * Cyclone&lt;-&gt;Cyclone, the last two through the same Cyclone echo peer, topic, type and QoS (the Cyclone pinger
 * is the C peer's {@code ping-twist} mode). Runs inside the network namespace.
 */
final class RoundTrips {
    private final Path peer;
    private final Path config;
    private final int warmup;
    private final int roundTrips;

    /**
     * @param peer the Cyclone DDS peer program
     * @param config its configuration
     * @param warmup untimed round trips first, for the JIT
     * @param roundTrips timed round trips per pair
     */
    RoundTrips(Path peer, Path config, int warmup, int roundTrips) {
        this.peer = peer;
        this.config = config;
        this.warmup = warmup;
        this.roundTrips = roundTrips;
    }

    /** @return the three rows, Java&lt;-&gt;Java first so the shared code paths are compiled before Java&lt;-&gt;Cyclone */
    List<RosBenchResult.RoundTrip> measure() throws Exception {
        RosBenchResult.RoundTrip javaJava = Statistics.roundTrip("Java<->Java", javaToJava());
        RosBenchResult.RoundTrip javaCyclone;
        try (Node node = Node.create("bench", NodeOptions.localhost(0));
             PeerProcess echo = new PeerProcess(peer, config, "echo-twist", "reliable", "600")) {
            LinkedBlockingQueue<Twist> back = new LinkedBlockingQueue<>();
            Subscription sub = node.subscription(Twist.TYPE, "/from_c", QosProfile.DEFAULT, back::add);
            Publisher<Twist> pub = node.publisher(Twist.TYPE, "/to_c", QosProfile.DEFAULT);
            check(waitFor(() -> pub.confirmedSubscriptionCount() == 1 && sub.publisherCount() == 1
                    && echo.lines().contains("writer-matched 1"), 15_000), "Cyclone echo peer not matched: "
                    + echo.lines());
            javaCyclone = Statistics.roundTrip("Java<->Cyclone", pingPong(pub, back));
            check(echo.alive(), "Cyclone echo peer died");
        }
        return List.of(javaJava, javaCyclone, cycloneToCyclone());
    }

    private long[] javaToJava() throws Exception {
        try (Node a = Node.create("bench_ping", NodeOptions.localhost(0));
             Node b = Node.create("bench_echo", NodeOptions.localhost(0))) {
            Publisher<Twist> echoPub = b.publisher(Twist.TYPE, "/from_j", QosProfile.DEFAULT);
            b.subscription(Twist.TYPE, "/to_j", QosProfile.DEFAULT, echoPub::publish);
            LinkedBlockingQueue<Twist> back = new LinkedBlockingQueue<>();
            Subscription sub = a.subscription(Twist.TYPE, "/from_j", QosProfile.DEFAULT, back::add);
            Publisher<Twist> pub = a.publisher(Twist.TYPE, "/to_j", QosProfile.DEFAULT);
            check(waitFor(() -> pub.confirmedSubscriptionCount() == 1 && sub.confirmedPublisherCount() == 1
                    && echoPub.confirmedSubscriptionCount() == 1, 15_000), "Java echo not matched");
            return pingPong(pub, back);
        }
    }

    /** The C peer pings the C echo peer and reports its own percentiles. */
    private RosBenchResult.RoundTrip cycloneToCyclone() throws Exception {
        try (PeerProcess echo = new PeerProcess(peer, config, "echo-twist", "reliable", "600");
             PeerProcess ping = new PeerProcess(peer, config, "ping-twist", String.valueOf(roundTrips), "600")) {
            List<String> got = ping.await(l -> l.startsWith("rtt-us "), 1, 60_000 + roundTrips * 20L);
            check(echo.alive(), "Cyclone echo peer died: " + echo.lines());
            check(!got.isEmpty() && got.get(0).endsWith(" n " + roundTrips), "Cyclone ping: " + ping.lines());
            String[] f = got.get(0).split(" ");
            return new RosBenchResult.RoundTrip("Cyclone<->Cyclone", Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), Long.parseLong(f[4]), roundTrips);
        }
    }

    /** Publishes one Twist at a time and waits for its echo; returns the timed round trips in microseconds. */
    private long[] pingPong(Publisher<Twist> pub, LinkedBlockingQueue<Twist> back) throws InterruptedException {
        long[] rtt = new long[roundTrips];
        for (int i = 0; i < warmup + roundTrips; i++) {
            Twist t = new Twist(new Vector3(i, 0.5, -1), new Vector3(0, 0, i * 0.25));
            long t0 = System.nanoTime();
            pub.publish(t);
            Twist r;
            do {
                r = back.poll(2, TimeUnit.SECONDS);
                check(r != null, "round trip " + i + " timed out");
            } while (!r.equals(t));
            if (i >= warmup) {
                rtt[i - warmup] = (System.nanoTime() - t0) / 1000;
            }
        }
        return rtt;
    }
}
