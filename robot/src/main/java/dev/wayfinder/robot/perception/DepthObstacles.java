package dev.wayfinder.robot.perception;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.RobotObservation;

/**
 * Finds obstacles in a depth image by geometry alone, as a robot does without a segmentation oracle: every valid
 * pixel is back-projected through the camera's calibration and nominal mount into base_link; the floor is fitted as a
 * plane to the points near the nominal floor (RANSAC, then least squares on the inliers; so a camera mounted a few
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
    /**
     * Where a strip's near floor should be measured but mostly is not, across at least {@link #TOO_CLOSE_WIDTH} of
     * the view, something stands closer than the depth camera's minimum range (an RGB-D camera returns nothing
     * there): the strip then reports an obstacle at this optical depth, metres. The near floor is the pixels whose
     * ray meets the nominal floor between {@link #NEAR_FLOOR_MIN} and {@link #NEAR_FLOOR_MAX} (beyond the minimum
     * range of small RGB-D cameras, short of where grazing floor turns invalid anyway).
     */
    public static final double TOO_CLOSE_DEPTH = 0.12;
    /**
     * The narrowest angle a missing near floor must span to mean something too close, radians (7 degrees: 4 columns
     * of the simulator's 64 px camera; at least two columns at any width). A depth camera also drops the pixels on
     * both sides of an occlusion edge (the edge of a door jamb, a box or a post against the floor behind it): a column
     * or two, which must not read as an obstacle 12 cm ahead, while anything closer than a camera's minimum range spans
     * many columns. Chosen on validation episodes (policy/README.md).
     */
    public static final double TOO_CLOSE_WIDTH = Math.toRadians(7);
    static final double NEAR_FLOOR_MIN = 0.25;
    static final double NEAR_FLOOR_MAX = 0.8;
    /** Fewest floor inliers for a fitted plane; below it the nominal floor (z = 0) is used. */
    static final int MIN_FLOOR_POINTS = 30;

    /**
     * About the most depth points one profile processes (a strip's last column group may be narrower than a block, so
     * a few more). A larger image (a 640x480 RGB-D camera has 307,200) is read in blocks of
     * s x s pixels, the smallest s that keeps within this, each block represented by its nearest valid pixel with that
     * pixel's own ray: an obstacle keeps its nearest point, a floor point stays exactly on the floor, and the near
     * floor's missing-depth test still counts every pixel. A camera within the budget (the simulator's 64x64) is read
     * pixel by pixel, exactly as before.
     */
    public static final int MAX_POINTS = 160 * 120;

    private CameraModel camera;
    /** Per pixel, the base_link ray of a point at unit optical depth, relative to the mount: (x, y, z) x pixels. */
    private float[] rays;
    /** Per pixel, the optical depth at which its ray meets the nominal floor (infinite when it looks up). */
    private float[] floorDepth;
    /** The block grid for {@link #layoutStrips} strips: block side, column groups (never across a strip border). */
    private int block;
    private int layoutStrips;
    int groups;
    int rowBlocks;
    /** Per strip, its first column group; {@code stripGroup[strips]} = groups. */
    private int[] stripGroup;
    /** Per image column its group, per group its strip; per pixel whether it lies in the near-floor band. */
    private int[] columnGroup;
    private int[] groupStrip;
    private boolean[] inBand;
    /** Per group, the nearest valid depth in the current row block and its pixel. */
    private float[] nearest;
    private int[] nearestAt;
    /** Per point (row block x column group): its optical depth and its base_link position (tests read them). */
    private float[] depthOf;
    float[] px;
    float[] py;
    float[] pz;
    boolean[] valid;
    private int[] candidates;
    /** The floor fit's scored points (base_link) and their inlier tolerances. */
    private double[] fitX;
    private double[] fitY;
    private double[] fitZ;
    private double[] tolerance;
    private final double[] plane = new double[3];
    /** Per strip: pixels in the near-floor band (fixed by the camera), how many of them invalid, the first invalid one. */
    private int[] band;
    private int[] bandInvalid;
    private int[] firstInvalid;
    /** Per image column: its near-floor band pixels, how many of them are invalid now, the first invalid one. */
    private int[] columnBand;
    private int[] columnInvalid;
    private int[] columnFirst;
    /** The fewest adjacent columns a missing near floor must span to count ({@link #TOO_CLOSE_WIDTH}). */
    private int minRun;
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
        layout(strips);
        int n = reduce(depth.metres());
        fitFloor(n);
        if (hitX.length < strips) {
            hitX = new float[strips];
            hitY = new float[strips];
            floorX = new float[strips];
            floorY = new float[strips];
        }
        lastStrips = strips;
        for (int s = 0; s < strips; s++) {
            double best = maxDepth;
            int bestQ = -1;
            double farFloor = 0;
            int floorQ = -1;
            for (int r = 0; r < rowBlocks; r++) {
                for (int g = stripGroup[s]; g < stripGroup[s + 1]; g++) {
                    int q = r * groups + g;
                    if (!valid[q]) {
                        continue;
                    }
                    double d = depthOf[q];
                    double r2 = px[q] * px[q] + py[q] * py[q];
                    double above = pz[q] - (a * px[q] + b * py[q] + c);
                    double limit = MIN_HEIGHT + NOISE_ALLOWANCE * r2;
                    if (above > limit && above < MAX_HEIGHT) {
                        if (d < best) {
                            best = d;
                            bestQ = q;
                        }
                    } else if (Math.abs(above) <= limit && d < maxDepth && d > farFloor) {
                        farFloor = d;
                        floorQ = q;
                    }
                }
            }
            hitX[s] = bestQ < 0 ? Float.NaN : px[bestQ];
            hitY[s] = bestQ < 0 ? Float.NaN : py[bestQ];
            if (band[s] >= 4 && 2 * bandInvalid[s] >= band[s] && TOO_CLOSE_DEPTH < best) {
                // The near floor is missing: something closer than the camera can measure.
                best = TOO_CLOSE_DEPTH;
                int k = firstInvalid[s];
                hitX[s] = (float) (camera.mountX() + TOO_CLOSE_DEPTH * rays[3 * k]);
                hitY[s] = (float) (camera.mountY() + TOO_CLOSE_DEPTH * rays[3 * k + 1]);
            }
            out[at + s] = (float) (Math.max(0, best) / maxDepth);
            floorX[s] = floorQ < 0 ? Float.NaN : px[floorQ];
            floorY[s] = floorQ < 0 ? Float.NaN : py[floorQ];
        }
    }

    /** The block grid for {@code strips} strips of the bound camera: column groups never cross a strip border. */
    private void layout(int strips) {
        if (strips == layoutStrips && columnGroup != null) {
            return;
        }
        int width = camera.width();
        int height = camera.height();
        block = Math.max(1, (int) Math.ceil(Math.sqrt((double) camera.pixels() / MAX_POINTS)));
        rowBlocks = (height + block - 1) / block;
        // Each strip's columns in groups of block width (the last one narrower): a group never crosses a strip border.
        columnGroup = new int[width];
        int[] stripOf = new int[width];
        stripGroup = new int[strips + 1];
        int g = 0;
        for (int s = 0; s < strips; s++) {
            stripGroup[s] = g;
            int x0 = s * width / strips;
            int x1 = Math.max(x0 + 1, (s + 1) * width / strips);
            for (int x = x0; x < x1; x++) {
                if ((x - x0) % block == 0) {
                    stripOf[g++] = s;
                }
                columnGroup[x] = g - 1;
            }
        }
        stripGroup[strips] = g;
        groups = g;
        groupStrip = java.util.Arrays.copyOf(stripOf, g);
        nearest = new float[groups];
        nearestAt = new int[groups];
        int n = rowBlocks * groups;
        depthOf = new float[n];
        px = new float[n];
        py = new float[n];
        pz = new float[n];
        valid = new boolean[n];
        candidates = new int[n];
        fitX = new double[n];
        fitY = new double[n];
        fitZ = new double[n];
        tolerance = new double[n];
        band = new int[strips];
        bandInvalid = new int[strips];
        firstInvalid = new int[strips];
        inBand = new boolean[camera.pixels()];
        columnBand = new int[width];
        columnInvalid = new int[width];
        columnFirst = new int[width];
        for (int k = 0; k < inBand.length; k++) {
            inBand[k] = floorDepth[k] >= NEAR_FLOOR_MIN && floorDepth[k] <= NEAR_FLOOR_MAX;
            if (inBand[k]) {
                band[groupStrip[columnGroup[k % width]]]++;
                columnBand[k % width]++;
            }
        }
        minRun = Math.max(2, (int) Math.ceil(TOO_CLOSE_WIDTH * camera.fx()));
        layoutStrips = strips;
    }

    /**
     * Reads the depth image into the points: per block its nearest valid pixel, back-projected through that pixel's
     * ray; per strip the near-floor band's invalid pixels. One pass over the rows. Returns the number of points.
     */
    private int reduce(float[] m) {
        int width = camera.width();
        int height = camera.height();
        java.util.Arrays.fill(columnInvalid, 0);
        java.util.Arrays.fill(columnFirst, -1);
        for (int r = 0; r < rowBlocks; r++) {
            java.util.Arrays.fill(nearest, Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(nearestAt, -1);
            int y1 = Math.min(height, (r + 1) * block);
            for (int y = r * block; y < y1; y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    int k = row + x;
                    float d = m[k];
                    int g = columnGroup[x];
                    if (d > 0 && d < nearest[g]) {
                        nearest[g] = d;
                        nearestAt[g] = k;
                    } else if (!(d > 0 && d < Float.POSITIVE_INFINITY) && inBand[k]) {
                        columnInvalid[x]++;
                        if (columnFirst[x] < 0) {
                            columnFirst[x] = k;
                        }
                    }
                }
            }
            for (int g = 0; g < groups; g++) {
                int q = r * groups + g;
                int at = nearestAt[g];
                valid[q] = at >= 0;
                if (at >= 0) {
                    float d = nearest[g];
                    depthOf[q] = d;
                    px[q] = (float) (camera.mountX() + d * rays[3 * at]);
                    py[q] = (float) (camera.mountY() + d * rays[3 * at + 1]);
                    pz[q] = (float) (camera.mountZ() + d * rays[3 * at + 2]);
                }
            }
        }
        missingFloor(width);
        return rowBlocks * groups;
    }

    /**
     * Per strip, the invalid near-floor pixels of its columns that lie in a run of at least {@link #minRun} adjacent
     * columns whose near floor is mostly missing (so that occlusion edges do not count), and the first of them.
     */
    private void missingFloor(int width) {
        java.util.Arrays.fill(bandInvalid, 0);
        java.util.Arrays.fill(firstInvalid, -1);
        int x = 0;
        while (x < width) {
            if (!mostlyMissing(x)) {
                x++;
                continue;
            }
            int end = x;
            while (end < width && mostlyMissing(end)) {
                end++;
            }
            if (end - x >= minRun) {
                for (int c = x; c < end; c++) {
                    int s = groupStrip[columnGroup[c]];
                    bandInvalid[s] += columnInvalid[c];
                    if (firstInvalid[s] < 0) {
                        firstInvalid[s] = columnFirst[c];
                    }
                }
            }
            x = end;
        }
    }

    private boolean mostlyMissing(int column) {
        return columnBand[column] > 0 && 2 * columnInvalid[column] >= columnBand[column];
    }

    /** Strips of the last profile. */
    public int strips() {
        return lastStrips;
    }

    /**
     * What one profile found, copied out of the profiler that computed it: the profile values and everything the
     * queries ({@link #obstacle}, {@link #floorReach}, {@link #floor}) answer. Lets one thread profile a depth image
     * and another use the result ({@link #restore}); immutable.
     */
    public static final class Snapshot {
        private final double maxDepth;
        private final float[] profile;
        private final float[] hitX;
        private final float[] hitY;
        private final float[] floorX;
        private final float[] floorY;
        private final boolean fitted;
        private final double a;
        private final double b;
        private final double c;

        private Snapshot(DepthObstacles o, double maxDepth, float[] profile) {
            int n = o.lastStrips;
            this.maxDepth = maxDepth;
            this.profile = java.util.Arrays.copyOf(profile, n);
            this.hitX = java.util.Arrays.copyOf(o.hitX, n);
            this.hitY = java.util.Arrays.copyOf(o.hitY, n);
            this.floorX = java.util.Arrays.copyOf(o.floorX, n);
            this.floorY = java.util.Arrays.copyOf(o.floorY, n);
            this.fitted = o.fitted;
            this.a = o.a;
            this.b = o.b;
            this.c = o.c;
        }

        /** The strips profiled. */
        public int strips() {
            return profile.length;
        }

        /** The depth the profile values were divided by, metres. */
        public double maxDepth() {
            return maxDepth;
        }

        /** Copies the profile values into {@code out} from {@code at}. */
        public void profile(float[] out, int at) {
            System.arraycopy(profile, 0, out, at, profile.length);
        }
    }

    /**
     * Profiles {@code depth} as {@link #profile} does and returns what it found as a {@link Snapshot}.
     *
     * @see #profile
     */
    public Snapshot snapshot(RobotObservation.DepthImage depth, CameraModel camera, int strips, double maxDepth) {
        float[] out = new float[strips];
        profile(depth, camera, strips, maxDepth, out, 0);
        return new Snapshot(this, maxDepth, out);
    }

    /**
     * Makes this profiler answer {@link #strips}, {@link #obstacle}, {@link #floorReach}, {@link #floorFitted} and
     * {@link #floor} as the one that made {@code s} did after that profile.
     */
    public void restore(Snapshot s) {
        int n = s.strips();
        if (hitX.length < n) {
            hitX = new float[n];
            hitY = new float[n];
            floorX = new float[n];
            floorY = new float[n];
        }
        System.arraycopy(s.hitX, 0, hitX, 0, n);
        System.arraycopy(s.hitY, 0, hitY, 0, n);
        System.arraycopy(s.floorX, 0, floorX, 0, n);
        System.arraycopy(s.floorY, 0, floorY, 0, n);
        lastStrips = n;
        fitted = s.fitted;
        a = s.a;
        b = s.b;
        c = s.c;
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

    /** Most floor tilt a fitted plane may have (a mount a few degrees off its calibration), as a slope. */
    static final double MAX_TILT = Math.tan(Math.toRadians(8));
    /** Most floor height offset a fitted plane may have, metres. */
    static final double MAX_OFFSET = 0.05;
    private static final int HYPOTHESES = 48;

    /**
     * Fits the floor by RANSAC over the points near the nominal floor: planes through three of them, within
     * {@link #MAX_TILT} and {@link #MAX_OFFSET} of the nominal floor, scored by their inliers; the best is refined by
     * least squares on its inliers. A low box filling the view cannot win (its top lies too high, its faces are too
     * steep), so it does not drag the floor up and vanish into it. The random triples come from a fixed seed: the
     * same image gives the same floor.
     */
    private void fitFloor(int n) {
        a = 0;
        b = 0;
        c = 0;
        fitted = false;
        int count = 0;
        for (int k = 0; k < n; k++) {
            if (!valid[k]) {
                continue;
            }
            double r = Math.sqrt(px[k] * px[k] + py[k] * py[k]);
            if (Math.abs(pz[k]) <= MAX_OFFSET + (MAX_TILT + 0.02) * r) {
                candidates[count++] = k;
            }
        }
        if (count < MIN_FLOOR_POINTS) {
            return;
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(0x5EEDF100L);
        int stride = Math.max(1, count / 1024);
        // The scored points (every stride-th candidate) gathered once, with their inlier tolerance: the same values
        // inlier() computes, so the scores are the same.
        int scored = 0;
        for (int q = 0; q < count; q += stride) {
            int k = candidates[q];
            fitX[scored] = px[k];
            fitY[scored] = py[k];
            fitZ[scored] = pz[k];
            float r2 = px[k] * px[k] + py[k] * py[k];
            tolerance[scored] = 0.015 + 0.005 * r2;
            scored++;
        }
        int bestScore = -1;
        double ba = 0, bb = 0, bc = 0;
        double[] plane = this.plane;
        for (int h = 0; h < HYPOTHESES; h++) {
            int i = candidates[rnd.nextInt(count)];
            int j = candidates[rnd.nextInt(count)];
            int k = candidates[rnd.nextInt(count)];
            if (!planeThrough(i, j, k, plane) || !plausible(plane)) {
                continue;
            }
            int score = score(plane[0], plane[1], plane[2], scored, bestScore);
            if (score > bestScore) {
                bestScore = score;
                ba = plane[0];
                bb = plane[1];
                bc = plane[2];
            }
        }
        if (bestScore * stride < MIN_FLOOR_POINTS) {
            return;
        }
        a = ba;
        b = bb;
        c = bc;
        fitted = true;
        // Least squares on the inliers of the best hypothesis, kept only if it stays plausible.
        double sxx = 0, sxy = 0, sx = 0, syy = 0, sy = 0, s1 = 0, sxz = 0, syz = 0, sz = 0;
        for (int q = 0; q < count; q++) {
            int k = candidates[q];
            if (!inlier(k, ba, bb, bc)) {
                continue;
            }
            double x = px[k];
            double y = py[k];
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
        double det = sxx * (syy * s1 - sy * sy) - sxy * (sxy * s1 - sy * sx) + sx * (sxy * sy - syy * sx);
        if (Math.abs(det) > 1e-9) {
            plane[0] = (sxz * (syy * s1 - sy * sy) - sxy * (syz * s1 - sy * sz) + sx * (syz * sy - syy * sz)) / det;
            plane[1] = (sxx * (syz * s1 - sz * sy) - sxz * (sxy * s1 - sy * sx) + sx * (sxy * sz - syz * sx)) / det;
            plane[2] = (sxx * (syy * sz - sy * syz) - sxy * (sxy * sz - syz * sx) + sxz * (sxy * sy - syy * sx)) / det;
            if (plausible(plane)) {
                a = plane[0];
                b = plane[1];
                c = plane[2];
            }
        }
    }

    /**
     * The inliers among the first {@code scored} gathered points of the plane z = pa x + pb y + pc, or any number no
     * larger than {@code beat} once the points left cannot lift the count above it (the hypothesis cannot win then).
     */
    private int score(double pa, double pb, double pc, int scored, int beat) {
        int score = 0;
        int q = 0;
        while (q < scored) {
            int end = Math.min(scored, q + 256);
            for (; q < end; q++) {
                if (Math.abs(fitZ[q] - (pa * fitX[q] + pb * fitY[q] + pc)) < tolerance[q]) {
                    score++;
                }
            }
            if (score + (scored - q) <= beat) {
                return score;
            }
        }
        return score;
    }

    private boolean inlier(int k, double pa, double pb, double pc) {
        double r2 = px[k] * px[k] + py[k] * py[k];
        return Math.abs(pz[k] - (pa * px[k] + pb * py[k] + pc)) < 0.015 + 0.005 * r2;
    }

    private static boolean plausible(double[] p) {
        return Math.abs(p[0]) <= MAX_TILT && Math.abs(p[1]) <= MAX_TILT && Math.abs(p[2]) <= MAX_OFFSET;
    }

    /** The plane z = a x + b y + c through points i, j, k into {@code out}; false when they are (nearly) collinear. */
    private boolean planeThrough(int i, int j, int k, double[] out) {
        double ux = px[j] - px[i], uy = py[j] - py[i], uz = pz[j] - pz[i];
        double vx = px[k] - px[i], vy = py[k] - py[i], vz = pz[k] - pz[i];
        double nx = uy * vz - uz * vy;
        double ny = uz * vx - ux * vz;
        double nz = ux * vy - uy * vx;
        if (Math.abs(nz) < 1e-4) {
            return false;
        }
        out[0] = -nx / nz;
        out[1] = -ny / nz;
        out[2] = pz[i] - out[0] * px[i] - out[1] * py[i];
        return true;
    }

    private void bind(CameraModel cam) {
        if (cam.equals(camera)) {
            return;
        }
        camera = cam;
        int n = cam.pixels();
        rays = new float[3 * n];
        floorDepth = new float[n];
        columnGroup = null;
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
                floorDepth[k] = rays[3 * k + 2] < 0 ? (float) (-cam.mountZ() / rays[3 * k + 2])
                        : Float.POSITIVE_INFINITY;
            }
        }
    }
}
