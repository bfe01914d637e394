package dev.wayfinder.simros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.msg.Clock;
import dev.wayfinder.ros.msg.Header;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.Odometry;
import dev.wayfinder.ros.msg.PoseStamped;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.TFMessage;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.TwistStamped;
import dev.wayfinder.ros.msg.Vector3;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.env.EpisodeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The simulator on ROS 2 in-process: the sim node and a Java subscriber node in this JVM, on loopback only (localhost
 * discovery) and on a domain drawn for the run, so parallel runs and ROS programs on the usual domain do not meet it.
 * The empty arena's nominal episode starts at (-1.2, -1.2) heading +x, with 3 m of free floor ahead.
 */
@ExtendWith(NeedsEgl.class)
class SimRosNodeTest {
    private static final long DOMAIN_SEED = System.nanoTime();
    private static final int DOMAIN = 150 + (int) Math.floorMod(DOMAIN_SEED, 80L);

    private static void await(BooleanSupplier condition, Duration max, String what) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + " (domain " + DOMAIN + ")");
            }
            Thread.sleep(10);
        }
    }

    private static long nanos(Header h) {
        return h.stamp().toNanos();
    }

    @Test
    void publishesClockCameraTfAndOdometryAndDrivesOnCmdVelUntilTheCommandTimesOut() throws Exception {
        Scenario scenario = ScenarioLibrary.load("empty-arena");
        SimRosNode.Settings settings = new SimRosNode.Settings(1.0, 30, 80, 60, 500_000_000L, 0, 0);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Node simNode = Node.create("wayfinder_sim", NodeOptions.localhost(DOMAIN));
             Node user = Node.create("user", NodeOptions.localhost(DOMAIN))) {
            SimRosNode sim = new SimRosNode(scenario, EpisodeSource.fixed(Episode.nominal(scenario)), settings,
                    simNode);
            assertEquals(30, sim.tickRate(), 1e-9, "10 Hz control, 3 ticks per period for the 30 Hz camera");
            List<String> statuses = new CopyOnWriteArrayList<>();
            Future<SimRosNode.Summary> run = pool.submit(() -> sim.run(stop::get, statuses::add));

            List<Long> clock = new CopyOnWriteArrayList<>();
            List<Image> images = new CopyOnWriteArrayList<>();
            List<Odometry> odom = new CopyOnWriteArrayList<>();
            List<PoseStamped> goals = new CopyOnWriteArrayList<>();
            user.subscription(Clock.TYPE, SimRosNode.CLOCK, QosProfile.CLOCK, c -> clock.add(c.clock().toNanos()));
            user.subscription(Image.TYPE, SimRosNode.IMAGE, QosProfile.SENSOR_DATA, images::add);
            user.subscription(Odometry.TYPE, SimRosNode.ODOM, QosProfile.SENSOR_DATA, odom::add);
            user.subscription(PoseStamped.TYPE, SimRosNode.GOAL, QosProfile.LATCHED, goals::add);

            await(() -> clock.size() >= 10 && images.size() >= 3 && odom.size() >= 5, Duration.ofSeconds(60),
                    "clock, images and odometry");
            for (int i = 1; i < clock.size(); i++) {
                assertTrue(clock.get(i) > clock.get(i - 1), "/clock advances: " + clock);
            }
            Image img = images.get(images.size() - 1);
            assertEquals(80, img.width());
            assertEquals(60, img.height());
            assertEquals("rgb8", img.encoding());
            assertEquals(240, img.step());
            assertEquals("camera_optical_frame", img.header().frameId());
            long lastClock = clock.get(clock.size() - 1);
            assertTrue(nanos(img.header()) > 0 && nanos(img.header()) <= lastClock + 200_000_000L,
                    "image stamped in sim time: " + img.header() + " vs /clock " + lastClock);
            assertTrue(lastClock < 120_000_000_000L, "sim time, not wall-clock time: " + lastClock);
            await(() -> !goals.isEmpty(), Duration.ofSeconds(20), "the goal (transient local)");
            assertEquals(1.2, goals.get(0).pose().position().x(), 1e-9);
            assertEquals("odom", goals.get(0).header().frameId());

            // A subscription made now still gets /tf_static: transient local
            AtomicReference<TFMessage> tfStatic = new AtomicReference<>();
            user.subscription(TFMessage.TYPE, SimRosNode.TF_STATIC, QosProfile.LATCHED, tfStatic::set);
            await(() -> tfStatic.get() != null, Duration.ofSeconds(20), "late-joining /tf_static");
            assertEquals(List.of("camera_link", "camera_optical_frame"),
                    tfStatic.get().transforms().stream().map(t -> t.childFrameId()).toList());

            // Standing still: nothing was commanded
            Odometry before = odom.get(odom.size() - 1);
            assertEquals(0, before.twist().linear().x(), 1e-3, "no command, no motion: " + before.twist());

            // Drive forward with TwistStamped at 10 Hz for two simulated seconds
            Publisher<TwistStamped> cmd = user.publisher(TwistStamped.TYPE, SimRosNode.CMD_VEL, QosProfile.DEFAULT);
            await(() -> cmd.subscriptionCount() > 0, Duration.ofSeconds(20), "/cmd_vel match");
            long driveStart = clock.get(clock.size() - 1);
            while (clock.get(clock.size() - 1) - driveStart < 2_000_000_000L) {
                cmd.publish(new TwistStamped(new Header(Time.ofNanos(clock.get(clock.size() - 1)), "base_link"),
                        new Twist(new Vector3(0.2, 0, 0), Vector3.ZERO)));
                Thread.sleep(100);
            }
            Odometry moving = odom.get(odom.size() - 1);
            assertEquals(0.2, moving.twist().linear().x(), 0.03, "driving at the commanded speed: " + moving.twist());
            double dx = moving.pose().position().x() - before.pose().position().x();
            double dy = moving.pose().position().y() - before.pose().position().y();
            assertTrue(dx > 0.2, "moved forward along +x (its heading): dx " + dx);
            assertEquals(0, dy, 0.05, "and not sideways: dy " + dy);
            assertTrue(nanos(moving.header()) > nanos(before.header()), "odometry stamps advance");

            // No more commands: after the 0.5 s timeout (sim time) the robot stops
            long quietFrom = clock.get(clock.size() - 1);
            await(() -> clock.get(clock.size() - 1) - quietFrom > 1_500_000_000L, Duration.ofSeconds(30),
                    "1.5 s of sim time without commands");
            Odometry stopped = odom.get(odom.size() - 1);
            assertEquals(0, stopped.twist().linear().x(), 0.01, "stopped after the timeout: " + stopped.twist());
            Thread.sleep(300);
            Odometry still = odom.get(odom.size() - 1);
            assertEquals(stopped.pose().position().x(), still.pose().position().x(), 0.005, "and stays put");

            // A plain Twist on the same topic drives too
            Publisher<Twist> plain = user.publisher(Twist.TYPE, SimRosNode.CMD_VEL, QosProfile.DEFAULT);
            await(() -> plain.subscriptionCount() > 0, Duration.ofSeconds(20), "/cmd_vel Twist match");
            long turnStart = clock.get(clock.size() - 1);
            while (clock.get(clock.size() - 1) - turnStart < 1_000_000_000L) {
                plain.publish(new Twist(Vector3.ZERO, new Vector3(0, 0, 1.0)));
                Thread.sleep(100);
            }
            assertEquals(1.0, odom.get(odom.size() - 1).twist().angular().z(), 0.15, "turning on Twist");

            stop.set(true);
            SimRosNode.Summary summary = run.get(30, TimeUnit.SECONDS);
            assertTrue(summary.ticks() > 60, "ticks: " + summary.ticks());
            assertTrue(summary.cameraFrames() > 30, "frames: " + summary.cameraFrames());
            assertTrue(summary.commands() >= 20, "commands received: " + summary.commands());
            assertTrue(summary.outcomes().isEmpty(), "no episode ended: " + summary.outcomes());
            assertTrue(statuses.get(0).contains("\"status\": \"running\""), statuses.toString());
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    @Test
    void episodesEndAndTheNextStartsWithAMonotonicClock() throws Exception {
        Scenario scenario = ScenarioLibrary.load("empty-arena");
        // No camera, as fast as possible: two episodes that time out (nobody drives), then the run returns
        SimRosNode.Settings settings = new SimRosNode.Settings(0, 0, 0, 0, 500_000_000L, 2, 7);
        try (Node simNode = Node.create("wayfinder_sim_fast", NodeOptions.localhost(DOMAIN))) {
            List<String> statuses = new CopyOnWriteArrayList<>();
            SimRosNode sim = new SimRosNode(scenario, EpisodeSource.fixed(Episode.nominal(scenario)), settings,
                    simNode);
            SimRosNode.Summary s = sim.run(() -> false, statuses::add);
            assertEquals(2, s.outcomes().size());
            assertEquals(List.of(7L, 8L), s.outcomes().stream().map(o -> o.seed()).toList());
            assertEquals("time_limit", s.outcomes().get(0).truncation());
            assertEquals(300, s.outcomes().get(0).steps(), "the scenario's step limit in control steps");
            assertEquals(30.0, s.outcomes().get(0).seconds(), 1e-6, "its time limit kept");
            assertEquals(60_000_000_000L, s.simNanos(), 1_000_000L, "the clock runs on across episodes");
            assertEquals(4, statuses.size(), statuses.toString());
            assertTrue(statuses.get(1).contains("\"status\": \"timeout\""), statuses.get(1));
            assertTrue(statuses.get(2).contains("\"episode\": 1, \"seed\": 8, \"status\": \"running\""),
                    statuses.get(2));
        }
    }
}
