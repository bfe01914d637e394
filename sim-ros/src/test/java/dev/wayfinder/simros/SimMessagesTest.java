package dev.wayfinder.simros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.msg.CameraInfo;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.LaserScan;
import dev.wayfinder.ros.msg.OccupancyGrid;
import dev.wayfinder.ros.msg.Odometry;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.LidarSpec;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SimMessagesTest {
    private static final Time T = new Time(12, 345);

    @Test
    void odometryTwistIsInBaseLinkWhateverTheHeading() {
        Odometry o = SimMessages.odometry(T, 1.5, -2, Math.PI / 2, 0.3, -0.4, 0.02, 0.05);
        assertEquals("odom", o.header().frameId());
        assertEquals("base_link", o.childFrameId());
        assertEquals(T, o.header().stamp());
        assertEquals(1.5, o.pose().position().x());
        assertEquals(-2, o.pose().position().y());
        assertEquals(Math.PI / 2, RosFrames.yaw(o.pose().orientation()), 1e-12);
        // Heading +y in odom, driving forward: the twist still says x forward, no sideways speed
        assertEquals(0.3, o.twist().linear().x());
        assertEquals(0.0, o.twist().linear().y());
        assertEquals(-0.4, o.twist().angular().z());
        double[] pc = o.poseCovariance().values();
        assertEquals(0.02 * 0.02, pc[0], 1e-15);
        assertEquals(0.02 * 0.02, pc[7], 1e-15);
        assertEquals(0.0, pc[14], "z is exact for a planar robot");
        assertEquals(0.05 * 0.05 * 0.3 * 0.3, o.twistCovariance().values()[0], 1e-15);
    }

    @Test
    void cameraInfoKAndPComeFromThePinholeModelWithRosPixelCentres() {
        double fov = Math.toRadians(90);
        CameraSpec c = new CameraSpec(new Pose3(0.1, 0, 0.15, 0, 0, 0), fov, 640, 480, 0.05, 20);
        CameraInfo ci = SimMessages.cameraInfo(c, T);
        assertEquals("camera_optical_frame", ci.header().frameId());
        assertEquals(640, ci.width());
        assertEquals(480, ci.height());
        double f = 320 / Math.tan(fov / 2);
        assertArrayEquals(new double[] {f, 0, 319.5, 0, f, 239.5, 0, 0, 1}, ci.k().values(), 1e-9);
        assertArrayEquals(new double[] {f, 0, 319.5, 0, 0, f, 239.5, 0, 0, 0, 1, 0}, ci.p(), 1e-9);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, ci.r().values());
        assertEquals("plumb_bob", ci.distortionModel());
        assertArrayEquals(new double[5], ci.d());
        // The image's left edge (u = -0.5) is half the field of view from the axis
        assertEquals(-fov / 2, Math.atan((-0.5 - ci.k().values()[2]) / ci.k().values()[0]), 1e-12);
    }

    @Test
    void imagesAreRgb8AndLittleEndian32FC1InTheOpticalFrame() {
        byte[] rgb = new byte[4 * 2 * 3];
        rgb[3] = 7;
        Image img = SimMessages.rgb(4, 2, rgb, T);
        assertEquals("rgb8", img.encoding());
        assertEquals(12, img.step());
        assertEquals(7, img.data()[3]);
        assertEquals("camera_optical_frame", img.header().frameId());
        float[] d = {1.25f, Float.NaN, 3f, 0.5f, 2f, 2f, 2f, 9f};
        Image depth = SimMessages.depth(4, 2, d, T, null);
        assertEquals("32FC1", depth.encoding());
        assertEquals(16, depth.step());
        assertEquals(false, depth.isBigEndian());
        ByteBuffer b = ByteBuffer.wrap(depth.data()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.25f, b.getFloat(0));
        assertTrue(Float.isNaN(b.getFloat(4)), "invalid depth stays NaN (REP-118)");
        assertEquals(9f, b.getFloat(28));
        assertThrows(IllegalArgumentException.class, () -> SimMessages.rgb(4, 3, rgb, T));
    }

    @Test
    void laserScanAnglesMatchTheLidarAndNoReturnIsInfinity() {
        LidarSpec lidar = new LidarSpec(-Math.PI, Math.PI, 5, 0.12, 3.5);
        LaserScan s = SimMessages.scan(lidar, new float[] {1, 3.5f, 0.2f, 2, 3.5f}, T, 0.1);
        assertEquals((float) -Math.PI, s.angleMin());
        assertEquals((float) Math.PI, s.angleMax());
        assertEquals((float) (2 * Math.PI / 4), s.angleIncrement());
        // angle_min + (n - 1) increment = angle_max, as sensor_msgs/LaserScan defines the beams
        assertEquals(s.angleMax(), s.angleMin() + 4 * s.angleIncrement(), 1e-6);
        assertEquals(0.12f, s.rangeMin());
        assertEquals(3.5f, s.rangeMax());
        assertEquals(0.1f, s.scanTime());
        assertArrayEquals(new float[] {1, Float.POSITIVE_INFINITY, 0.2f, 2, Float.POSITIVE_INFINITY}, s.ranges());
        assertEquals("base_link", s.header().frameId());
        assertThrows(IllegalArgumentException.class, () -> SimMessages.scan(lidar, new float[3], T, 0.1));
    }

    @Test
    void imuHasNoOrientationAndReadsGravityOnZ() {
        var m = SimMessages.imu(T, 0.5, 0.1, -0.2, 0.01);
        assertEquals(-1, m.orientationCovariance().values()[0], "no orientation estimate (sensor_msgs/Imu)");
        assertEquals(0.5, m.angularVelocity().z());
        assertEquals(0.1, m.linearAcceleration().x());
        assertEquals(-0.2, m.linearAcceleration().y());
        assertEquals(SimMessages.GRAVITY, m.linearAcceleration().z());
        assertEquals(1e-4, m.angularVelocityCovariance().values()[8], 1e-12);
    }

    @Test
    void theMapHoldsTheNominalLayoutInTheMapFrame() throws Exception {
        Scenario s = ScenarioLibrary.load("cluttered-room");
        OccupancyGrid m = SimMessages.map(s, T);
        assertEquals("map", m.header().frameId());
        var info = m.info();
        assertEquals(0.05f, info.resolution());
        assertEquals(info.width() * info.height(), m.data().length);
        // origin: one wall cell outside the arena's corner
        assertEquals(-s.arena().halfX() - 0.05, info.origin().position().x(), 1e-9);
        byte[] cells = m.data();
        int w = info.width();
        assertEquals(100, cells[0], "the border is wall");
        int free = 0;
        for (byte c : cells) {
            assertTrue(c == 0 || c == 100, "cells are 0 or 100");
            free += c == 0 ? 1 : 0;
        }
        assertTrue(free > cells.length / 2, "most of the room is free: " + free + " of " + cells.length);
        // The start region's centre is free, and some obstacle cell is occupied inside the room
        var start = s.starts().get(0).nominal();
        int i = (int) Math.floor((start.x() - info.origin().position().x()) / 0.05);
        int j = (int) Math.floor((start.y() - info.origin().position().y()) / 0.05);
        assertEquals(0, cells[j * w + i], "start cell is free");
    }

    @Test
    void statusIsOneJsonObjectWithEscapedText() {
        String json = SimMessages.statusJson(new EpisodeStatus("room \"A\"", 2, 42, EpisodeStatus.Status.COLLISION,
                "crate-3", 17, 1.7, 0.5, 2.25, new Vec2(1, -2)));
        assertEquals("{\"scenario\": \"room \\\"A\\\"\", \"episode\": 2, \"seed\": 42, \"status\": \"collision\","
                + " \"reason\": \"crate-3\", \"steps\": 17, \"sim_time\": 1.700, \"distance_to_goal\": 0.5000,"
                + " \"path_length\": 2.2500, \"goal\": [1.0000, -2.0000]}", json);
    }
}
