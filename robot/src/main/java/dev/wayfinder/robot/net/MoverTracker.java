package dev.wayfinder.robot.net;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.OccupancyMap;
import dev.wayfinder.robot.Pose2D;

/**
 * Moving obstacles (people, carts) told apart from the furniture by their motion over successive depth frames, and
 * predicted ahead, for the {@link SafetyShield}: a collision monitor that assumes a still world lets a robot drive into
 * a walker's path, or stand in it.
 *
 * <p>Each frame's depth profile ({@link dev.wayfinder.robot.perception.DepthObstacles}' strips) is cut into objects:
 * runs of neighbouring strips whose nearest points lie close together (under {@link #GAP} m plus
 * {@link #GAP_PER_METRE} per metre of depth). Only an object that stands out in front of what is beside it (the
 * strips on either side see at least {@link #FOREGROUND} farther), at most {@link #MAX_WIDTH} wide and within
 * {@link #MAX_RANGE} is measured: a wall seen at a slant breaks into short runs that slide along it as the robot moves,
 * but each has a nearer neighbour on one side. It is taken to be a disc, its half-width for a radius and its centre
 * that far behind the middle of the surface seen. An object cut by the image's edge is measured from its inner
 * silhouette, with the radius its track was seen with: the centre that radius from the silhouette's ray, at the
 * depth of the last column on the object (a little near for a round one: a still object partly out of view can seem
 * to creep while the robot turns, which the shield meets with a little more caution, not less). Objects are
 * matched to the tracks of earlier frames by nearest predicted position (within {@link #GATE}); a track's velocity is
 * the least-squares slope of its centres over the last {@link #WINDOW} s, and the track counts as moving once that
 * slope is at least {@link #MOVING_SPEED} over at least {@link #MIN_SPAN} s of {@link #MIN_MEASUREMENTS} or more
 * measurements, and the motion over the span is {@link #STEADY} times the scatter of the centres about the fitted
 * line. Everything is in the odometry frame: the robot's own motion drops out. With a {@link #map static map}, a
 * track on a mapped object is that object, however it seems to move.
 *
 * <p>A track not measured again is carried along its velocity for {@link #COAST} s, then forgotten; earlier when a
 * frame sees through the place it should be. It needs nothing a robot lacks: the depth camera's profile, odometry,
 * the camera's nominal intrinsics and mount, and the static map where the robot has one.
 *
 * <p>Allocates nothing after construction. Not thread-safe: one per robot.
 */
public final class MoverTracker {
    /** Largest gap between neighbouring strips' points within one object, metres, at the camera. */
    public static final double GAP = 0.12;
    /** The gap allowed grows by this much per metre of depth (strips are wider far away, the noise larger). */
    public static final double GAP_PER_METRE = 0.03;
    /** How much farther the strips beside an object must see for it to stand out in front, metres. */
    public static final double FOREGROUND = 0.25;
    /** Objects wider than this are walls or rows of furniture, not tracked, metres. */
    public static final double MAX_WIDTH = 0.8;
    /** Objects farther than this from the camera are not measured (depth noise grows with the square), metres. */
    public static final double MAX_RANGE = 3.5;
    /** How far from a track's predicted centre a new measurement may be and still belong to it, metres. */
    public static final double GATE = 0.35;
    /** Seconds of measurements a velocity is fitted over. */
    public static final double WINDOW = 1.0;
    /** Shortest span of measurements a velocity is trusted from, seconds. */
    public static final double MIN_SPAN = 0.6;
    /** Fewest measurements a velocity is trusted from. */
    public static final int MIN_MEASUREMENTS = 5;
    /** Speed from which a track counts as moving, m/s (half of it keeps a moving track moving). */
    public static final double MOVING_SPEED = 0.1;
    /** Speeds above this are taken for a wrong match, m/s: the track starts over from its latest measurement. */
    public static final double MAX_SPEED = 1.5;
    /** How many times the scatter of a track's centres about its line the motion over the span must be. */
    public static final double STEADY = 5;
    /** Seconds a track is carried along its velocity after its last measurement. */
    public static final double COAST = 2.0;
    /** How near an occupied cell of the static map a track's centre must be to count as the mapped object, metres. */
    public static final double MAP_TOLERANCE = 0.25;
    /** Tracks kept at once. */
    public static final int MAX_TRACKS = 24;
    /** Smallest and largest radius a tracked disc is given, metres. */
    static final double MIN_RADIUS = 0.08;
    static final double MAX_RADIUS = 0.4;
    private static final int HISTORY = 16;
    /** The radius an object first seen cut by the image's edge is given, metres. */
    static final double EDGE_RADIUS = 0.2;
    /** How much farther than a coasting track a strip must see to have seen through it, metres. */
    private static final double SEE_THROUGH = 0.3;

