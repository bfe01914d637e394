package dev.wayfinder.robot.perception;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.RobotObservation;

/**
 * Finds obstacles in a depth image by geometry alone, as a robot does without a segmentation oracle: every valid
 * pixel is back-projected through the camera's calibration and nominal mount into base_link; the floor is fitted as a
 * plane to the points near the nominal floor (least squares, refitted on its inliers; so a camera mounted a few
 * degrees off its calibration still finds its floor), and a point counts as an obstacle when it lies more than
 * {@link #MIN_HEIGHT} (plus an allowance growing with the range squared, for depth noise) above that plane and below
 * {@link #MAX_HEIGHT}. The result is a depth profile: for each vertical strip of the image, the smallest depth of an
 * obstacle point in it, divided by {@code maxDepth} and clipped to 1 (1: nothing seen).
 *
 * <p>Allocates only when the camera changes. Not thread-safe: one per robot.
 */
public final class DepthObstacles {
    /** Lowest height above the fitted floor counted as an obstacle, metres. */
    public static final double MIN_HEIGHT = 0.05;
    /** Extra height allowance per squared metre of range, for the depth noise of RGB-D cameras. */
    public static final double NOISE_ALLOWANCE = 0.01;
    /** Points higher than this above the floor are ignored (overhangs the robot passes under), metres. */
    public static final double MAX_HEIGHT = 2.0;
    /** Fewest floor inliers for a fitted plane; below it the nominal floor (z = 0) is used. */
    static final int MIN_FLOOR_POINTS = 30;

    private CameraModel camera;
    /** Per pixel, the base_link ray of a point at unit optical depth, relative to the mount: (x, y, z) x pixels. */
    private float[] rays;
    private float[] px;
    private float[] py;
    private float[] pz;
    private boolean[] valid;
    /** The last fitted floor: z = a x + b y + c in base_link. */
    private double a;
    private double b;
    private double c;
    private boolean fitted;
    /** Per strip of the last profile: the nearest obstacle point and the farthest floor point, base_link, NaN if none. */
    private float[] hitX = new float[0];
    private float[] hitY = new float[0];
    private float[] floorX = new float[0];
    private float[] floorY = new float[0];
    private int lastStrips;

    /**
     * Writes the obstacle depth profile of {@code depth} in {@code strips} strips into {@code out} from {@code at}.
     *
     * @param depth    metres along the optical axis, NaN/0/infinite invalid
     * @param camera   the camera's calibration
     * @param strips   1..width
     * @param maxDepth depths at or beyond this many metres count as nothing seen, &gt; 0
     */
    public void profile(RobotObservation.DepthImage depth, CameraModel camera, int strips, double maxDepth, float[] out,
                        int at) {
        int width = camera.width();
        int height = camera.height();
        if (depth.width() != width || depth.height() != height) {
            throw new IllegalArgumentException("depth image is " + depth.width() + "x" + depth.height()
                    + ", its camera " + width + "x" + height);
        }
        if (strips < 1 || strips > width) {
            throw new IllegalArgumentException("a depth profile needs 1.." + width + " strips, got " + strips);
        }
        bind(camera);
        float[] m = depth.metres();
        int n = width * height;
        for (int k = 0; k < n; k++) {
            float d = m[k];
            boolean ok = d > 0 && Float.isFinite(d);
            valid[k] = ok;
            if (ok) {
                px[k] = (float) (camera.mountX() + d * rays[3 * k]);
                py[k] = (float) (camera.mountY() + d * rays[3 * k + 1]);
                pz[k] = (float) (camera.mountZ() + d * rays[3 * k + 2]);
            }
        }
        fitFloor(n);
        if (hitX.length < strips) {
            hitX = new float[strips];
            hitY = new float[strips];
            floorX = new float[strips];
            floorY = new float[strips];
        }
        lastStrips = strips;
        for (int s = 0; s < strips; s++) {
            int x0 = s * width / strips;
            int x1 = Math.max(x0 + 1, (s + 1) * width / strips);
            double best = maxDepth;
            int bestK = -1;
            double farFloor = 0;
            int floorK = -1;
            for (int y = 0; y < height; y++) {
                for (int x = x0; x < x1 && x < width; x++) {
                    int k = y * width + x;
                    if (!valid[k]) {
                        continue;
                    }
                    double r2 = px[k] * px[k] + py[k] * py[k];
                    double above = pz[k] - (a * px[k] + b * py[k] + c);
                    double limit = MIN_HEIGHT + NOISE_ALLOWANCE * r2;
                    if (above > limit && above < MAX_HEIGHT) {
                        if (m[k] < best) {
                            best = m[k];
                            bestK = k;
                        }
                    } else if (Math.abs(above) <= limit && m[k] < maxDepth && m[k] > farFloor) {
                        farFloor = m[k];
                        floorK = k;
                    }
                }
            }
            out[at + s] = (float) (Math.max(0, best) / maxDepth);
            hitX[s] = bestK < 0 ? Float.NaN : px[bestK];
            hitY[s] = bestK < 0 ? Float.NaN : py[bestK];
            floorX[s] = floorK < 0 ? Float.NaN : px[floorK];
            floorY[s] = floorK < 0 ? Float.NaN : py[floorK];
        }
    }

    /** Strips of the last profile. */
    public int strips() {
        return lastStrips;
    }

