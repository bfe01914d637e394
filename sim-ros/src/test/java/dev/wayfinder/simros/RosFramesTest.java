package dev.wayfinder.simros;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wayfinder.ros.msg.Quaternion;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.TransformStamped;
import dev.wayfinder.ros.msg.Vector3;
import dev.wayfinder.scenarios.model.Pose3;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RosFramesTest {
    private static final double EPS = 1e-12;

    private static void assertVector(Vector3 expected, Vector3 got, String what) {
        assertEquals(expected.x(), got.x(), 1e-9, what + " x: " + got);
        assertEquals(expected.y(), got.y(), 1e-9, what + " y: " + got);
        assertEquals(expected.z(), got.z(), 1e-9, what + " z: " + got);
    }

    @Test
    void theOpticalFrameLooksAlongTheCameraLinksXWithXRightAndYDown() {
        Quaternion q = RosFrames.OPTICAL_ROTATION;
        assertEquals(1, q.x() * q.x() + q.y() * q.y() + q.z() * q.z() + q.w() * q.w(), EPS, "unit quaternion");
        // A vector given in the optical frame, expressed in camera_link (REP-103: x forward, y left, z up)
        assertVector(new Vector3(1, 0, 0), RosFrames.rotate(q, new Vector3(0, 0, 1)), "optical z is forward");
        assertVector(new Vector3(0, -1, 0), RosFrames.rotate(q, new Vector3(1, 0, 0)), "optical x is right");
        assertVector(new Vector3(0, 0, -1), RosFrames.rotate(q, new Vector3(0, 1, 0)), "optical y is down");
        // It is the roll -90 degrees, then yaw -90 degrees that REP-103 describes for optical frames
        Quaternion rpy = RosFrames.fromRpy(-Math.PI / 2, 0, -Math.PI / 2);
        assertEquals(q.x(), rpy.x(), 1e-12);
        assertEquals(q.y(), rpy.y(), 1e-12);
        assertEquals(q.z(), rpy.z(), 1e-12);
        assertEquals(q.w(), rpy.w(), 1e-12);
    }

    @Test
    void rollPitchYawFollowTheFixedAxisConventionOfTheScenarioFormat() {
        long seed = 20261207L;
        Random rnd = new Random(seed);
        for (int i = 0; i < 200; i++) {
            double roll = (rnd.nextDouble() - 0.5) * 2;
            double pitch = (rnd.nextDouble() - 0.5) * 2;
            double yaw = (rnd.nextDouble() - 0.5) * 6;
            Quaternion q = RosFrames.fromRpy(roll, pitch, yaw);
            // R = Rz(yaw) Ry(pitch) Rx(roll), applied one axis at a time
            Quaternion composed = RosFrames.multiply(RosFrames.fromRpy(0, 0, yaw),
                    RosFrames.multiply(RosFrames.fromRpy(0, pitch, 0), RosFrames.fromRpy(roll, 0, 0)));
            Vector3 v = new Vector3(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
            assertVector(RosFrames.rotate(composed, v), RosFrames.rotate(q, v), "seed " + seed + " draw " + i);
        }
        // Positive pitch tilts +x down toward -z (Pose3's documented convention)
        Vector3 ahead = RosFrames.rotate(RosFrames.fromRpy(0, 0.3, 0), new Vector3(1, 0, 0));
        assertEquals(-Math.sin(0.3), ahead.z(), 1e-12);
        assertEquals(1.2, RosFrames.yaw(RosFrames.fromYaw(1.2)), 1e-12);
        assertEquals(-3.0, RosFrames.yaw(RosFrames.fromRpy(0, 0, -3.0)), 1e-12);
    }

    @Test
    void staticTransformsChainBaseLinkToTheOpticalFrameAtTheMount() {
        Pose3 mount = new Pose3(0.08, 0.01, 0.12, 0, 0.2, 0);
        List<TransformStamped> tfs = RosFrames.staticTransforms(mount, new Time(0, 0));
        assertEquals(2, tfs.size());
        TransformStamped cam = tfs.get(0);
        assertEquals("base_link", cam.header().frameId());
        assertEquals("camera_link", cam.childFrameId());
        assertVector(new Vector3(0.08, 0.01, 0.12), cam.transform().translation(), "mount");
        TransformStamped opt = tfs.get(1);
        assertEquals("camera_link", opt.header().frameId());
        assertEquals("camera_optical_frame", opt.childFrameId());
        // The optical axis in base_link: forward, tilted down by the pitch
        Quaternion full = RosFrames.multiply(cam.transform().rotation(), opt.transform().rotation());
        assertVector(new Vector3(Math.cos(0.2), 0, -Math.sin(0.2)), RosFrames.rotate(full, new Vector3(0, 0, 1)),
                "optical axis");
        // Image rows run down: optical y stays perpendicular to the axis and points below the horizon's normal
        Vector3 down = RosFrames.rotate(full, new Vector3(0, 1, 0));
        assertEquals(0, down.y(), 1e-12);
        assertEquals(-Math.cos(0.2), down.z(), 1e-12);
    }
}