    private final int strips;
    // Tracks.
    private final boolean[] alive = new boolean[MAX_TRACKS];
    private final boolean[] moving = new boolean[MAX_TRACKS];
    private final double[] ht = new double[MAX_TRACKS * HISTORY];
    private final double[] hx = new double[MAX_TRACKS * HISTORY];
    private final double[] hy = new double[MAX_TRACKS * HISTORY];
    private final int[] count = new int[MAX_TRACKS];
    private final int[] head = new int[MAX_TRACKS];
    private final double[] cx = new double[MAX_TRACKS];
    private final double[] cy = new double[MAX_TRACKS];
    private final double[] vx = new double[MAX_TRACKS];
    private final double[] vy = new double[MAX_TRACKS];
    private final double[] radius = new double[MAX_TRACKS];
    /** When the track was last measured, seconds. */
    private final double[] measured = new double[MAX_TRACKS];
    // One frame's strips and objects.
    private final double[] sx;
    private final double[] sy;
    private final double[] sd;
    private final boolean[] seen;
    private final double[] bx;
    private final double[] by;
    private final double[] br;
    private final boolean[] measurable;
    /** Objects cut by the image's edge, narrow and near enough to be a tracked one partly in view. */
    private final boolean[] edgeCut;
    /** For an object cut by the edge: its silhouette point on the inner side and the unit normal into it. */
    private final double[] ix;
    private final double[] iy;
    private final double[] inx;
    private final double[] iny;
    private final int[] blobTrack;
    private final boolean[] trackTaken = new boolean[MAX_TRACKS];
    /** The static map a robot on a mapped site has, and where the odometry frame lies on it; null without one. */
    private OccupancyMap map;
    private Pose2D odomInMap;
    private final double[] inMap = new double[2];

    /** @param strips values of each observed depth profile, 1..512 */
    public MoverTracker(int strips) {
        if (strips < 1 || strips > 512) {
            throw new IllegalArgumentException("need 1..512 strips, got " + strips);
        }
        this.strips = strips;
        sx = new double[strips];
        sy = new double[strips];
        sd = new double[strips];
        seen = new boolean[strips];
        bx = new double[strips];
        by = new double[strips];
        br = new double[strips];
        measurable = new boolean[strips];
        edgeCut = new boolean[strips];
        ix = new double[strips];
        iy = new double[strips];
        inx = new double[strips];
        iny = new double[strips];
        blobTrack = new int[strips];
    }

    /** Values per observed depth profile. */
    public int strips() {
        return strips;
    }

    /**
     * The static map of the site (a robot with a SLAM map has one) and the odometry frame's pose on it; null for none.
     * A track whose centre lies within {@link #MAP_TOLERANCE} of an occupied cell is taken for the furniture or wall
     * the map shows, however it seems to move: a still object partly out of view can seem to creep (see the class
     * comment), walkers and carts are not on the map.
     */
    public void map(OccupancyMap grid, Pose2D odomInMap) {
        this.map = grid;
        this.odomInMap = odomInMap;
    }

    /** Forgets every track (a new episode). */
    public void reset() {
        java.util.Arrays.fill(alive, false);
        java.util.Arrays.fill(moving, false);
    }

