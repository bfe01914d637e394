package dev.wayfinder.robot.net;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.RobotDescription;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Obstacles seen by the camera are remembered where they are while the robot turns and drives past them. */
class ObstacleMemoryTest {
    /** 64 pixels wide, 90 degrees: fx = 32; mounted 0.1 m ahead of the robot's centre. */
    private static final CameraModel CAMERA = new CameraModel(64, 64, 32, 32, 32, 32, 0.1, 0, 0.2, 0, 0, 0);

    private static float[] nothing() {
        float[] p = new float[NetworkSpec.AUX_TARGETS];
        Arrays.fill(p, 1f);
        return p;
    }

    @Test
    void anObstacleAheadStaysPutWhileTheRobotTurnsAndIsForgottenAfterTheHorizon() {
        int sectors = 16;
        ObstacleMemory m = new ObstacleMemory(sectors, 5);
        float[] out = new float[sectors];
        m.write(0, 0, 0, out, 0);
        for (float v : out) {
            assertEquals(1f, v, "an empty memory reads 1 everywhere");
        }
        // The two middle strips see something 1.2 m along the optical axis, straight ahead.
        float[] seen = nothing();
        seen[3] = 0.4f;
        seen[4] = 0.4f;
        m.observe(0, 0, 0, seen, 0, CAMERA);
        m.write(0, 0, 0, out, 0);
        // Strips 3 and 4 span columns 24..40: their edge and centre rays lie 0, 0.15 and 0.3 m to either side at
        // 1.2 m depth, 1.3 m ahead of the robot's centre. Sector 0 spans +-11.25 degrees; the outer edges (13 degrees)
        // fall into sectors 1 and 15.
        assertEquals(1.3 / Features.MAX_DEPTH, out[0], 1e-6);
        assertEquals(Math.hypot(1.3, 0.3) / Features.MAX_DEPTH, out[1], 1e-6);
        assertEquals(Math.hypot(1.3, 0.3) / Features.MAX_DEPTH, out[15], 1e-6);
        for (int s = 2; s < sectors - 1; s++) {
            assertEquals(1f, out[s], "sector " + s);
        }
        assertEquals(1.3, m.nearest(0, 0), 1e-6);
        // Turned 90 degrees to the left on the spot: the obstacle is now on the right, sector -4 = 12.
        m.write(0, 0, Math.PI / 2, out, 0);
        assertEquals(1.3 / Features.MAX_DEPTH, out[12], 1e-6);
        assertEquals(1f, out[0]);
        // Driven 2 m forward (heading unchanged): the obstacle is 0.7 m behind (sector 8, 180 degrees), its rays
        // 0.15 m to either side at +-168 degrees (sectors 7 and 9).
        m.write(2, 0, 0, out, 0);
        assertEquals(0.7 / Features.MAX_DEPTH, out[8], 1e-6);
        assertEquals(Math.hypot(0.7, 0.15) / Features.MAX_DEPTH, out[7], 1e-6);
        assertEquals(Math.hypot(0.7, 0.15) / Features.MAX_DEPTH, out[9], 1e-6);
        assertEquals(1f, out[0]);
        double[] xs = new double[m.capacity()];
        double[] ys = new double[m.capacity()];
        assertEquals(6, m.near(2, 0, 1.0, xs, ys), "six rays remembered within 1 m");
        assertEquals(0, m.near(2, 0, 0.6, xs, ys));
        // Nothing seen for the horizon's five frames: forgotten.
        for (int k = 0; k < 4; k++) {
            m.observe(0, 0, 0, nothing(), 0, CAMERA);
            m.write(0, 0, 0, out, 0);
            assertTrue(out[0] < 1f, "still remembered after " + (k + 1) + " empty frames");
        }
        m.observe(0, 0, 0, nothing(), 0, CAMERA);
        m.write(0, 0, 0, out, 0);
        assertEquals(1f, out[0], "forgotten after the horizon");
    }

