package dev.wayfinder.benchmarks.ros;

import static dev.wayfinder.benchmarks.ros.Waits.check;
import static dev.wayfinder.benchmarks.ros.Waits.waitFor;
import static dev.wayfinder.benchmarks.ros.Waits.wallNanos;

import dev.wayfinder.benchmarks.ros.Statistics.Arrival;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.msg.Header;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.testkit.PeerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * 640x480 rgb8 images on reliable QoS from one publisher to one subscriber, for each pair of Java and the Cyclone
 * C peer ({@code pub-image} and {@code sink-image} modes): first at 30 Hz (delivered of sent), then a burst as fast
 * as reliable flow control allows. Runs inside the network namespace.
 */
final class ImageThroughput {
    /** Image rows, publisher->subscriber. */
    static final List<String> PAIRS = List.of("Java->Java", "Java->Cyclone", "Cyclone->Java", "Cyclone->Cyclone");
    /**
     * The most images the Java publisher has unacknowledged during a burst: it publishes the next image once
     * {@code unacknowledgedCount()} is below this, as this library's publish never blocks. One image is the pacing
     * Cyclone DDS's writer applies by itself (its dds_write blocks while more than WhcHigh, 500 kB by default, is
     * unacknowledged, and an image is 921,600 bytes). More in flight measured slower, not faster (Java-&gt;Cyclone
     * about 100 images/s with 4 or 10 against about 600 with 1), presumably fragments dropped by the receiver and
     * repaired; and past 16 MiB unacknowledged the writer drops the oldest, which is loss on reliable QoS.
     */
    static final int BURST_WINDOW = 1;
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;

    private final Path peer;
    private final Path config;
    private final int images;
    private final int burst;

    /**
     * @param peer the Cyclone DDS peer program
     * @param config its configuration
     * @param images images per pair at 30 Hz
     * @param burst images per pair in the burst
     */
    ImageThroughput(Path peer, Path config, int images, int burst) {
        this.peer = peer;
        this.config = config;
        this.images = images;
        this.burst = burst;
    }

    /** Where images of one row arrive: a Java subscription or the Cyclone sink peer. */
    private interface Sink extends AutoCloseable {
        /** Arrivals so far, in order. */
        List<Arrival> arrivals();

        /** Waits until at least n images have arrived or the timeout passes. */
        void await(int n, long timeoutMs) throws InterruptedException;

        /** Stops receiving (closes the subscription or kills the sink peer). */
        @Override
        void close();
    }

    /** @return one row per pair of {@link #PAIRS}, in that order */
    List<RosBenchResult.ImageRow> measure() throws Exception {
        List<RosBenchResult.ImageRow> rows = new ArrayList<>();
        byte[] px = new byte[WIDTH * HEIGHT * 3];
        new Random(5).nextBytes(px);
        for (String pair : PAIRS) {
            boolean javaPub = pair.startsWith("Java->");
            boolean javaSub = pair.endsWith("->Java");
            try (Node pubNode = javaPub ? Node.create("bench_camera", NodeOptions.localhost(0)) : null;
                 Node subNode = javaSub ? Node.create("bench_viewer", NodeOptions.localhost(0)) : null;
                 Sink sink = javaSub ? javaSink(subNode) : cycloneSink()) {
                Publisher<Image> pub = javaPub ? pubNode.publisher(Image.TYPE, "/img_to_c", QosProfile.DEFAULT)
                        : null;
                if (javaPub) {
                    check(waitFor(() -> pub.confirmedSubscriptionCount() == 1, 15_000),
                            pair + ": image subscriber not matched");
                }
                long t30 = wallNanos();
                int sent30 = javaPub ? javaPublish(pub, px, images, 30) : cyclonePublish(images, 30, pair);
                sink.await(images, 10_000);
                List<Arrival> at30 = sink.arrivals().stream().filter(a -> a.stampNs() >= t30).toList();
                long tBurst = wallNanos();
                int sentBurst = javaPub ? javaPublish(pub, px, burst, 0) : cyclonePublish(burst, 0, pair);
                sink.await(images + burst, 10_000);
                List<Arrival> got = sink.arrivals().stream().filter(a -> a.stampNs() >= tBurst).toList();
                rows.add(Statistics.imageRow(pair, sent30, at30, sentBurst, got));
            }
        }
        return rows;
    }

    /**
     * Publishes n images from Java, at hz or (hz 0) as fast as the slowest subscription acknowledges them, keeping at
     * most {@link #BURST_WINDOW} unacknowledged, then waits until all are acknowledged.
     */
    private static int javaPublish(Publisher<Image> pub, byte[] px, int n, double hz) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (hz > 0) {
                long wait = start + (long) (i * 1e9 / hz) - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            } else {
                long end = System.nanoTime() + 10_000_000_000L;
                while (pub.unacknowledgedCount() >= BURST_WINDOW) {
                    check(System.nanoTime() < end, "image subscriber stopped acknowledging");
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                }
            }
            pub.publish(new Image(new Header(Time.ofNanos(wallNanos()), "camera"), HEIGHT, WIDTH, "rgb8", false,
                    WIDTH * 3, px));
        }
        waitFor(() -> pub.unacknowledgedCount() == 0, 10_000);
        return n;
    }

    /** Runs the Cyclone peer's pub-image mode for n images at hz (0: as fast as flow control allows). */
    private int cyclonePublish(int n, int hz, String pair) throws Exception {
        try (PeerProcess p = new PeerProcess(peer, config, "pub-image", String.valueOf(n), "120",
                String.valueOf(hz))) {
            List<String> done = p.await(l -> l.startsWith("sent "), 1, 30_000 + n * 100L);
            check(!done.isEmpty(), pair + ": Cyclone image publisher did not finish: " + p.lines());
            return Integer.parseInt(done.get(0).split(" ")[1]);
        }
    }

    private static Sink javaSink(Node node) {
        List<Arrival> got = new ArrayList<>();
        Subscription sub = node.subscription(Image.TYPE, "/img_to_c", QosProfile.DEFAULT, img -> {
            if (!img.header().frameId().equals("prime")) {
                long now = wallNanos();
                synchronized (got) {
                    got.add(new Arrival(img.dataBuffer().remaining(), img.header().stamp().toNanos(), now));
                    got.notifyAll();
                }
            }
        });
        return new Sink() {
            @Override
            public List<Arrival> arrivals() {
                synchronized (got) {
                    return List.copyOf(got);
                }
            }

            @Override
            public void await(int n, long timeoutMs) throws InterruptedException {
                long end = System.nanoTime() + timeoutMs * 1_000_000L;
                synchronized (got) {
                    while (got.size() < n && System.nanoTime() < end) {
                        got.wait(20);
                    }
                }
            }

            @Override
            public void close() {
                sub.close();
            }
        };
    }

    private Sink cycloneSink() throws IOException {
        PeerProcess p = new PeerProcess(peer, config, "sink-image", String.valueOf(images + burst), "600");
        return new Sink() {
            @Override
            public List<Arrival> arrivals() {
                return p.lines().stream().filter(l -> l.startsWith("image ")).map(l -> l.split(" "))
                        .map(f -> new Arrival(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])))
                        .toList();
            }

            @Override
            public void await(int n, long timeoutMs) throws InterruptedException {
                p.await(l -> l.startsWith("image "), n, timeoutMs);
            }

            @Override
            public void close() {
                p.close();
            }
        };
    }
}
