package dev.wayfinder.studio;

import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.msg.Bool;
import dev.wayfinder.ros.msg.Clock;
import dev.wayfinder.ros.msg.Covariance;
import dev.wayfinder.ros.msg.Header;
import dev.wayfinder.ros.msg.LaserScan;
import dev.wayfinder.ros.msg.Odometry;
import dev.wayfinder.ros.msg.Point;
import dev.wayfinder.ros.msg.Pose;
import dev.wayfinder.ros.msg.Quaternion;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.TwistStamped;
import dev.wayfinder.ros.msg.Vector3;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.library.DialogService;
import dev.wayfinder.studio.ros.RosModel;
import dev.wayfinder.studio.ros.RosNetwork;
import dev.wayfinder.studio.ros.TopicRow;
import dev.wayfinder.studio.settings.StudioSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Tab;
import javafx.stage.Stage;

/**
 * The ROS 2 tab's picture for {@code wayfinder studio --snapshot}: a robot-like node in this process (clock,
 * odometry, scan, commands and the simulator's and deploy node's latched status topics, on a private localhost-only
 * domain) fills the topic list, whose rates are measured, and /odom is echoed.
 */
final class RosSnapshot {
    /** Topics the stand-in robot publishes. */
    static final List<String> PUBLISHED = List.of("/clock", "/cmd_vel", "/odom", "/scan", RosModel.EPISODE_TOPIC,
            RosModel.DEPLOY_STATUS + "/action", RosModel.DEPLOY_STATUS + "/goal_reached",
            RosModel.DEPLOY_STATUS + "/watchdog");

    private RosSnapshot() {
    }