    /**
     * The last profile's nearest obstacle point in strip {@code s} in base_link, into {@code out[0..1]}; false (and
     * NaN) when the strip saw no obstacle within range.
     */
    public boolean obstacle(int s, double[] out) {
        out[0] = hitX[s];
        out[1] = hitY[s];
        return !Float.isNaN(hitX[s]);
    }

    /**
     * The last profile's farthest floor point in strip {@code s} within range in base_link (free space up to there),
     * into {@code out[0..1]}; false when the strip saw no floor.
     */
    public boolean floorReach(int s, double[] out) {
        out[0] = floorX[s];
        out[1] = floorY[s];
        return !Float.isNaN(floorX[s]);
    }

    /** Whether the last profile's floor came from a fitted plane (else the nominal floor z = 0). */
    public boolean floorFitted() {
        return fitted;
    }

    /** The last floor plane's coefficients {a, b, c} of z = a x + b y + c in base_link. */
    public double[] floor() {
        return new double[] {a, b, c};
    }

    private void fitFloor(int n) {
        a = 0;
        b = 0;
        c = 0;
        fitted = false;
        // Candidates: near the nominal floor, with a tolerance growing with range (a mount pitched off its
        // calibration by a few degrees lifts far floor points by range x angle).
        double tol0 = 0.05;
        double slope = 0.1;
        for (int round = 0; round < 3; round++) {
            double sxx = 0, sxy = 0, sx = 0, syy = 0, sy = 0, s1 = 0, sxz = 0, syz = 0, sz = 0;
            for (int k = 0; k < n; k++) {
                if (!valid[k]) {
                    continue;
                }
                double x = px[k];
                double y = py[k];
                double r = Math.sqrt(x * x + y * y);
                double resid = pz[k] - (a * x + b * y + c);
                if (Math.abs(resid) > tol0 + slope * r) {
                    continue;
                }
                sxx += x * x;
                sxy += x * y;
                sx += x;
                syy += y * y;
                sy += y;
                s1 += 1;
                sxz += x * pz[k];
                syz += y * pz[k];
                sz += pz[k];
            }
            if (s1 < MIN_FLOOR_POINTS) {
                a = 0;
                b = 0;
                c = 0;
                fitted = false;
                return;
            }
            // Normal equations of z = a x + b y + c, solved by Cramer's rule.
            double det = sxx * (syy * s1 - sy * sy) - sxy * (sxy * s1 - sy * sx) + sx * (sxy * sy - syy * sx);
            if (Math.abs(det) < 1e-9) {
                // Degenerate (points on a line): keep the nominal tilt and fit the height only.
                a = 0;
                b = 0;
                c = sz / s1;
            } else {
                double na = (sxz * (syy * s1 - sy * sy) - sxy * (syz * s1 - sy * sz) + sx * (syz * sy - syy * sz)) / det;
                double nb = (sxx * (syz * s1 - sz * sy) - sxz * (sxy * s1 - sy * sx) + sx * (sxy * sz - syz * sx)) / det;
                double nc = (sxx * (syy * sz - sy * syz) - sxy * (sxy * sz - syz * sx) + sxz * (sxy * sy - syy * sx))
                        / det;
                if (Math.abs(na) > 0.3 || Math.abs(nb) > 0.3 || Math.abs(nc) > 0.2) {
                    // Steeper than any plausible mount error: not the floor; trust the calibration.
                    a = 0;
                    b = 0;
                    c = 0;
                    fitted = false;
                    return;
                }
                a = na;
                b = nb;
                c = nc;
            }
            fitted = true;
            tol0 = 0.03;
            slope = 0.02;
        }
    }

    private void bind(CameraModel cam) {
        if (cam.equals(camera)) {
            return;
        }
        camera = cam;
        int n = cam.pixels();
        rays = new float[3 * n];
        px = new float[n];
        py = new float[n];
        pz = new float[n];
        valid = new boolean[n];
        // base_link from mount: R = Rz(yaw) Ry(pitch) Rx(roll); positive pitch turns +x downwards.
        double cr = Math.cos(cam.roll()), sr = Math.sin(cam.roll());
        double cp = Math.cos(cam.pitch()), sp = Math.sin(cam.pitch());
        double cyw = Math.cos(cam.yaw()), syw = Math.sin(cam.yaw());
        double[][] r = {
            {cyw * cp, cyw * sp * sr - syw * cr, cyw * sp * cr + syw * sr},
            {syw * cp, syw * sp * sr + cyw * cr, syw * sp * cr - cyw * sr},
            {-sp, cp * sr, cp * cr}};
        for (int v = 0; v < cam.height(); v++) {
            for (int u = 0; u < cam.width(); u++) {
                // Mount frame: x along the optical axis, y left, z up; unit optical depth.
                double mx = 1;
                double my = (cam.cx() - (u + 0.5)) / cam.fx();
                double mz = (cam.cy() - (v + 0.5)) / cam.fy();
                int k = v * cam.width() + u;
                rays[3 * k] = (float) (r[0][0] * mx + r[0][1] * my + r[0][2] * mz);
                rays[3 * k + 1] = (float) (r[1][0] * mx + r[1][1] * my + r[1][2] * mz);
                rays[3 * k + 2] = (float) (r[2][0] * mx + r[2][1] * my + r[2][2] * mz);
            }
        }
    }
}
