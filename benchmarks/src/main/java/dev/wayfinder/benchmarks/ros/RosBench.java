package dev.wayfinder.benchmarks.ros;

import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.interop.PeerProcess;
import dev.wayfinder.ros.msg.Header;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.Vector3;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code wayfinder bench ros}: ROS 2 Twist ping-pong round trips Java&lt;-&gt;Java, Java&lt;-&gt;Cyclone DDS and
 * Cyclone&lt;-&gt;Cyclone (the last two through the same Cyclone echo peer, topic, type and QoS), and 640x480 rgb8
 * images on reliable QoS Java-&gt;Java, Java-&gt;Cyclone, Cyclone-&gt;Java and Cyclone-&gt;Cyclone, each at 30 Hz
 * (delivered of sent) and as fast as reliable flow control allows (images and megabytes per second delivered),
 * measured in one run.
 *
 * <p>The Cyclone DDS peer is a small C program shipped with ros-bridge (its sources are resources of that module),
 * built with idlc and gcc on first use into a cache folder and rebuilt only when its sources change. Everything runs
 * in a private network namespace ({@code unshare -n}, loopback only, so it needs root): this process builds the
 * peer, then starts itself again inside the namespace with {@code --inside}, which measures and prints
 * {@code ROW} lines that the outer process turns into a table or JSON.
 */
public final class RosBench {
    /** Debian packages the benchmark needs. */
    public static final String PACKAGES = "cyclonedds-dev cyclonedds-tools gcc libc6-dev iproute2 util-linux";
    private static final String RESOURCES = "/dev/wayfinder/ros/interop/";
    private static final String[] PEER_SOURCES = {"RosPeer.idl", "ros_peer.c", "cyclone-peer.xml"};
    private static final double TARGET_RATIO = 2.0;
    /** Image rows, publisher->subscriber. */
    static final List<String> IMAGE_PAIRS = List.of("Java->Java", "Java->Cyclone", "Cyclone->Java",
            "Cyclone->Cyclone");
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

    private final int warmup;
    private final int roundTrips;
    private final int images;
    private final int burst;

    private RosBench(int warmup, int roundTrips, int images, int burst) {
        this.warmup = warmup;
        this.roundTrips = roundTrips;
        this.images = images;
        this.burst = burst;
    }

    /** One row of round-trip percentiles in microseconds. */
    public record RoundTrip(String pair, long p50, long p90, long p99, long max, int n) {
    }

    /**
     * One row of 640x480 rgb8 images on reliable QoS from a publisher to a subscriber.
     *
     * @param pair publisher->subscriber
     * @param sent30 images published at 30 Hz
     * @param delivered30 how many of them arrived
     * @param burstSent images published as fast as reliable flow control allows
     * @param burstDelivered how many of them arrived
     * @param burstNanos from the first burst image's publication to the last one's arrival
     * @param burstBytes image data bytes delivered in the burst
     */
    public record ImageRow(String pair, int sent30, int delivered30, int burstSent, int burstDelivered,
                           long burstNanos, long burstBytes) {
        /** @return burst images delivered per second */
        public double imagesPerSecond() {
            return burstNanos <= 0 ? 0 : burstDelivered * 1e9 / burstNanos;
        }

        /** @return burst image data delivered, in megabytes (10^6 bytes) per second */
        public double megabytesPerSecond() {
            return burstNanos <= 0 ? 0 : burstBytes * 1e3 / burstNanos;
        }
    }

    /** Everything one run measured. */
    public record Result(List<RoundTrip> roundTrips, List<ImageRow> images) {
        /** Java&lt;-&gt;Cyclone p50 over Cyclone&lt;-&gt;Cyclone p50. */
        public double ratioP50() {
            return (double) row("Java<->Cyclone").p50() / Math.max(1, row("Cyclone<->Cyclone").p50());
        }

        RoundTrip row(String pair) {
            return roundTrips.stream().filter(r -> r.pair().equals(pair)).findFirst().orElseThrow();
        }
    }