    /**
     * Takes in one frame's depth profile.
     *
     * @param stampNanos when the depth image was taken
     * @param x          robot position in the odometry frame when it was taken, metres
     * @param y          robot position, metres
     * @param yaw        robot heading, radians
     * @param profile    {@link #strips()} values from {@code at}, each {@code depth / MAX_DEPTH} of the nearest wall
     *                   or obstacle in one vertical strip, left to right (1 and NaN: nothing seen)
     * @param camera     the camera's nominal intrinsics and mount
     */
    public void observe(long stampNanos, double x, double y, double yaw, float[] profile, int at, CameraModel camera) {
        double t = stampNanos * 1e-9;
        double cos = Math.cos(yaw);
        double sin = Math.sin(yaw);
        double mc = Math.cos(camera.yaw());
        double ms = Math.sin(camera.yaw());
        double camX = x + cos * camera.mountX() - sin * camera.mountY();
        double camY = y + sin * camera.mountX() + cos * camera.mountY();
        for (int b = 0; b < strips; b++) {
            float v = profile[at + b];
            double depth = Math.max(0, v) * Features.MAX_DEPTH;
            seen[b] = v < 0.999f;
            sd[b] = seen[b] ? depth : Double.POSITIVE_INFINITY;
            double u = (b + 0.5) * camera.width() / strips;
            double lateral = depth * (camera.cx() - u) / camera.fx();
            double rx = camera.mountX() + mc * depth - ms * lateral;
            double ry = camera.mountY() + ms * depth + mc * lateral;
            sx[b] = x + cos * rx - sin * ry;
            sy[b] = y + sin * rx + cos * ry;
        }
        int blobs = segment(camera, camX, camY, x, y, cos, sin);
        associate(blobs, t);
        seeThrough(camera, x, y, yaw, t);
        for (int k = 0; k < MAX_TRACKS; k++) {
            if (alive[k] && t - measured[k] > COAST) {
                alive[k] = false;
                moving[k] = false;
            }
        }
    }

    /** Cuts the strips into objects; returns how many. */
    private int segment(CameraModel camera, double camX, double camY, double x, double y, double cos, double sin) {
        int blobs = 0;
        double mc = Math.cos(camera.yaw());
        double ms = Math.sin(camera.yaw());
        double stripAngle = (double) camera.width() / strips / camera.fx();
        for (int b = 0; b < strips; ) {
            if (!seen[b]) {
                b++;
                continue;
            }
            int start = b;
            while (b + 1 < strips && seen[b + 1]
                    && Math.hypot(sx[b + 1] - sx[b], sy[b + 1] - sy[b]) < GAP + GAP_PER_METRE * sd[b]) {
                b++;
            }
            int end = b;
            b++;
            double mx = 0;
            double my = 0;
            double near = Double.POSITIVE_INFINITY;
            for (int s = start; s <= end; s++) {
                mx += sx[s];
                my += sy[s];
                near = Math.min(near, sd[s]);
            }
            int n = end - start + 1;
            mx /= n;
            my /= n;
            // Width: the chord between the two outer strips' points plus one strip's width at each end.
            double width = Math.hypot(sx[end] - sx[start], sy[end] - sy[start])
                    + stripAngle * (sd[start] + sd[end]) / 2;
            double r = Math.max(MIN_RADIUS, Math.min(MAX_RADIUS, width / 2));
            // The disc's centre lies its radius behind the middle of the surface seen, along the ray to it.
            double rx = mx - camX;
            double ry = my - camY;
            double len = Math.hypot(rx, ry);
            if (len > 1e-6) {
                mx += rx / len * r;
                my += ry / len * r;
            }
            bx[blobs] = mx;
            by[blobs] = my;
            br[blobs] = r;
            boolean partial = start == 0 || end == strips - 1;
            // Only an object standing out in front of what is beside it is measured: a wall seen at a slant breaks
            // into short runs that slide along it as the robot moves, but each has a nearer neighbour on one side.
            boolean foreground = !partial && sd[start - 1] > sd[start] + FOREGROUND
                    && sd[end + 1] > sd[end] + FOREGROUND;
            measurable[blobs] = foreground && width <= MAX_WIDTH && near <= MAX_RANGE;
            // Cut by one edge of the image: the object's edge on the inner side, the silhouette, is seen (the
            // boundary between the last column on it and the first beyond), and a disc of a known radius has its
            // centre that far from that ray, on the object's side. Where along the ray is less certain: the depth of
            // the last column on the object, which sees it a little inside its edge (nearer, for a round object).
            boolean leftCut = start == 0 && end < strips - 1 && sd[end + 1] > sd[end] + FOREGROUND;
            boolean rightCut = end == strips - 1 && start > 0 && sd[start - 1] > sd[start] + FOREGROUND;
            edgeCut[blobs] = (leftCut || rightCut) && width <= MAX_WIDTH && near <= MAX_RANGE;
            if (edgeCut[blobs]) {
                int inner = rightCut ? start : end;
                double d = sd[inner];
                double u = (rightCut ? start : end + 1) * (double) camera.width() / strips;
                double lateral = d * (camera.cx() - u) / camera.fx();
                double ex = camera.mountX() + mc * d - ms * lateral;
                double ey = camera.mountY() + ms * d + mc * lateral;
                ix[blobs] = x + cos * ex - sin * ey;
                iy[blobs] = y + sin * ex + cos * ey;
                double dx = ix[blobs] - camX;
                double dy = iy[blobs] - camY;
                double l = Math.max(1e-6, Math.hypot(dx, dy));
                // The object lies to the right of its left silhouette (clockwise), to the left of its right one.
                inx[blobs] = rightCut ? dy / l : -dy / l;
                iny[blobs] = rightCut ? -dx / l : dx / l;
                br[blobs] = EDGE_RADIUS;
                bx[blobs] = ix[blobs] + EDGE_RADIUS * inx[blobs];
                by[blobs] = iy[blobs] + EDGE_RADIUS * iny[blobs];
            }
            blobTrack[blobs] = -1;
            blobs++;
        }
        return blobs;
    }