    static Path write(Path dir, Optional<Path> shippedModel, DialogService dialogs, PrintWriter log)
            throws StudioException {
        // A domain of its own, on loopback only: nothing else on this machine's ROS graph shows, or sees it.
        int domain = 100 + ThreadLocalRandom.current().nextInt(130);
        Scenario s;
        try {
            s = ScenarioLibrary.load("cluttered-room");
        } catch (dev.wayfinder.scenarios.io.ScenarioException e) {
            throw new IllegalStateException(e);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "studio-snapshot-robot");
            t.setDaemon(true);
            return t;
        });
        Node robot;
        try {
            robot = Node.create("snapshot_robot", NodeOptions.localhost(domain));
        } catch (IOException e) {
            throw new StudioException("--snapshot: cannot start the ROS 2 node the ROS tab's picture shows: "
                    + e.getMessage(), e);
        }
        MainWindow w = null;
        try {
            publish(robot, timer);
            w = Fx.call(() -> {
                Themes.apply(false);
                StudioSettings settings = StudioSettings.inMemory();
                settings.setWindowSize(Snapshots.WIDTH, Snapshots.HEIGHT);
                MainWindow m = new MainWindow(new Stage(), settings, x -> dialogs, s, Optional.empty(),
                        shippedModel);
                m.stage().show();
                m.ros().setNetwork(new RosNetwork(domain, true));
                Tab tab = m.workTabs().getTabs().stream().filter(t -> "tab-ros".equals(t.getId())).findFirst()
                        .orElseThrow();
                m.workTabs().getSelectionModel().select(tab);
                return m;
            });
            MainWindow mw = w;
            // Every topic listed with its rate measured over a few seconds of arrivals.
            boolean listed = Fx.await(() -> mw.ros().topics().stream().filter(r -> r.rateHz().isPresent()
                    || r.name().startsWith("/wayfinder")).map(TopicRow::name).toList().containsAll(PUBLISHED), 30_000);
            require(listed, () -> "the ROS tab did not list the stand-in robot's topics within 30 s: "
                    + mw.ros().networkStatusProperty().get());
            Fx.run(() -> mw.ros().select("/odom"));
            sleep(3000);
            boolean echoed = Fx.await(() -> mw.ros().echo().size() >= 3, 20_000);
            require(echoed, () -> "the ROS tab did not echo /odom: " + mw.ros().echoStatusProperty().get());
            // One refresh more, so the rates cover the full window and the selection is drawn.
            sleep(1200);
            BufferedImage img = Snapshots.picture(mw);
            Path file = dir.resolve("studio-ros.png");
            Snapshots.png(img, file);
            log.println("wrote " + file);
            log.flush();
            return file;
        } finally {
            timer.shutdownNow();
            if (w != null) {
                MainWindow mw = w;
                Fx.run(mw::close);
            }
            robot.close();
        }
    }

    private static void require(boolean ok, java.util.function.Supplier<String> why) {
        if (!ok) {
            throw new IllegalStateException(why.get());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A robot driving a circle: clock at 50 Hz, odometry at 30 Hz, commands at 20 Hz, a scan at 10 Hz. */
    private static void publish(Node robot, ScheduledExecutorService timer) {
        Publisher<Clock> clock = robot.publisher(Clock.TYPE, "/clock", QosProfile.CLOCK);
        Publisher<Odometry> odom = robot.publisher(Odometry.TYPE, "/odom", QosProfile.DEFAULT);
        Publisher<TwistStamped> cmd = robot.publisher(TwistStamped.TYPE, "/cmd_vel", QosProfile.DEFAULT);
        Publisher<LaserScan> scan = robot.publisher(LaserScan.TYPE, "/scan", QosProfile.SENSOR_DATA);
        robot.publisher(StringMessage.TYPE, RosModel.EPISODE_TOPIC, QosProfile.LATCHED).publish(new StringMessage(
                "{\"scenario\": \"cluttered-room\", \"episode\": 0, \"seed\": 1, \"status\": \"running\", \"reason\":"
                        + " \"\", \"steps\": 0, \"sim_time\": 0.000, \"distance_to_goal\": 3.6056, \"path_length\":"
                        + " 0.0000, \"goal\": [2.0000, 1.5000]}"));
        robot.publisher(StringMessage.TYPE, RosModel.DEPLOY_STATUS + "/watchdog", QosProfile.LATCHED)
                .publish(new StringMessage("ok"));
        robot.publisher(StringMessage.TYPE, RosModel.DEPLOY_STATUS + "/action", QosProfile.LATCHED)
                .publish(new StringMessage("forward_left"));
        robot.publisher(Bool.TYPE, RosModel.DEPLOY_STATUS + "/goal_reached", QosProfile.LATCHED)
                .publish(new Bool(false));
        long t0 = System.nanoTime();
        double v = 0.2;
        double w = 0.25;
        timer.scheduleAtFixedRate(() -> clock.publish(new Clock(Time.ofNanos(System.nanoTime() - t0))), 0, 20,
                TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(() -> {
            long ns = System.nanoTime() - t0;
            double t = ns / 1e9;
            double yaw = w * t;
            double r = v / w;
            Header h = new Header(Time.ofNanos(ns), "odom");
            Twist twist = new Twist(new Vector3(v, 0, 0), new Vector3(0, 0, w));
            odom.publish(new Odometry(h, "base_link", new Pose(new Point(r * Math.sin(yaw), r * (1 - Math.cos(yaw)),
                    0), new Quaternion(0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2))), Covariance.zero6(), twist,
                    Covariance.zero6()));
        }, 0, 33, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(() -> cmd.publish(new TwistStamped(new Header(Time.ofNanos(System.nanoTime() - t0),
                "base_link"), new Twist(new Vector3(v, 0, 0), new Vector3(0, 0, w)))), 0, 50, TimeUnit.MILLISECONDS);
        float[] ranges = new float[360];
        timer.scheduleAtFixedRate(() -> {
            double t = (System.nanoTime() - t0) / 1e9;
            for (int i = 0; i < ranges.length; i++) {
                ranges[i] = (float) (2.0 + 0.8 * Math.sin(i * Math.PI / 45 + t));
            }
            scan.publish(new LaserScan(new Header(Time.ofNanos(System.nanoTime() - t0), "base_scan"),
                    (float) -Math.PI, (float) Math.PI, (float) (2 * Math.PI / 360), 0, 0.1f, 0.12f, 3.5f,
                    Arrays.copyOf(ranges, ranges.length), new float[0]));
        }, 0, 100, TimeUnit.MILLISECONDS);
    }
}
