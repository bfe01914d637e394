package dev.wayfinder.benchmarks.ros;

import static dev.wayfinder.benchmarks.ros.Waits.check;
import static dev.wayfinder.benchmarks.ros.Waits.waitFor;

import dev.wayfinder.deploy.DeployModel;
import dev.wayfinder.deploy.DeployNode;
import dev.wayfinder.deploy.DeploySettings;
import dev.wayfinder.deploy.Watchdog;
import dev.wayfinder.robot.RobotObservation.Goal;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.testkit.PeerProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deploy node's path from a camera image to a command, with a real robot on the other side: the Cyclone DDS peer
 * in its robot mode publishes 640x480 rgb8 images with CameraInfo, a registered 16UC1 depth image and odometry at
 * 30 Hz, stamped with the wall clock; the deploy node (in this JVM) runs the shipped 64x64 policy with its safety
 * shield, deciding on every frame (decision rate 30 Hz) and publishing at its 20 Hz control rate. Measured on the
 * node's clock, after a warm-up: image stamp to the image received and checked on the receive thread (transport,
 * reassembly, checks), to decision ready (plus the hand-off, conversion, resizing, depth, route, inference, shield)
 * and to command publish (plus the limiter and the send), and how many images the robot sent,
 * the node accepted or refused, and the hand-off dropped. Runs inside the network namespace.
 */
final class DeployLatency {
    private final Path peer;
    private final Path config;
    private final Path model;
    private final int seconds;

    /**
     * @param peer the Cyclone DDS peer program
     * @param config its configuration
     * @param model a model folder (the shipped one)
     * @param seconds the measured window
     */
    /** Seconds the node warms its decision up before it subscribes. */
    private final double warmup;

    DeployLatency(Path peer, Path config, Path model, int seconds, double warmup) {
        this.warmup = warmup;
        this.peer = peer;
        this.config = config;
        this.model = model;
        this.seconds = seconds;
    }

    RosBenchResult.DeployRow measure() throws Exception {
        DeployModel m = DeployModel.load(model, null);
        DeploySettings.Topics t = new DeploySettings.Topics("/camera/image_raw", false, "/camera/camera_info",
                "/camera/depth/image_raw", "/odom", "/goal_pose", "/map", "/tf", "/cmd_vel", "/e_stop", "/clock",
                "/wayfinder_deploy");
        DeploySettings s = new DeploySettings(t, true, false, 20, 30,
                new Watchdog.Settings(250_000_000L, 1_000_000_000L), 0, Optional.of(new Goal(30, 0)), false, false,
                Optional.of(SafetyShield.Settings.DEFAULT), 0, false, DeploySettings.Frames.DEFAULT, 0, warmup);
        List<Long> received = new ArrayList<>();
        List<Long> decided = new ArrayList<>();
        List<Long> published = new ArrayList<>();
        // -Dwayfinder.bench.deployTrace=FILE: each frame's times in one CSV row, to see where a slow frame's time went.
        String traceFile = System.getProperty("wayfinder.bench.deployTrace");
        java.util.TreeMap<Long, long[]> trace = new java.util.TreeMap<>();
        var gcs = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans();
        boolean[] recording = {false};
        StringWriter log = new StringWriter();
        try (PeerProcess robot = new PeerProcess(peer, config, "robot", "-", String.valueOf(seconds + 120), "640",
                "480", "30");
             Node node = Node.create("bench_deploy", NodeOptions.localhost(0))) {
            DeployNode deploy = DeployNode.start(node, m, s, new PrintWriter(log));
            try {
                deploy.probe(new DeployNode.Probe() {
                    @Override
                    public void received(long stamp, long at) {
                        synchronized (decided) {
                            if (recording[0]) {
                                received.add(at - stamp);
                                if (traceFile != null) {
                                    trace.computeIfAbsent(stamp, k -> new long[] {-1, -1, -1, -1, -1})[0] = at - stamp;
                                    trace.get(stamp)[3] = gcCount(gcs);
                                }
                            }
                        }
                    }

                    @Override
                    public void decided(long stamp, long at) {
                        synchronized (decided) {
                            if (recording[0]) {
                                decided.add(at - stamp);
                                if (traceFile != null) {
                                    trace.computeIfAbsent(stamp, k -> new long[] {-1, -1, -1, -1, -1})[1] = at - stamp;
                                }
                            }
                        }
                    }

                    @Override
                    public void published(long stamp, long at) {
                        synchronized (decided) {
                            if (recording[0]) {
                                published.add(at - stamp);
                                if (traceFile != null) {
                                    long[] t = trace.computeIfAbsent(stamp, k -> new long[] {-1, -1, -1, -1, -1});
                                    t[2] = at - stamp;
                                    t[4] = gcCount(gcs);
                                }
                            }
                        }
                    }
                });
                check(waitFor(() -> deploy.metrics().decisions() > 30, 60_000), "the deploy node never decided on"
                        + " the robot's images: " + log);
                Thread.sleep(3000); // warm-up: the JIT, the first route, the shield's memory
                long images0 = deploy.metrics().images();
                long refused0 = deploy.metrics().refusals();
                long dropped0 = deploy.droppedFrames();
                int sent0 = sentSoFar(robot);
                com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                synchronized (decided) {
                    recording[0] = true;
                }
                Thread.sleep(seconds * 1000L);
                synchronized (decided) {
                    recording[0] = false;
                }
                long cpu = os.getProcessCpuTime() - cpu0;
                long inWindow = deploy.metrics().images() - images0;
                robot.send("images off");
                check(!robot.await(l -> l.startsWith("images-off "), 1, 5000).isEmpty(), "robot: " + robot.lines());
                Thread.sleep(500);
                int sent = Integer.parseInt(robot.await(l -> l.startsWith("images-off "), 1, 0).get(0)
                        .split(" ")[2]) - sent0;
                long accepted = deploy.metrics().images() - images0;
                long refused = deploy.metrics().refusals() - refused0;
                long dropped = deploy.droppedFrames() - dropped0;
                if (traceFile != null) {
                    synchronized (decided) {
                        StringBuilder b = new StringBuilder("stamp_ns,received_us,decided_us,published_us,"
                                + "gcs_at_receive,gcs_at_publish\n");
                        trace.forEach((k, v) -> b.append(k).append(',').append(v[0] / 1000).append(',')
                                .append(v[1] / 1000).append(',').append(v[2] / 1000).append(',').append(v[3])
                                .append(',').append(v[4]).append('\n'));
                        java.nio.file.Files.writeString(java.nio.file.Path.of(traceFile), b);
                    }
                }
                synchronized (decided) {
                    return new RosBenchResult.DeployRow(sent, accepted, refused, dropped, decided.size(),
                            Statistics.percentiles(received), Statistics.percentiles(decided),
                            Statistics.percentiles(published), inWindow > 0 ? cpu / 1000 / inWindow : 0);
                }
            } finally {
                deploy.close();
            }
        }
    }

    /** Images the robot has published so far (asked on its standard input). */
    private static int sentSoFar(PeerProcess robot) throws Exception {
        robot.send("count");
        List<String> l = robot.await(x -> x.startsWith("images-count "), 1, 5000);
        check(!l.isEmpty(), "the robot did not count its images: " + robot.lines());
        return Integer.parseInt(l.get(0).split(" ")[1]);
    }

    private static long gcCount(List<java.lang.management.GarbageCollectorMXBean> gcs) {
        long n = 0;
        for (var g : gcs) {
            n += Math.max(0, g.getCollectionCount());
        }
        return n;
    }
}