    /**
     * Matches objects to tracks, nearest predicted centre first; each object measured updates its track or starts
     * one.
     */
    private void associate(int blobs, double t) {
        java.util.Arrays.fill(trackTaken, false);
        while (true) {
            double best = GATE;
            int bi = -1;
            int bk = -1;
            for (int i = 0; i < blobs; i++) {
                if (blobTrack[i] != -1 || !(measurable[i] || edgeCut[i])) {
                    continue;
                }
                for (int k = 0; k < MAX_TRACKS; k++) {
                    if (!alive[k] || trackTaken[k]) {
                        continue;
                    }
                    double dt = t - measured[k];
                    double d = Math.hypot(cx[k] + vx[k] * dt - bx[i], cy[k] + vy[k] * dt - by[i]);
                    if (d < best) {
                        best = d;
                        bi = i;
                        bk = k;
                    }
                }
            }
            if (bi < 0) {
                break;
            }
            trackTaken[bk] = true;
            blobTrack[bi] = bk;
            if (measurable[bi]) {
                measure(bk, t, bx[bi], by[bi], br[bi]);
            } else {
                // Cut by the edge: the centre from the inner silhouette and the radius the track was seen with.
                double r = radius[bk];
                measure(bk, t, ix[bi] + r * inx[bi], iy[bi] + r * iny[bi], r);
            }
        }
        for (int i = 0; i < blobs; i++) {
            if (blobTrack[i] == -1 && (measurable[i] || edgeCut[i])) {
                int k = freeSlot(t);
                start(k, t, bx[i], by[i], br[i]);
                blobTrack[i] = k;
                trackTaken[k] = true;
            }
        }
    }

    /** A free track slot, else the one measured longest ago. */
    private int freeSlot(double t) {
        int oldest = 0;
        for (int k = 0; k < MAX_TRACKS; k++) {
            if (!alive[k]) {
                return k;
            }
            if (!trackTaken[k] && (trackTaken[oldest] || measured[k] < measured[oldest])) {
                oldest = k;
            }
        }
        return oldest;
    }

    private void start(int k, double t, double x, double y, double r) {
        alive[k] = true;
        moving[k] = false;
        restart(k, t, x, y, r);
    }

    /** Track {@code k}'s history starts over from this measurement, at rest. */
    private void restart(int k, double t, double x, double y, double r) {
        count[k] = 0;
        head[k] = 0;
        vx[k] = 0;
        vy[k] = 0;
        push(k, t, x, y, r);
    }

    private void push(int k, double t, double x, double y, double r) {
        int slot = k * HISTORY + head[k];
        ht[slot] = t;
        hx[slot] = x;
        hy[slot] = y;
        head[k] = (head[k] + 1) % HISTORY;
        count[k] = Math.min(HISTORY, count[k] + 1);
        cx[k] = x;
        cy[k] = y;
        radius[k] = r;
        measured[k] = t;
    }

