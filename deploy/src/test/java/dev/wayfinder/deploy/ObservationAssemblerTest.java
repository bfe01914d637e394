package dev.wayfinder.deploy;

import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.robot.RobotObservation.DepthImage;
import dev.wayfinder.robot.RobotObservation.RgbImage;
import dev.wayfinder.ros.msg.CameraInfo;
import dev.wayfinder.ros.msg.Covariance;
import dev.wayfinder.ros.msg.Header;
import dev.wayfinder.ros.msg.OccupancyGrid;
import dev.wayfinder.ros.msg.Odometry;
import dev.wayfinder.ros.msg.Point;
import dev.wayfinder.ros.msg.Pose;
import dev.wayfinder.ros.msg.Quaternion;
import dev.wayfinder.ros.msg.RegionOfInterest;
import dev.wayfinder.ros.msg.TFMessage;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Transform;
import dev.wayfinder.ros.msg.TransformStamped;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.Vector3;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.wayfinder.deploy.ImageDecoderTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObservationAssemblerTest {
    private static final RobotConfig.Mount MOUNT = new RobotConfig.Mount(0.05, 0, 0.15, 0, Math.toRadians(10), 0);

    private static ObservationAssembler assembler(boolean depth, boolean map) {
        return new ObservationAssembler(new ObservationAssembler.Settings(MOUNT, depth, map, 250_000_000L, "odom",
                "map", false));
    }

    static CameraInfo info(int w, int h, double f) {
        return new CameraInfo(new Header(new Time(0, 0), "camera_optical"), h, w, "plumb_bob", new double[5],
                new Covariance(new double[] {f, 0, (w - 1) / 2.0, 0, f, (h - 1) / 2.0, 0, 0, 1}),
                new Covariance(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}), new double[12], 0, 0,
                new RegionOfInterest(0, 0, 0, 0, false));
    }

    static Odometry odom(double x, double y, double yaw, long stamp) {
        return new Odometry(new Header(Time.ofNanos(stamp), "odom"), "base_link",
                new Pose(new Point(x, y, 0), new Quaternion(0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2))),
                Covariance.zero6(), new Twist(new Vector3(0.1, 0, 0), new Vector3(0, 0, 0.2)), Covariance.zero6());
    }

    static OccupancyGrid grid(double originX, double originY, int w, int h, double res) {
        return new OccupancyGrid(new Header(new Time(0, 0), "map"), new OccupancyGrid.MapMetaData(new Time(0, 0),
                (float) res, w, h, new Pose(new Point(originX, originY, 0), Quaternion.IDENTITY)), new byte[w * h]);
    }

    private static RgbImage image(int w, int h, long stamp) {
        return new RgbImage(w, h, new byte[w * h * 3], stamp);
    }

    @Test
    void buildsTheObservationOnceEverythingNeededArrived() throws Refusal {
        ObservationAssembler a = assembler(true, false);
        assertReason(Refusal.Reason.INPUT_MISSING, () -> a.assemble(image(64, 48, 1000)), "no CameraInfo");
        var cam = a.cameraInfo(info(64, 48, 32));
        assertEquals(32, cam.fx());
        // ROS's centred principal point ((w - 1) / 2, pixel centres at integers) is the robot side's w / 2
        assertEquals(32, cam.cx(), 1e-12);
        assertEquals(24, cam.cy(), 1e-12);
        assertEquals(0.15, cam.mountZ());
        assertEquals(Math.toRadians(10), cam.pitch(), 1e-12);
        assertReason(Refusal.Reason.INPUT_MISSING, () -> a.assemble(image(64, 48, 1000)), "no odometry");
        var o = a.odometry(odom(1, 2, 0.5, 900));
        assertEquals(0.5, o.pose().yaw(), 1e-12);
        assertEquals(0.1, o.linear());
        assertEquals(0.2, o.angular());
        assertReason(Refusal.Reason.INPUT_MISSING, () -> a.assemble(image(64, 48, 1000)), "no goal");
        a.goal(3, 4, "");
        assertReason(Refusal.Reason.INPUT_MISSING, () -> a.assemble(image(64, 48, 1000)), "no depth image yet");
        a.depth(new DepthImage(64, 48, new float[64 * 48], 400_000_000L));
        assertReason(Refusal.Reason.INPUT_MISSING, () -> a.assemble(image(64, 48, 1000)), "within 0.250 s");
        a.depth(new DepthImage(64, 48, new float[64 * 48], 1000));
        assertReason(Refusal.Reason.IMAGE_SIZE, () -> a.assemble(image(32, 24, 1000)), "CameraInfo says 64x48");
        RobotObservation obs = a.assemble(image(64, 48, 1000));
        assertTrue(obs.depth().isPresent());
        assertEquals(new RobotObservation.Goal(3, 4), obs.goal());
        assertTrue(obs.map().isEmpty());
    }

    @Test
    void hostileOdometryIsRefused() throws Refusal {
        ObservationAssembler a = assembler(false, false);
        assertReason(Refusal.Reason.ODOMETRY_INVALID, () -> a.odometry(odom(Double.NaN, 0, 0, 5)), "non-finite");
        Odometry zeroQ = new Odometry(new Header(Time.ofNanos(5), "odom"), "base_link",
                new Pose(new Point(0, 0, 0), new Quaternion(0, 0, 0, 0)), Covariance.zero6(),
                new Twist(Vector3.ZERO, Vector3.ZERO), Covariance.zero6());
        assertReason(Refusal.Reason.ODOMETRY_INVALID, () -> a.odometry(zeroQ), "degenerate orientation");
        Odometry inMap = new Odometry(new Header(Time.ofNanos(5), "map"), "base_link",
                new Pose(new Point(0, 0, 0), Quaternion.IDENTITY), Covariance.zero6(),
                new Twist(Vector3.ZERO, Vector3.ZERO), Covariance.zero6());
        assertReason(Refusal.Reason.ODOMETRY_INVALID, () -> a.odometry(inMap), "expected 'odom'");
        a.odometry(odom(0, 0, 0, 100));
        assertReason(Refusal.Reason.STAMP_BACKWARDS, () -> a.odometry(odom(0, 0, 0, 50)), "before the previous");
        assertTrue(a.latestOdometry().isPresent());
        assertEquals(100, a.latestOdometry().get().stampNanos(), "the refused ones changed nothing");
    }

    @Test
    void goalsOutsideTheMapOrInUnknownFramesAreRefused() throws Refusal {
        ObservationAssembler a = assembler(false, true);
        a.map(grid(-2.5, -2.5, 100, 100, 0.05));
        assertReason(Refusal.Reason.GOAL_INVALID, () -> a.goal(10, 0, "odom"), "outside the map");
        assertReason(Refusal.Reason.GOAL_INVALID, () -> a.goal(Double.NaN, 0, "odom"), "not finite");
        assertReason(Refusal.Reason.GOAL_INVALID, () -> a.goal(1, 0, "base_link"), "expected 'odom' or 'map'");
        assertReason(Refusal.Reason.GOAL_INVALID, () -> a.goal(1, 0, "map"), "no map -> odom transform");
        assertTrue(a.goal().isEmpty());
        // odom sits at (1, 0) in the map, turned 90 degrees left: map (1, 2) is odom (2, 0).
        a.tf(new TFMessage(List.of(new TransformStamped(new Header(new Time(0, 0), "map"), "odom",
                new Transform(new Vector3(1, 0, 0), new Quaternion(0, 0, Math.sin(Math.PI / 4),
                        Math.cos(Math.PI / 4)))))));
        var g = a.goal(1, 2, "map");
        assertEquals(2, g.x(), 1e-12);
        assertEquals(0, g.y(), 1e-12);
        long gen = a.goalGeneration();
        // A new, smaller map that leaves the goal outside drops it.
        assertReason(Refusal.Reason.GOAL_INVALID, () -> a.map(grid(-0.5, -0.5, 20, 20, 0.05)), "goal is dropped");
        assertTrue(a.goal().isEmpty());
        assertTrue(a.goalGeneration() > gen);
    }

    @Test
    void hostileMapsAndTransformsAreRefused() {
        ObservationAssembler a = assembler(false, true);
        OccupancyGrid shortData = new OccupancyGrid(new Header(new Time(0, 0), "map"),
                new OccupancyGrid.MapMetaData(new Time(0, 0), 0.05f, 10, 10, new Pose(new Point(0, 0, 0),
                        Quaternion.IDENTITY)), new byte[99]);
        assertReason(Refusal.Reason.MAP_INVALID, () -> a.map(shortData), "needs 100 values, got 99");
        assertReason(Refusal.Reason.MAP_INVALID, () -> a.map(grid(0, 0, 10, 10, 0)), "resolution");
        OccupancyGrid rotated = new OccupancyGrid(new Header(new Time(0, 0), "map"),
                new OccupancyGrid.MapMetaData(new Time(0, 0), 0.05f, 2, 2, new Pose(new Point(0, 0, 0),
                        new Quaternion(0, 0, 0.3, 0.95))), new byte[4]);
        assertReason(Refusal.Reason.MAP_INVALID, () -> a.map(rotated), "axis-aligned");
        assertReason(Refusal.Reason.TF_INVALID, () -> a.tf(new TFMessage(List.of(new TransformStamped(
                new Header(new Time(0, 0), "map"), "odom", new Transform(new Vector3(Double.NaN, 0, 0),
                Quaternion.IDENTITY))))), "not finite");
        assertTrue(a.map().isEmpty());
    }

    @Test
    void cameraInfoWithUnusableIntrinsicsIsRefused() {
        ObservationAssembler a = assembler(false, false);
        assertReason(Refusal.Reason.CAMERA_INFO, () -> a.cameraInfo(info(640, 480, 0)), "focal lengths");
        assertReason(Refusal.Reason.CAMERA_INFO, () -> a.cameraInfo(info(0, 480, 300)), "1..4096");
        assertTrue(a.camera().isEmpty());
    }
}
