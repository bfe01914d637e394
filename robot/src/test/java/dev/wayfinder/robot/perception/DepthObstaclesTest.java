package dev.wayfinder.robot.perception;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.RobotObservation;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Obstacles are told from the floor by geometry: a synthetic depth image is ray-cast against a floor plane and a
 * box for a camera whose true mount differs from its calibration, and the profile must see the box and not the floor.
 */
public class DepthObstaclesTest {
    public static final int W = 64;
    public static final int H = 48;

    /** Depth image of a floor (z = 0) and a wall-like box face at x = wallX for y in [y0, y1], seen by {@code truth}. */
    public static float[] render(CameraModel truth, double wallX, double y0, double y1, double noise, long seed) {
        return render(truth, W, H, wallX, y0, y1, noise, seed);
    }

    /** As {@link #render(CameraModel, double, double, double, double, long)}, at any image size. */
    static float[] render(CameraModel truth, int w, int h, double wallX, double y0, double y1, double noise,
                          long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] d = new float[w * h];
        double cr = Math.cos(truth.roll()), sr = Math.sin(truth.roll());
        double cp = Math.cos(truth.pitch()), sp = Math.sin(truth.pitch());
        double cy = Math.cos(truth.yaw()), sy = Math.sin(truth.yaw());
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                double mx = 1, my = (truth.cx() - (u + 0.5)) / truth.fx(), mz = (truth.cy() - (v + 0.5)) / truth.fy();
                double rx = cy * cp * mx + (cy * sp * sr - sy * cr) * my + (cy * sp * cr + sy * sr) * mz;
                double ry = sy * cp * mx + (sy * sp * sr + cy * cr) * my + (sy * sp * cr - cy * sr) * mz;
                double rz = -sp * mx + cp * sr * my + cp * cr * mz;
                double t = Double.POSITIVE_INFINITY;
                if (rz < 0) {
                    t = -truth.mountZ() / rz;
                }
                if (rx > 0) {
                    double tw = (wallX - truth.mountX()) / rx;
                    double yw = truth.mountY() + tw * ry;
                    if (tw < t && yw >= y0 && yw <= y1 && truth.mountZ() + tw * rz < 1.0) {
                        t = tw;
                    }
                }
                d[v * w + u] = Double.isFinite(t) && t < 10
                        ? (float) (t * (1 + noise * t * rnd.nextGaussian())) : Float.NaN;
            }
        }
        return d;
    }

    @Test
    void floorIsIgnoredAndTheObstacleIsSeenDespiteAMountPitchedOffItsCalibration() {
        long seed = 41;
        CameraModel calibrated = new CameraModel(W, H, 32, 32, 32, 24, 0.05, 0, 0.15, 0, Math.toRadians(10), 0);
        CameraModel truth = new CameraModel(W, H, 32, 32, 32, 24, 0.05, 0, 0.16, 0, Math.toRadians(14), 0);
        // A box face 1.5 m ahead covering the left half of the view (y from 0 to 2 m).
        float[] depth = render(truth, 1.5, 0.0, 2.0, 0.005, seed);
        DepthObstacles d = new DepthObstacles();
        float[] out = new float[8];
        d.profile(new RobotObservation.DepthImage(W, H, depth, 0), calibrated, 8, 3.0, out, 0);
        assertTrue(d.floorFitted(), "the floor plane should be fitted (seed " + seed + ")");
        for (int s = 0; s < 3; s++) {
            assertTrue(out[s] < 0.6, "strip " + s + " sees the box at ~1.5 m: " + out[s] + " (seed " + seed + ")");
        }
        for (int s = 5; s < 8; s++) {
            assertEquals(1f, out[s], 1e-6, "strip " + s + " sees only floor (seed " + seed + ")");
        }
    }

    @Test
    void aSnapshotRestoredIntoAnotherProfilerAnswersAsTheOneThatMadeIt() {
        for (long seed = 1; seed <= 3; seed++) {
            CameraModel calibrated = new CameraModel(W, H, 32, 32, 32, 24, 0.05, 0, 0.15, 0, Math.toRadians(10), 0);
            CameraModel truth = new CameraModel(W, H, 32, 32, 32, 24, 0.05, 0, 0.16, 0, Math.toRadians(12), 0);
            RobotObservation.DepthImage image = new RobotObservation.DepthImage(W, H,
                    render(truth, 1.2 + 0.3 * seed, -0.5, 1.0, 0.005, seed), 0);
            DepthObstacles direct = new DepthObstacles();
            float[] expected = new float[8];
            direct.profile(image, calibrated, 8, 3.0, expected, 0);
            DepthObstacles.Snapshot snapshot = new DepthObstacles().snapshot(image, calibrated, 8, 3.0);
            DepthObstacles restored = new DepthObstacles();
            // Something else profiled first: the restore must replace all of it.
            restored.profile(new RobotObservation.DepthImage(W, H, render(truth, 0.8, 0.5, 2.0, 0, seed), 0),
                    calibrated, 5, 3.0, new float[5], 0);
            restored.restore(snapshot);
            float[] got = new float[8];
            snapshot.profile(got, 0);
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(got), "seed " + seed);
            assertEquals(8, restored.strips(), "seed " + seed);
            assertEquals(direct.floorFitted(), restored.floorFitted(), "seed " + seed);
            assertEquals(java.util.Arrays.toString(direct.floor()), java.util.Arrays.toString(restored.floor()));
            int obstacles = 0;
            for (int s = 0; s < 8; s++) {
                double[] a = new double[2];
                double[] b = new double[2];
                assertEquals(direct.obstacle(s, a), restored.obstacle(s, b), "strip " + s + ", seed " + seed);
                assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b), "strip " + s);
                obstacles += direct.obstacle(s, a) ? 1 : 0;
                assertEquals(direct.floorReach(s, a), restored.floorReach(s, b), "strip " + s + ", seed " + seed);
                assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b), "strip " + s);
            }
            assertTrue(obstacles > 0 && obstacles < 8, "the box fills some strips, not all: " + obstacles
                    + " (seed " + seed + ")");
        }
    }

    @Test
    void withoutTheFitAFourDegreeMountErrorWouldMakeTheFloorAnObstacle() {
        // The same floor seen by the pitched camera, back-projected with the calibration and the nominal floor:
        // far floor points rise by range x 4 degrees, above the obstacle height. The fit is what removes them.
        CameraModel calibrated = new CameraModel(W, H, 32, 32, 32, 24, 0.05, 0, 0.15, 0, Math.toRadians(10), 0);
        CameraModel truth = new CameraModel(W, H, 32, 32, 32, 24, 0.05, 0, 0.15, 0, Math.toRadians(6), 0);
        float[] depth = render(truth, 100, 0, 0, 0, 1);
        double lift = 2.5 * Math.sin(Math.toRadians(4));
        assertTrue(lift > DepthObstacles.MIN_HEIGHT + DepthObstacles.NOISE_ALLOWANCE * 2.5 * 2.5 * 0.5,
                "the test's premise: " + lift);
        float[] out = new float[8];
        new DepthObstacles().profile(new RobotObservation.DepthImage(W, H, depth, 0), calibrated, 8, 3.0, out, 0);
        for (float v : out) {
            assertEquals(1f, v, 1e-6, "only floor in view");
        }
    }

    @Test
    void scatteredInvalidPixelsAreIgnoredButAMissingNearFloorIsSomethingTooClose() {
        long seed = 17;
        CameraModel cam = new CameraModel(W, H, 32, 32, 32, 24, 0.05, 0, 0.15, 0, Math.toRadians(10), 0);
        // Open floor with 3 % of the pixels dropped: nothing in view.
        float[] depth = render(cam, 100, 0, 0, 0, seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < depth.length; k++) {
            if (rnd.nextDouble() < 0.03) {
                depth[k] = Float.NaN;
            }
        }
        float[] out = new float[8];
        new DepthObstacles().profile(new RobotObservation.DepthImage(W, H, depth, 0), cam, 8, 3.0, out, 0);
        for (float v : out) {
            assertEquals(1f, v, 1e-6, "scattered dropout is not an obstacle (seed " + seed + ")");
        }
        // A box face 0.1 m in front of the lens covering the right half: the camera measures nothing there (below its
        // minimum range), so the near floor it should see is missing.
        float[] close = render(cam, 0.15, -2, 0, 0, seed);
        for (int k = 0; k < close.length; k++) {
            if (close[k] < 0.2f) {
                close[k] = Float.NaN;
            }
        }
        new DepthObstacles().profile(new RobotObservation.DepthImage(W, H, close, 0), cam, 8, 3.0, out, 0);
        for (int s = 5; s < 8; s++) {
            assertEquals(DepthObstacles.TOO_CLOSE_DEPTH / 3.0, out[s], 1e-6, "strip " + s + " is blocked too close");
        }
        for (int s = 0; s < 3; s++) {
            assertEquals(1f, out[s], 1e-6, "strip " + s + " sees open floor");
        }
    }

    @Test
    void theColumnsAnOcclusionEdgeInvalidatesAreNotSomethingTooClose() {
        long seed = 23;
        CameraModel cam = new CameraModel(W, H, 32, 32, 32, 24, 0.05, 0, 0.15, 0, Math.toRadians(10), 0);
        // A door jamb: a wall face 0.3 m ahead on the left (most of its near floor band is behind it), open floor on
        // the right. An RGB-D camera drops the pixels on both sides of the jamb's edge, all the way down the image.
        float[] depth = render(cam, 0.35, 0.02, 2.0, 0, seed);
        float[] measured = dropEdges(depth, W, H, 0.2);
        int dropped = 0;
        for (int u = 0; u < W; u++) {
            boolean any = false;
            for (int v = H / 2; v < H; v++) {
                any |= Float.isNaN(measured[v * W + u]) && !Float.isNaN(depth[v * W + u]);
            }
            dropped += any ? 1 : 0;
        }
        assertTrue(dropped >= 1 && dropped <= 3, "the edge drops one to three columns below the horizon, " + dropped);
        float[] out = new float[W];
        new DepthObstacles().profile(new RobotObservation.DepthImage(W, H, measured, 0), cam, W, 3.0, out, 0);
        for (int s = 0; s < W; s++) {
            assertTrue(out[s] > 0.25 / 3.0, "strip " + s + " reads the jamb (0.3 m) or the floor, never something "
                    + "12 cm ahead: " + java.util.Arrays.toString(out) + " (seed " + seed + ")");
        }
        // The same scene with the wall moved to 0.1 m in front of the lens, under the camera's minimum range: the
        // near floor is missing left of its edge (11 degrees left of the axis at 0.1 m, column 26), so those strips read
        // something too close.
        float[] close = render(cam, 0.15, 0.02, 2.0, 0, seed);
        for (int k = 0; k < close.length; k++) {
            if (close[k] < 0.2f) {
                close[k] = Float.NaN;
            }
        }
        new DepthObstacles().profile(new RobotObservation.DepthImage(W, H, dropEdges(close, W, H, 0.2), 0), cam, W,
                3.0, out, 0);
        for (int s = 0; s < 24; s++) {
            assertEquals(DepthObstacles.TOO_CLOSE_DEPTH / 3.0, out[s], 1e-6, "strip " + s + " is blocked too close");
        }
    }

    /** As an RGB-D camera does: invalid where a 4-neighbour's depth differs by more than {@code t} times the nearer. */
    static float[] dropEdges(float[] d, int w, int h, double t) {
        float[] out = d.clone();
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int k = v * w + u;
                if (Float.isNaN(d[k])) {
                    continue;
                }
                boolean edge = (u > 0 && differs(d[k], d[k - 1], t)) || (u < w - 1 && differs(d[k], d[k + 1], t))
                        || (v > 0 && differs(d[k], d[k - w], t)) || (v < h - 1 && differs(d[k], d[k + w], t));
                if (edge) {
                    out[k] = Float.NaN;
                }
            }
        }
        return out;
    }

    private static boolean differs(float z, float n, double t) {
        return Float.isNaN(n) || Math.abs(z - n) > t * Math.min(z, n);
    }

    @Test
    void aVgaDepthImageIsReadInBlocksAndSeesWhatAnExactReadingSees() {
        long seed = 5;
        // The same room seen by a 64x48 camera (read pixel by pixel) and a 640x480 one (307,200 pixels: read in blocks
        // of 4x4, each its nearest valid pixel): a box face 1.5 m ahead on the left, and a post 2 cm wide 1 m ahead
        // on the right, 6 pixels wide at 640 and a fraction of one at 64.
        CameraModel small = new CameraModel(W, H, 32, 32, 32, 24, 0.05, 0, 0.15, 0, Math.toRadians(10), 0);
        CameraModel vga = new CameraModel(640, 480, 320, 320, 320, 240, 0.05, 0, 0.15, 0, Math.toRadians(10), 0);
        float[] coarse = min(render(small, W, H, 1.5, 0.3, 2.0, 0.002, seed), render(small, W, H, 100, 0, 0, 0, seed));
        float[] fine = min(render(vga, 640, 480, 1.5, 0.3, 2.0, 0.002, seed),
                render(vga, 640, 480, 1.0, -0.41, -0.39, 0, seed));
        float[] a = new float[16];
        float[] b = new float[16];
        new DepthObstacles().profile(new RobotObservation.DepthImage(W, H, coarse, 0), small, 16, 3.0, a, 0);
        DepthObstacles reader = new DepthObstacles();
        reader.profile(new RobotObservation.DepthImage(640, 480, fine, 0), vga, 16, 3.0, b, 0);
        assertTrue(reader.floorFitted(), "the floor is fitted from the blocks' points (seed " + seed + ")");
        // The post's strip: at y = -0.4 m, 1 m ahead, the ray's bearing is -21.8 degrees, u = 320 + 320 tan(21.8).
        int post = (int) ((320 + 320 * Math.tan(Math.atan2(0.4, 0.95))) * 16 / 640);
        for (int s = 0; s < 16; s++) {
            if (s == post) {
                assertTrue(b[s] < 1.1 / 3.0, "the post in strip " + s + " is seen at ~1 m: " + b[s] + " (seed "
                        + seed + ")");
            } else {
                assertEquals(a[s], b[s], 0.02, "strip " + s + " reads the same at 640x480 as at 64x48 (seed " + seed
                        + "): " + java.util.Arrays.toString(a) + " vs " + java.util.Arrays.toString(b));
            }
        }
        assertTrue(b[2] < 0.55 && b[post] < b[2], "the box at 1.5 m and the nearer post: " + java.util.Arrays.toString(b));
    }

    private static float[] min(float[] x, float[] y) {
        float[] out = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = Float.isNaN(x[k]) ? y[k] : Float.isNaN(y[k]) ? x[k] : Math.min(x[k], y[k]);
        }
        return out;
    }
}