    private void measure(int k, double t, double x, double y, double r) {
        push(k, t, x, y, r);
        // Least-squares slope over the measurements of the last WINDOW seconds.
        int n = 0;
        double st = 0;
        double sxv = 0;
        double syv = 0;
        double first = t;
        for (int j = 0; j < count[k]; j++) {
            int slot = k * HISTORY + j;
            if (t - ht[slot] <= WINDOW) {
                n++;
                st += ht[slot] - t;
                sxv += hx[slot];
                syv += hy[slot];
                first = Math.min(first, ht[slot]);
            }
        }
        if (n < MIN_MEASUREMENTS || t - first < MIN_SPAN) {
            vx[k] = 0;
            vy[k] = 0;
            moving[k] = false;
            return;
        }
        double mt = st / n;
        double mx = sxv / n;
        double my = syv / n;
        double ctt = 0;
        double ctx = 0;
        double cty = 0;
        for (int j = 0; j < count[k]; j++) {
            int slot = k * HISTORY + j;
            if (t - ht[slot] <= WINDOW) {
                double dt = ht[slot] - t - mt;
                ctt += dt * dt;
                ctx += dt * (hx[slot] - mx);
                cty += dt * (hy[slot] - my);
            }
        }
        double fx = ctx / ctt;
        double fy = cty / ctt;
        double speed = Math.hypot(fx, fy);
        if (speed > MAX_SPEED) {
            // A wrong match: the history starts over from this measurement.
            restart(k, t, x, y, r);
            return;
        }
        // The scatter about the fitted line: a still object's centre jitters (depth noise, the side it is seen from),
        // a walker's moves steadily; the motion over the span must stand out of the scatter.
        double scatter = 0;
        for (int j = 0; j < count[k]; j++) {
            int slot = k * HISTORY + j;
            if (t - ht[slot] <= WINDOW) {
                double dt = ht[slot] - t - mt;
                double ex = hx[slot] - mx - fx * dt;
                double ey = hy[slot] - my - fy * dt;
                scatter += ex * ex + ey * ey;
            }
        }
        scatter = Math.sqrt(scatter / n);
        boolean steady = speed * (t - first) > STEADY * scatter;
        vx[k] = fx;
        vy[k] = fy;
        boolean now = steady && speed >= (moving[k] ? MOVING_SPEED / 2 : MOVING_SPEED);
        moving[k] = now;
    }

    /** Forgets coasting tracks whose predicted place a strip of this frame sees through. */
    private void seeThrough(CameraModel camera, double x, double y, double yaw, double t) {
        double camYaw = yaw + camera.yaw();
        for (int k = 0; k < MAX_TRACKS; k++) {
            if (!alive[k] || trackTaken[k]) {
                continue;
            }
            double dt = t - measured[k];
            double px = cx[k] + vx[k] * dt - x;
            double py = cy[k] + vy[k] * dt - y;
            double fwd = Math.cos(camYaw) * px + Math.sin(camYaw) * py - camera.mountX();
            double left = -Math.sin(camYaw) * px + Math.cos(camYaw) * py;
            if (fwd < 0.3 || fwd > MAX_RANGE) {
                continue;
            }
            double u = camera.cx() - left / fwd * camera.fx();
            int b = (int) Math.floor(u * strips / camera.width());
            if (b < 1 || b > strips - 2) {
                continue;
            }
            if (sd[b] > fwd + radius[k] + SEE_THROUGH && sd[b - 1] > fwd + SEE_THROUGH
                    && sd[b + 1] > fwd + SEE_THROUGH) {
                alive[k] = false;
                moving[k] = false;
            }
        }
    }

    /** Whether odometry point ({@code x}, {@code y}) lies within {@link #MAP_TOLERANCE} of an occupied map cell. */
    private boolean onMap(double x, double y) {
        if (map == null) {
            return false;
        }
        odomInMap.apply(x, y, inMap);
        int reach = (int) Math.ceil(MAP_TOLERANCE / map.resolution());
        int ci = map.column(inMap[0]);
        int cj = map.row(inMap[1]);
        for (int j = cj - reach; j <= cj + reach; j++) {
            for (int i = ci - reach; i <= ci + reach; i++) {
                if (map.occupied(i, j) && Math.hypot(map.centerX(i) - inMap[0], map.centerY(j) - inMap[1])
                        <= MAP_TOLERANCE + map.resolution() / 2) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The moving tracks, predicted to {@code nowNanos}: centres, velocities (m/s) and radii into the arrays (each of
     * at least {@link #MAX_TRACKS}); returns how many.
     */
    public int movers(long nowNanos, double[] x, double[] y, double[] velX, double[] velY, double[] r) {
        double t = nowNanos * 1e-9;
        int n = 0;
        for (int k = 0; k < MAX_TRACKS; k++) {
            if (alive[k] && moving[k] && !onMap(cx[k], cy[k])) {
                double dt = Math.max(0, t - measured[k]);
                x[n] = cx[k] + vx[k] * dt;
                y[n] = cy[k] + vy[k] * dt;
                velX[n] = vx[k];
                velY[n] = vy[k];
                r[n] = radius[k];
                n++;
            }
        }
        return n;
    }
}
