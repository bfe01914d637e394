package dev.wayfinder.benchmarks.ros;

import dev.wayfinder.ros.testkit.Prerequisites;
import dev.wayfinder.ros.testkit.RosPeers;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code wayfinder bench ros}: ROS 2 Twist ping-pong round trips Java&lt;-&gt;Java, Java&lt;-&gt;Cyclone DDS and
 * Cyclone&lt;-&gt;Cyclone (the last two through the same Cyclone echo peer, topic, type and QoS), and 640x480 rgb8
 * images on reliable QoS Java-&gt;Java, Java-&gt;Cyclone, Cyclone-&gt;Java and Cyclone-&gt;Cyclone, each at 30 Hz
 * (delivered of sent) and as fast as reliable flow control allows (images and megabytes per second delivered),
 * measured in one run.
 *
 * <p>This class reads the options and puts the pieces together. {@link PeerSetup} builds the Cyclone DDS peer (a
 * small C program whose sources ship in wayfinder-ros-testkit) and starts this class again inside a private network
 * namespace with {@code --inside}; there {@link RoundTrips} and {@link ImageThroughput} measure, {@link Statistics}
 * turns their samples into rows, and the rows travel back as {@code ROW} and {@code IMAGES} lines
 * ({@link RosBenchResult}); {@link RosBenchReport} prints them as a table or JSON.
 */
public final class RosBench {
    /** Debian packages the benchmark needs. */
    public static final String PACKAGES = Prerequisites.CYCLONE_PACKAGES;

    private RosBench() {
    }

    /**
     * What one run measures.
     *
     * @param warmup untimed round trips per pair
     * @param roundTrips timed round trips per pair
     * @param images images per pair at 30 Hz
     * @param burst images per pair in the burst
     * @param deployWarmup seconds the deploy node warms its decision up before it subscribes
     */
    record Counts(int warmup, int roundTrips, int images, int burst, int deploySeconds, Path model,
                  double deployWarmup) {
        /** @return the options that give these counts */
        List<String> args() {
            List<String> a = new java.util.ArrayList<>(List.of("--warmup", String.valueOf(warmup), "--round-trips",
                    String.valueOf(roundTrips), "--images", String.valueOf(images), "--burst", String.valueOf(burst),
                    "--deploy-seconds", String.valueOf(model == null ? 0 : deploySeconds), "--deploy-warmup",
                    String.valueOf(deployWarmup)));
            if (model != null) {
                a.addAll(List.of("--model", model.toString()));
            }
            return a;
        }
    }

    /** The model the deploy row runs when no --model is given, relative to the working folder. */
    static final Path DEFAULT_MODEL = Path.of("models", "cluttered-room-rgbd-map");

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
     * @param args {@code [--json] [--warmup N] [--round-trips N] [--images N] [--burst N] [--deploy-seconds N]
     *     [--deploy-warmup S] [--model DIR] [--cache DIR]}: {@code --images} at 30 Hz and {@code --burst} as fast as
     *     possible per image pair; the deploy node's image-to-command latency for {@code --deploy-seconds} (10; 0 skips
     *     it) with the model folder {@code --model} (models/cluttered-room-rgbd-map, skipped when that default is not
     *     there), the node warming up for {@code --deploy-warmup} seconds first (its default, 3; 0: cold)
     * @throws IllegalArgumentException on a bad option
     * @throws IllegalStateException when tools or root are missing, or a measurement fails
     */
    public static String run(String... args) throws Exception {
        boolean json = false;
        int warmup = 3000;
        int roundTrips = 2000;
        int images = 60;
        int burst = 600;
        int deploySeconds = 10;
        double deployWarmup = dev.wayfinder.deploy.DeploySettings.DEFAULT_WARMUP_SECONDS;
        Path model = null;
        Path cache = PeerSetup.defaultCache();
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
                case "--deploy-seconds" -> deploySeconds = intArg(args, ++i, a, 0);
                case "--deploy-warmup" -> deployWarmup = seconds(args, ++i, a);
                case "--model" -> model = Path.of(value(args, ++i, a));
                case "--inside" -> inside = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (expected --json, --warmup N, --round-trips N, --images N, --burst N, --deploy-seconds N,"
                        + " --deploy-warmup S, --model DIR, --cache DIR)");
            }
        }
        if (roundTrips > 1_000_000 || warmup > 1_000_000 || images > 10_000 || burst > 10_000
                || deploySeconds > 3600) {
            throw new IllegalArgumentException("--warmup/--round-trips at most 1000000, --images/--burst at most"
                    + " 10000, --deploy-seconds at most 3600");
        }
        if (model != null && !java.nio.file.Files.isDirectory(model)) {
            throw new IllegalArgumentException("--model " + model + ": not a folder (a model folder such as"
                    + " models/cluttered-room-rgbd-map)");
        }
        if (model == null && inside == null && java.nio.file.Files.isDirectory(DEFAULT_MODEL)) {
            model = DEFAULT_MODEL;
        }
        Counts counts = new Counts(warmup, roundTrips, images, burst, deploySeconds,
                model == null || deploySeconds == 0 ? null : model.toAbsolutePath().normalize(), deployWarmup);
        if (inside != null) {
            return measure(inside, counts).lines();
        }
        RosBenchResult r = PeerSetup.run(cache, counts);
        return json ? RosBenchReport.json(r) : RosBenchReport.table(r);
    }

    private static double seconds(String[] args, int i, String name) {
        String v = value(args, i, name);
        try {
            double s = Double.parseDouble(v);
            if (!(s >= 0 && s <= 600)) {
                throw new IllegalArgumentException(name + " must be 0..600 seconds, got " + v);
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number of seconds, got " + v);
        }
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

    /** Inside the namespace: round trips first, then images, with the peer built in {@code peers}. */
    private static RosBenchResult measure(Path peers, Counts c) throws Exception {
        Path peer = peers.resolve(RosPeers.CYCLONE);
        Path config = peers.resolve(RosPeers.CYCLONE_CONFIG);
        List<RosBenchResult.RoundTrip> roundTrips = new RoundTrips(peer, config, c.warmup(), c.roundTrips()).measure();
        List<RosBenchResult.ImageRow> images = new ImageThroughput(peer, config, c.images(), c.burst()).measure();
        RosBenchResult.DeployRow deploy = c.model() == null ? null
                : new DeployLatency(peer, config, c.model(), c.deploySeconds(), c.deployWarmup()).measure();
        return new RosBenchResult(roundTrips, images, deploy);
    }
}