    @Test
    void aThicknessAddsOnePointBehindEachSeenStripsCentre() {
        float[] seen = nothing();
        seen[3] = 0.4f;
        double[] xs = new double[1000];
        double[] ys = new double[1000];
        ObstacleMemory thin = new ObstacleMemory(8, 5);
        thin.observe(0, 0, 0, seen, 0, CAMERA);
        assertEquals(3, thin.near(0, 0, 10, xs, ys), "only the surface: the strip's edges and centre");
        ObstacleMemory thick = new ObstacleMemory(8, 5);
        thick.setThickness(0.05);
        assertEquals(0.05, thick.thickness());
        thick.observe(0, 0, 0, seen, 0, CAMERA);
        int n = thick.near(0, 0, 10, xs, ys);
        assertEquals(4, n, "and one behind it");
        // Strip 3 spans columns 24..32, its centre ray at column 28: 1.2 m deep on the surface, 1.25 m behind it, an
        // eighth of the depth to the left (the mount is 0.1 m ahead of the robot's centre).
        boolean behind = false;
        for (int i = 0; i < n; i++) {
            if (Math.abs(xs[i] - 1.35) < 1e-5) {
                assertEquals(1.25 * 4 / 32, ys[i], 1e-5);
                behind = true;
            }
        }
        assertTrue(behind, "a point 5 cm behind the surface on the centre ray");
        // Facing the other way (yaw pi), placed by the pose like the others: mirrored through the robot.
        ObstacleMemory turned = new ObstacleMemory(8, 5);
        turned.setThickness(0.05);
        turned.observe(0, 0, Math.PI, seen, 0, CAMERA);
        n = turned.near(0, 0, 10, xs, ys);
        boolean mirrored = false;
        for (int i = 0; i < n; i++) {
            mirrored |= Math.abs(xs[i] + 1.35) < 1e-5 && Math.abs(ys[i] + 1.25 * 4 / 32) < 1e-5;
        }
        assertTrue(mirrored, "the point behind the surface turns with the robot");
        assertThrows(IllegalArgumentException.class, () -> thick.setThickness(-0.01));
        assertThrows(IllegalArgumentException.class, () -> thick.setThickness(Double.NaN));
    }

    @Test
    void stripsLeftOfTheImageCentreLieToTheLeftAndResetForgets() {
        ObstacleMemory m = new ObstacleMemory(8, 10);
        float[] seen = nothing();
        seen[0] = 0.2f; // leftmost strip (columns 0..8), 0.6 m deep: its rays 0.6, 0.525 and 0.45 m to the left
        m.observe(1, 1, 0, seen, 0, CAMERA);
        float[] out = new float[8];
        m.write(1, 1, 0, out, 0);
        // 33..41 degrees: sector 1 (22.5..67.5 degrees to the left); the nearest is the strip's right edge.
        assertEquals(Math.hypot(0.7, 0.45) / Features.MAX_DEPTH, out[1], 1e-6);
        assertEquals(1f, out[0]);
        assertEquals(1f, out[2]);
        m.reset();
        assertEquals(Double.POSITIVE_INFINITY, m.nearest(1, 1));
        m.write(1, 1, 0, out, 0);
        for (float v : out) {
            assertEquals(1f, v);
        }
    }

    @Test
    void valuesStayInRangeForAnyInput() {
        long seed = 23;
        SplittableRandom rnd = new SplittableRandom(seed);
        ObstacleMemory m = new ObstacleMemory(12, 7);
        float[] out = new float[12];
        float[] p = new float[NetworkSpec.AUX_TARGETS];
        for (int step = 0; step < 200; step++) {
            for (int b = 0; b < p.length; b++) {
                p[b] = rnd.nextInt(10) == 0 ? Float.NaN : (float) (rnd.nextDouble() * 1.6 - 0.3);
            }
            double x = rnd.nextDouble() * 4;
            double y = rnd.nextDouble() * 4;
            double yaw = rnd.nextDouble() * 20 - 10;
            m.observe(x, y, yaw, p, 0, CAMERA);
            m.write(x, y, yaw, out, 0);
            for (float v : out) {
                assertTrue(v >= 0 && v <= 1, "seed " + seed + " step " + step + ": " + Arrays.toString(out));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new ObstacleMemory(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new ObstacleMemory(33, 5));
        assertThrows(IllegalArgumentException.class, () -> new ObstacleMemory(8, 0));
        assertThrows(IllegalArgumentException.class, () -> new ObstacleMemory(8, 5, 0));
    }

    @Test
    void finerProfilesInflateAPostLess() {
        // A thin post 1.5 m straight ahead, seen in the middle of the image.
        ObstacleMemory coarse = new ObstacleMemory(8, 4);
        float[] eight = nothing();
        eight[4] = 0.5f;
        coarse.observe(0, 0, 0, eight, 0, CAMERA);
        ObstacleMemory fine = new ObstacleMemory(8, 4, 64);
        assertEquals(64, fine.strips());
        float[] sixtyFour = new float[64];
        Arrays.fill(sixtyFour, 1f);
        sixtyFour[32] = 0.5f;
        fine.observe(0, 0, 0, sixtyFour, 0, CAMERA);
        // Level with the post and 0.3 m to the right of its line: the coarse strip (columns 32..40, 0.375 m wide at
        // 1.5 m) claims the post reaches 0.375 m to the right, leaving 0.075 m; the fine one (column 32, 0.047 m)
        // leaves 0.253 m.
        assertEquals(0.075, coarse.nearest(1.6, -0.3), 1e-6);
        assertEquals(0.3 - 0.046875, fine.nearest(1.6, -0.3), 1e-6);
    }
}