    /** Command-line entry point; see {@link #run(String[])}. */
    public static void main(String[] args) throws Exception {
        try {
            System.out.print(run(args));
            System.out.flush();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("bench ros: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * Runs the benchmark and returns the table (or JSON with {@code --json}).
     *
     * @param args {@code [--json] [--warmup N] [--round-trips N] [--images N] [--burst N] [--cache DIR]}:
     *     {@code --images} at 30 Hz and {@code --burst} as fast as possible per image pair
     * @throws IllegalArgumentException on a bad option
     * @throws IllegalStateException when tools or root are missing, or a measurement fails
     */
    public static String run(String... args) throws Exception {
        boolean json = false;
        int warmup = 3000;
        int roundTrips = 2000;
        int images = 60;
        int burst = 600;
        Path cache = defaultCache();
        Path inside = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--json" -> json = true;
                case "--warmup" -> warmup = intArg(args, ++i, a, 0);
                case "--round-trips" -> roundTrips = intArg(args, ++i, a, 10);
                case "--images" -> images = intArg(args, ++i, a, 1);
                case "--burst" -> burst = intArg(args, ++i, a, 1);
                case "--cache" -> cache = Path.of(value(args, ++i, a));
                case "--inside" -> inside = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (expected --json, --warmup N, --round-trips N, --images N, --burst N, --cache DIR)");
            }
        }
        if (roundTrips > 1_000_000 || warmup > 1_000_000 || images > 10_000 || burst > 10_000) {
            throw new IllegalArgumentException("--warmup/--round-trips at most 1000000, --images/--burst at most"
                    + " 10000");
        }
        RosBench bench = new RosBench(warmup, roundTrips, images, burst);
        if (inside != null) {
            return bench.measure(inside);
        }
        Result r = bench.inNamespace(buildPeer(cache));
        return json ? json(r) : table(r);
    }

    private static int intArg(String[] args, int i, String name, int min) {
        String v = value(args, i, name);
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got " + v);
        }
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("wayfinder").resolve("ros-peer");
    }

    // ---------------------------------------------------------------- outer process: tools, peer, namespace

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Builds the Cyclone DDS peer into {@code dir} (idlc + gcc) unless it is there and its sources are unchanged.
     *
     * @return the folder holding {@code ros_peer} and {@code cyclone-peer.xml}
     */
    public static Path buildPeer(Path dir) throws IOException, InterruptedException {
        for (String tool : new String[] {"idlc", "gcc", "unshare", "ip"}) {
            if (!onPath(tool)) {
                throw new IllegalStateException("needs '" + tool + "' on PATH to build and run the Cyclone DDS peer;"
                        + " install the Debian packages: apt-get install -y " + PACKAGES);
            }
        }
        Files.createDirectories(dir);
        boolean changed = false;
        for (String f : PEER_SOURCES) {
            try (InputStream in = RosBench.class.getResourceAsStream(RESOURCES + f)) {
                if (in == null) {
                    throw new IllegalStateException("peer source " + RESOURCES + f + " missing from the class path"
                            + " (it ships in wayfinder-ros-bridge)");
                }
                byte[] b = in.readAllBytes();
                Path to = dir.resolve(f);
                if (!Files.exists(to) || !Arrays.equals(b, Files.readAllBytes(to))) {
                    Files.write(to, b);
                    changed = true;
                }
            }
        }
        Path bin = dir.resolve("ros_peer");
        if (changed || !Files.isExecutable(bin)) {
            exec(dir, 60, "idlc", "-o", dir.toString(), dir.resolve("RosPeer.idl").toString());
            exec(dir, 120, "gcc", "-O1", "-o", bin.toString(), "-I" + dir, dir.resolve("ros_peer.c").toString(),
                    dir.resolve("RosPeer.c").toString(), "-lddsc");
        }
        return dir;
    }

