package dev.wayfinder.robot.perception;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.RobotObservation;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The floor fit scores its RANSAC hypotheses on points gathered once and stops a hypothesis that can no longer win;
 * it must give exactly the plane of the plain fit (every hypothesis scored on every point), which this test computes
 * itself from the same back-projected points, on many random scenes: mounts off their calibration, boxes at random
 * places, depth noise, invalid pixels, a 640x480 image read in blocks.
 */
class FloorFitReferenceTest {
    private static final double MAX_TILT = Math.tan(Math.toRadians(8));
    private static final double MAX_OFFSET = 0.05;

    @Test
    void theFittedPlaneIsExactlyThePlainFitsOnRandomScenes() {
        long seed = 20240611L;
        SplittableRandom rnd = new SplittableRandom(seed);
        int fitted = 0;
        for (int scene = 0; scene < 60; scene++) {
            boolean vga = scene % 10 == 9;
            int w = vga ? 640 : DepthObstaclesTest.W;
            int h = vga ? 480 : DepthObstaclesTest.H;
            double f = w / 2.0;
            double pitch = Math.toRadians(10);
            CameraModel calibrated = new CameraModel(w, h, f, f, w / 2.0, h / 2.0, 0.05, 0, 0.15, 0, pitch, 0);
            CameraModel truth = new CameraModel(w, h, f, f, w / 2.0, h / 2.0, 0.05, 0, 0.15 + rnd.nextDouble(-0.02,
                    0.02), rnd.nextDouble(-0.05, 0.05), pitch + rnd.nextDouble(-0.08, 0.08), 0);
            double wallX = rnd.nextDouble(0.3, 4.0);
            double y0 = rnd.nextDouble(-2, 1);
            float[] depth = DepthObstaclesTest.render(truth, w, h, wallX, y0, y0 + rnd.nextDouble(0.1, 3),
                    rnd.nextDouble(0, 0.02), rnd.nextLong());
            for (int k = 0; k < depth.length; k++) {
                if (rnd.nextDouble() < 0.05) {
                    depth[k] = Float.NaN;
                }
            }
            DepthObstacles d = new DepthObstacles();
            float[] out = new float[16];
            d.profile(new RobotObservation.DepthImage(w, h, depth, 0), calibrated, 16, 3.0, out, 0);
            double[] expected = plainFit(d);
            String where = "scene " + scene + " (seed " + seed + ")";
            assertEquals(expected != null, d.floorFitted(), where);
            if (expected != null) {
                assertArrayEquals(expected, d.floor(), 0.0, where);
                fitted++;
            }
        }
        assertTrue(fitted >= 40, "most scenes should fit a floor, " + fitted + " of 60 did (seed " + seed + ")");
    }

    /** The fit as written first: every plausible hypothesis scored on every stride-th candidate; null for none. */
    private static double[] plainFit(DepthObstacles d) {
        int n = d.rowBlocks * d.groups;
        int[] candidates = new int[n];
        int count = 0;
        for (int k = 0; k < n; k++) {
            if (!d.valid[k]) {
                continue;
            }
            double r = Math.sqrt(d.px[k] * d.px[k] + d.py[k] * d.py[k]);
            if (Math.abs(d.pz[k]) <= MAX_OFFSET + (MAX_TILT + 0.02) * r) {
                candidates[count++] = k;
            }
        }
        if (count < DepthObstacles.MIN_FLOOR_POINTS) {
            return null;
        }
        SplittableRandom rnd = new SplittableRandom(0x5EEDF100L);
        int stride = Math.max(1, count / 1024);
        int bestScore = -1;
        double[] best = new double[3];
        double[] plane = new double[3];
        for (int hyp = 0; hyp < 48; hyp++) {
            int i = candidates[rnd.nextInt(count)];
            int j = candidates[rnd.nextInt(count)];
            int k = candidates[rnd.nextInt(count)];
            if (!planeThrough(d, i, j, k, plane) || !plausible(plane)) {
                continue;
            }
            int score = 0;
            for (int q = 0; q < count; q += stride) {
                if (inlier(d, candidates[q], plane)) {
                    score++;
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best = plane.clone();
            }
        }
        if (bestScore * stride < DepthObstacles.MIN_FLOOR_POINTS) {
            return null;
        }
        double sxx = 0, sxy = 0, sx = 0, syy = 0, sy = 0, s1 = 0, sxz = 0, syz = 0, sz = 0;
        for (int q = 0; q < count; q++) {
            int k = candidates[q];
            if (!inlier(d, k, best)) {
                continue;
            }
            double x = d.px[k];
            double y = d.py[k];
            sxx += x * x;
            sxy += x * y;
            sx += x;
            syy += y * y;
            sy += y;
            s1 += 1;
            sxz += x * d.pz[k];
            syz += y * d.pz[k];
            sz += d.pz[k];
        }
        double det = sxx * (syy * s1 - sy * sy) - sxy * (sxy * s1 - sy * sx) + sx * (sxy * sy - syy * sx);
        if (Math.abs(det) > 1e-9) {
            double[] ls = {
                (sxz * (syy * s1 - sy * sy) - sxy * (syz * s1 - sy * sz) + sx * (syz * sy - syy * sz)) / det,
                (sxx * (syz * s1 - sz * sy) - sxz * (sxy * s1 - sy * sx) + sx * (sxy * sz - syz * sx)) / det,
                (sxx * (syy * sz - sy * syz) - sxy * (sxy * sz - syz * sx) + sxz * (sxy * sy - syy * sx)) / det};
            if (plausible(ls)) {
                return ls;
            }
        }
        return best;
    }

    private static boolean inlier(DepthObstacles d, int k, double[] p) {
        double r2 = d.px[k] * d.px[k] + d.py[k] * d.py[k];
        return Math.abs(d.pz[k] - (p[0] * d.px[k] + p[1] * d.py[k] + p[2])) < 0.015 + 0.005 * r2;
    }

    private static boolean plausible(double[] p) {
        return Math.abs(p[0]) <= MAX_TILT && Math.abs(p[1]) <= MAX_TILT && Math.abs(p[2]) <= MAX_OFFSET;
    }

    private static boolean planeThrough(DepthObstacles d, int i, int j, int k, double[] out) {
        double ux = d.px[j] - d.px[i], uy = d.py[j] - d.py[i], uz = d.pz[j] - d.pz[i];
        double vx = d.px[k] - d.px[i], vy = d.py[k] - d.py[i], vz = d.pz[k] - d.pz[i];
        double nx = uy * vz - uz * vy;
        double ny = uz * vx - ux * vz;
        double nz = ux * vy - uy * vx;
        if (Math.abs(nz) < 1e-4) {
            return false;
        }
        out[0] = -nx / nz;
        out[1] = -ny / nz;
        out[2] = d.pz[i] - out[0] * d.px[i] - out[1] * d.py[i];
        return true;
    }
}