    private static void exec(Path dir, int timeoutS, String... cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "build", ".log");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(timeoutS, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            if (!done || p.exitValue() != 0) {
                throw new IllegalStateException("building the Cyclone DDS peer failed (" + String.join(" ", cmd)
                        + "):\n" + Files.readString(log, StandardCharsets.UTF_8) + "\nDebian packages needed: "
                        + PACKAGES);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Starts this class again in a new network namespace with {@code --inside} and parses its rows. */
    private Result inNamespace(Path peers) throws IOException, InterruptedException {
        String cp = System.getProperty("wayfinder.ros.benchClasspath", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "bash", "-c",
                "ip link set lo up && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", cp,
                RosBench.class.getName(), "--inside", peers.toString(), "--warmup", String.valueOf(warmup),
                "--round-trips", String.valueOf(roundTrips), "--images", String.valueOf(images), "--burst",
                String.valueOf(burst)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the child ended
            }
        }, "bench-ros-output");
        reader.setDaemon(true);
        reader.start();
        long limitS = 120 + (warmup + roundTrips) * 3L / 100 + images / 5 + burst / 5;
        boolean done = p.waitFor(limitS, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(2000);
        String out;
        synchronized (lines) {
            out = String.join("\n", lines);
        }
        if (!done) {
            throw new IllegalStateException("the benchmark did not finish within " + limitS + " s:\n" + out);
        }
        if (p.exitValue() != 0) {
            String hint = out.contains("unshare") && (out.contains("Operation not permitted")
                    || out.contains("Permission denied"))
                    ? "\nit runs in a private network namespace (unshare -n) so that its traffic stays on loopback;"
                    + " that needs root: run it as root (e.g. sudo wayfinder bench ros)" : "";
            throw new IllegalStateException("the benchmark failed (exit " + p.exitValue() + "):\n" + out + hint);
        }
        List<RoundTrip> rows = new ArrayList<>();
        List<ImageRow> imageRows = new ArrayList<>();
        for (String l : out.split("\n")) {
            String[] f = l.split(" ");
            if (f[0].equals("ROW") && f.length == 7) {
                rows.add(new RoundTrip(f[1].replace('_', ' '), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]), Integer.parseInt(f[6])));
            } else if (f[0].equals("IMAGES") && f.length == 8) {
                imageRows.add(new ImageRow(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7])));
            }
        }
        if (rows.size() != 3 || imageRows.size() != IMAGE_PAIRS.size()) {
            throw new IllegalStateException("unexpected benchmark output:\n" + out);
        }
        return new Result(rows, imageRows);
    }

    // ---------------------------------------------------------------- inside the namespace

    private String measure(Path peers) throws Exception {
        Path peer = peers.resolve("ros_peer");
        Path config = peers.resolve("cyclone-peer.xml");
        StringBuilder out = new StringBuilder();
        // Java<->Java first, so that the shared code paths are compiled before the Java<->Cyclone measurement
        out.append(row("Java<->Java", javaToJava()));
        try (Node node = Node.create("bench", NodeOptions.localhost(0));
             PeerProcess echo = new PeerProcess(peer, config, "echo-twist", "reliable", "600")) {
            LinkedBlockingQueue<Twist> back = new LinkedBlockingQueue<>();
            Subscription sub = node.subscription(Twist.TYPE, "/from_c", QosProfile.DEFAULT, back::add);
            Publisher<Twist> pub = node.publisher(Twist.TYPE, "/to_c", QosProfile.DEFAULT);
            check(waitFor(() -> pub.confirmedSubscriptionCount() == 1 && sub.publisherCount() == 1
                    && echo.lines().contains("writer-matched 1"), 15_000), "Cyclone echo peer not matched: "
                    + echo.lines());
            out.append(row("Java<->Cyclone", pingPong(pub, back)));
            check(echo.alive(), "Cyclone echo peer died");
        }
        try (PeerProcess echo = new PeerProcess(peer, config, "echo-twist", "reliable", "600");
             PeerProcess ping = new PeerProcess(peer, config, "ping-twist", String.valueOf(roundTrips), "600")) {
            List<String> got = ping.await(l -> l.startsWith("rtt-us "), 1, 60_000 + roundTrips * 20L);
            check(echo.alive(), "Cyclone echo peer died: " + echo.lines());
            check(!got.isEmpty() && got.get(0).endsWith(" n " + roundTrips), "Cyclone ping: " + ping.lines());
            String[] f = got.get(0).split(" ");
            out.append("ROW Cyclone<->Cyclone ").append(f[1]).append(' ').append(f[2]).append(' ').append(f[3])
                    .append(' ').append(f[4]).append(' ').append(roundTrips).append('\n');
        }
        out.append(images(peer, config));
        return out.toString();
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

    // ---------------------------------------------------------------- images

    /** An image as a subscriber saw it: data bytes, the publisher's stamp and the arrival, wall clock in ns. */
    private record Arrival(long bytes, long stampNs, long receivedNs) {
    }

    /** Where images of one row arrive: a Java subscription or the Cyclone sink peer. */
    private interface Sink extends AutoCloseable {
        /** Arrivals so far, in order. */
        List<Arrival> arrivals();

        /** Waits until at least n images have arrived or the timeout passes. */
        void await(int n, long timeoutMs) throws InterruptedException;
    }

    private static long wallNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Each image row: images at 30 Hz, then a burst as fast as flow control allows, to one subscriber. */
    private String images(Path peer, Path config) throws Exception {
        StringBuilder out = new StringBuilder();
        byte[] px = new byte[WIDTH * HEIGHT * 3];
        new Random(5).nextBytes(px);
        for (String pair : IMAGE_PAIRS) {
            boolean javaPub = pair.startsWith("Java->");
            boolean javaSub = pair.endsWith("->Java");
            try (Node pubNode = javaPub ? Node.create("bench_camera", NodeOptions.localhost(0)) : null;
                 Node subNode = javaSub ? Node.create("bench_viewer", NodeOptions.localhost(0)) : null;
                 Sink sink = javaSub ? javaSink(subNode) : cycloneSink(peer, config)) {
                Publisher<Image> pub = javaPub ? pubNode.publisher(Image.TYPE, "/img_to_c", QosProfile.DEFAULT)
                        : null;
                if (javaPub) {
                    check(waitFor(() -> pub.confirmedSubscriptionCount() == 1, 15_000),
                            pair + ": image subscriber not matched");
                }
                long t30 = wallNanos();
                int sent30 = javaPub ? javaPublish(pub, px, images, 30)
                        : cyclonePublish(peer, config, images, 30, pair);
                sink.await(images, 10_000);
                int delivered30 = (int) sink.arrivals().stream().filter(a -> a.stampNs() >= t30).count();
                long tBurst = wallNanos();
                int sentBurst = javaPub ? javaPublish(pub, px, burst, 0)
                        : cyclonePublish(peer, config, burst, 0, pair);
                sink.await(images + burst, 10_000);
                List<Arrival> got = sink.arrivals().stream().filter(a -> a.stampNs() >= tBurst).toList();
                long first = got.stream().mapToLong(Arrival::stampNs).min().orElse(0);
                long last = got.stream().mapToLong(Arrival::receivedNs).max().orElse(0);
                long bytes = got.stream().mapToLong(Arrival::bytes).sum();
                out.append("IMAGES ").append(pair).append(' ').append(sent30).append(' ').append(delivered30)
                        .append(' ').append(sentBurst).append(' ').append(got.size()).append(' ')
                        .append(last - first).append(' ').append(bytes).append('\n');
            }
        }
        return out.toString();
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
    private static int cyclonePublish(Path peer, Path config, int n, int hz, String pair) throws Exception {
        try (PeerProcess p = new PeerProcess(peer, config, "pub-image", String.valueOf(n), "120",
                String.valueOf(hz))) {
            List<String> done = p.await(l -> l.startsWith("sent "), 1, 30_000 + n * 100L);
            check(!done.isEmpty(), pair + ": Cyclone image publisher did not finish: " + p.lines());
            return Integer.parseInt(done.get(0).split(" ")[1]);
        }
    }

    private static Sink javaSink(Node node) throws InterruptedException {
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

    private Sink cycloneSink(Path peer, Path config) throws IOException {
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

    private static String row(String pair, long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return "ROW " + pair + " " + s[s.length / 2] + " " + s[s.length * 9 / 10] + " " + s[s.length * 99 / 100] + " "
                + s[s.length - 1] + " " + s.length + "\n";
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    private static boolean waitFor(BooleanSupplier cond, long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return cond.getAsBoolean();
    }

    // ---------------------------------------------------------------- output

    /** The human-readable table. */
    public static String table(Result r) {
        StringBuilder b = new StringBuilder();
        b.append("ROS 2 Twist ping-pong round trip, reliable QoS, loopback in a private network namespace (us)\n");
        b.append(String.format(Locale.ROOT, "%-20s %8s %8s %8s %8s %7s%n", "pair", "p50", "p90", "p99", "max", "n"));
        for (RoundTrip t : r.roundTrips()) {
            b.append(String.format(Locale.ROOT, "%-20s %8d %8d %8d %8d %7d%n", t.pair(), t.p50(), t.p90(), t.p99(), t.max(),
                    t.n()));
        }
        double ratio = r.ratioP50();
        b.append(String.format(Locale.ROOT, "Java<->Cyclone / Cyclone<->Cyclone at p50: %.2fx (target <= %.0fx: %s)%n", ratio,
                TARGET_RATIO, ratio <= TARGET_RATIO ? "met" : "not met"));
        b.append(String.format(Locale.ROOT, "%n640x480 rgb8 images, reliable QoS: delivered/sent at 30 Hz, and a burst as fast as"
                + " flow control allows%n"));
        b.append(String.format(Locale.ROOT, "%-18s %12s %14s %10s %8s%n", "publisher->sub", "30 Hz", "burst", "images/s",
                "MB/s"));
        for (ImageRow i : r.images()) {
            b.append(String.format(Locale.ROOT, "%-18s %12s %14s %10.0f %8.0f%s%n", i.pair(), i.delivered30() + "/" + i.sent30(),
                    i.burstDelivered() + "/" + i.burstSent(), i.imagesPerSecond(), i.megabytesPerSecond(),
                    i.delivered30() == i.sent30() && i.burstDelivered() == i.burstSent() ? "" : "  LOSS"));
        }
        return b.toString();
    }

    /** The same numbers as JSON. */
    public static String json(Result r) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (RoundTrip t : r.roundTrips()) {
            rows.put(t.pair(), String.format(Locale.ROOT, "{\"p50\": %d, \"p90\": %d, \"p99\": %d, \"max\": %d, \"n\": %d}",
                    t.p50(), t.p90(), t.p99(), t.max(), t.n()));
        }
        StringBuilder b = new StringBuilder("{\n  \"round_trip_us\": {\n");
        int i = 0;
        for (Map.Entry<String, String> e : rows.entrySet()) {
            b.append("    \"").append(e.getKey()).append("\": ").append(e.getValue())
                    .append(++i < rows.size() ? ",\n" : "\n");
        }
        b.append("  },\n");
        b.append(String.format(Locale.ROOT, "  \"ratio_p50_java_cyclone_over_cyclone_cyclone\": %.3f,%n", r.ratioP50()));
        b.append(String.format(Locale.ROOT, "  \"target_ratio_p50\": %.1f,%n", TARGET_RATIO));
        b.append("  \"images_640x480_rgb8_reliable\": {\n");
        for (int k = 0; k < r.images().size(); k++) {
            ImageRow m = r.images().get(k);
            b.append(String.format(Locale.ROOT, "    \"%s\": {\"hz30\": {\"sent\": %d, \"delivered\": %d}, \"burst\": {\"sent\": %d,"
                    + " \"delivered\": %d, \"seconds\": %.4f, \"images_per_s\": %.1f, \"mb_per_s\": %.1f}}%s%n",
                    m.pair(), m.sent30(), m.delivered30(), m.burstSent(), m.burstDelivered(), m.burstNanos() / 1e9,
                    m.imagesPerSecond(), m.megabytesPerSecond(), k + 1 < r.images().size() ? "," : ""));
        }
        b.append("  }\n}\n");
        return b.toString();
    }
}
