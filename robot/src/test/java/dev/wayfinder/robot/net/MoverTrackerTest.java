package dev.wayfinder.robot.net;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.OccupancyMap;
import dev.wayfinder.robot.Pose2D;
import dev.wayfinder.robot.RobotDescription;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tracker on depth profiles ray-cast from scenes of discs and walls: walkers are found moving with their
 * velocity, furniture and walls are not while the robot drives past them, and the shield keeps out of a walker's way.
 */
class MoverTrackerTest {
    private static final CameraModel CAMERA = new CameraModel(64, 64, 32, 32, 32, 32, 0, 0, 0.2, 0, 0, 0);
    private static final int STRIPS = 64;
    private static final long STEP = 100_000_000L;

    /** A disc at (x, y) + t * (vx, vy) of radius r, or a wall segment from (x, y) to (vx, vy) when r is negative. */
    private record Thing(double x, double y, double vx, double vy, double r, double turnAt, double vx2, double vy2) {
        static Thing disc(double x, double y, double vx, double vy, double r) {
            return new Thing(x, y, vx, vy, r, Double.POSITIVE_INFINITY, 0, 0);
        }

        /** A disc that walks at (vx, vy) until {@code turnAt} seconds, then at (vx2, vy2). */
        static Thing turning(double x, double y, double vx, double vy, double r, double turnAt, double vx2,
                             double vy2) {
            return new Thing(x, y, vx, vy, r, turnAt, vx2, vy2);
        }

        static Thing wall(double x0, double y0, double x1, double y1) {
            return new Thing(x0, y0, x1, y1, -1, Double.POSITIVE_INFINITY, 0, 0);
        }

        double xAt(double t) {
            return t < turnAt ? x + vx * t : x + vx * turnAt + vx2 * (t - turnAt);
        }

        double yAt(double t) {
            return t < turnAt ? y + vy * t : y + vy * turnAt + vy2 * (t - turnAt);
        }
    }

    /** The depth profile the camera of a robot at (x, y, yaw) sees at time t, nearest z-depth per strip. */
    private static float[] profile(List<Thing> scene, double t, double x, double y, double yaw) {
        float[] p = new float[STRIPS];
        for (int b = 0; b < STRIPS; b++) {
            double a = (CAMERA.cx() - (b + 0.5) * CAMERA.width() / STRIPS) / CAMERA.fx();
            // The ray x + s * d, s the z-depth.
            double dx = Math.cos(yaw) - Math.sin(yaw) * a;
            double dy = Math.sin(yaw) + Math.cos(yaw) * a;
            double best = Double.POSITIVE_INFINITY;
            for (Thing th : scene) {
                if (th.r() > 0) {
                    double cx = th.xAt(t) - x;
                    double cy = th.yAt(t) - y;
                    double qa = dx * dx + dy * dy;
                    double qb = -2 * (dx * cx + dy * cy);
                    double qc = cx * cx + cy * cy - th.r() * th.r();
                    double disc = qb * qb - 4 * qa * qc;
                    if (disc >= 0) {
                        double s = (-qb - Math.sqrt(disc)) / (2 * qa);
                        if (s > 0) {
                            best = Math.min(best, s);
                        }
                    }
                } else {
                    // Segment (x, y)-(vx, vy): solve x + s d = p0 + u (p1 - p0).
                    double ex = th.vx() - th.x();
                    double ey = th.vy() - th.y();
                    double det = dx * -ey + ex * dy;
                    if (Math.abs(det) < 1e-12) {
                        continue;
                    }
                    double rx = th.x() - x;
                    double ry = th.y() - y;
                    double s = (rx * -ey + ex * ry) / det;
                    double u = (dx * ry - dy * rx) / det;
                    if (s > 0 && u >= 0 && u <= 1) {
                        best = Math.min(best, s);
                    }
                }
            }
            p[b] = best <= Features.MAX_DEPTH ? (float) (best / Features.MAX_DEPTH) : 1f;
        }
        return p;
    }

    private static final double[] X = new double[MoverTracker.MAX_TRACKS];
    private static final double[] Y = new double[MoverTracker.MAX_TRACKS];
    private static final double[] VX = new double[MoverTracker.MAX_TRACKS];
    private static final double[] VY = new double[MoverTracker.MAX_TRACKS];
    private static final double[] R = new double[MoverTracker.MAX_TRACKS];

    @Test
    void aWalkerCrossingTheViewIsFoundMovingWithItsVelocity() {
        // 1.5 m ahead, walking from left to right (towards -y) at 0.25 m/s; the robot stands still.
        List<Thing> scene = List.of(Thing.disc(1.5, 0.6, 0, -0.25, 0.2));
        MoverTracker tracker = new MoverTracker(STRIPS);
        int found = 0;
        for (int k = 0; k <= 30; k++) {
            double t = k * 0.1;
            tracker.observe(k * STEP, 0, 0, 0, profile(scene, t, 0, 0, 0), 0, CAMERA);
            found = tracker.movers(k * STEP, X, Y, VX, VY, R);
        }
        assertEquals(1, found, "one mover");
        assertEquals(0, VX[0], 0.05, "velocity x");
        assertEquals(-0.25, VY[0], 0.05, "velocity y");
        assertEquals(1.5, X[0], 0.1, "centre x");
        assertEquals(0.6 - 0.25 * 3, Y[0], 0.1, "centre y");
        assertEquals(0.2, R[0], 0.08, "radius");
    }

    @Test
    void furnitureAndWallsPassedByADrivingRobotAreNotMovers() {
        // A box-sized disc, a pillar, and a wall at a slant, passed by a robot driving at 0.2 m/s and turning: the
        // walls never give a mover; the furniture gives none while it is wholly in view, and at most a slow creep
        // on the furniture itself while it is cut by the image's edge (its silhouette seen, its depth there not).
        Thing box = Thing.disc(1.6, 0.4, 0, 0, 0.2);
        Thing pillar = Thing.disc(2.2, -0.5, 0, 0, 0.1);
        List<Thing> scene = List.of(box, pillar, Thing.wall(0.5, 1.0, 2.8, 1.6), Thing.wall(2.8, -2, 2.8, 2));
        MoverTracker tracker = new MoverTracker(STRIPS);
        double x = 0;
        double y = 0;
        double yaw = 0.3;
        int cut = 0;
        for (int k = 0; k <= 50; k++) {
            double w = k < 25 ? -0.25 : 0.3;
            float[] p = profile(scene, k * 0.1, x, y, yaw);
            boolean edge = p[0] < 1f || p[STRIPS - 1] < 1f;
            cut += edge ? 1 : 0;
            tracker.observe(k * STEP, x, y, yaw, p, 0, CAMERA);
            int n = tracker.movers(k * STEP, X, Y, VX, VY, R);
            for (int i = 0; i < n; i++) {
                double onBox = Math.hypot(X[i] - box.x(), Y[i] - box.y()) - box.r();
                double onPillar = Math.hypot(X[i] - pillar.x(), Y[i] - pillar.y()) - pillar.r();
                assertTrue(Math.min(onBox, onPillar) < 0.1, "a mover off the furniture at step " + k + ": ("
                        + X[i] + ", " + Y[i] + ")");
                assertTrue(Math.hypot(VX[i], VY[i]) < 0.2, "a fast mover at step " + k);
            }
            x += 0.02 * Math.cos(yaw);
            y += 0.02 * Math.sin(yaw);
            yaw += w * 0.1;
        }
        assertTrue(cut > 10, "the furniture is cut by the image's edge for a while (" + cut + " steps)");
    }

    /** A 0.05 m map of the region x -1..4, y -3..3 with these discs occupied. */
    private static OccupancyMap mapOf(Thing... discs) {
        int w = 100;
        int h = 120;
        byte[] cells = new byte[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double x = -1 + (i + 0.5) * 0.05;
                double y = -3 + (j + 0.5) * 0.05;
                for (Thing d : discs) {
                    if (Math.hypot(x - d.x(), y - d.y()) <= d.r()) {
                        cells[j * w + i] = 100;
                    }
                }
            }
        }
        return new OccupancyMap(0.05, -1, -3, w, h, cells);
    }

    @Test
    void withAStaticMapFurnitureItShowsIsNeverAMoverAndAWalkerStillIs() {
        // The scene of the test above, the furniture mapped 0.1 m from where it stands (it was moved since), the
        // odometry frame 1 m along the map's x axis; and a walker crossing the free floor.
        Thing box = Thing.disc(1.6, 0.4, 0, 0, 0.2);
        Thing pillar = Thing.disc(2.2, -0.5, 0, 0, 0.1);
        Thing walker = Thing.disc(1.2, -1.5, 0, 0.25, 0.2);
        OccupancyMap map = mapOf(Thing.disc(1.6 + 1 - 0.1, 0.4, 0, 0, 0.2), Thing.disc(2.2 + 1, -0.4, 0, 0, 0.1));
        MoverTracker tracker = new MoverTracker(STRIPS);
        tracker.map(map, new Pose2D(1, 0, 0));
        double x = 0;
        double y = 0;
        double yaw = 0.3;
        int walkerFound = 0;
        for (int k = 0; k <= 50; k++) {
            double w = k < 25 ? -0.25 : 0.3;
            List<Thing> scene = k < 10 ? List.of(box, pillar, Thing.wall(2.8, -2, 2.8, 2))
                    : List.of(box, pillar, walker, Thing.wall(2.8, -2, 2.8, 2));
            tracker.observe(k * STEP, x, y, yaw, profile(scene, k * 0.1, x, y, yaw), 0, CAMERA);
            int n = tracker.movers(k * STEP, X, Y, VX, VY, R);
            for (int i = 0; i < n; i++) {
                boolean onWalker = Math.hypot(X[i] - walker.xAt(k * 0.1), Y[i] - walker.yAt(k * 0.1)) < 0.3;
                assertTrue(onWalker, "only the walker moves, step " + k + ": (" + X[i] + ", " + Y[i] + ")");
                walkerFound++;
            }
            x += 0.02 * Math.cos(yaw);
            y += 0.02 * Math.sin(yaw);
            yaw += w * 0.1;
        }
        assertTrue(walkerFound > 10, "the walker is found moving (" + walkerFound + " steps)");
    }

    @Test
    void furnitureWhollyInViewOfADrivingRobotIsNeverAMover() {
        // Driving towards a box and a pillar, turning a little, without either reaching the image's edge.
        List<Thing> scene = List.of(Thing.disc(2.0, 0.2, 0, 0, 0.2), Thing.disc(2.4, -0.5, 0, 0, 0.1),
                Thing.wall(3.0, -3, 3.0, 3));
        MoverTracker tracker = new MoverTracker(STRIPS);
        double x = 0;
        double y = 0;
        double yaw = 0;
        for (int k = 0; k <= 50; k++) {
            float[] p = profile(scene, k * 0.1, x, y, yaw);
            tracker.observe(k * STEP, x, y, yaw, p, 0, CAMERA);
            assertEquals(0, tracker.movers(k * STEP, X, Y, VX, VY, R), "no mover at step " + k);
            x += 0.02 * Math.cos(yaw);
            y += 0.02 * Math.sin(yaw);
            yaw += 0.1 * Math.sin(k * 0.2) * 0.1;
        }
    }

    @Test
    void aWalkerSeenOnlyCutByTheImagesEdgeIsStillMeasured() {
        // The walker walks away, then turns to the robot's right; from 1.2 s the robot keeps it at the right edge of
        // its view (its centre 0.7 rad right of the axis, the half view being 0.79 rad), so the camera sees only part
        // of it. Carried along its old velocity it would be predicted walking away; measured, it walks right.
        Thing walker = Thing.turning(1.2, 0.3, 0.2, 0, 0.2, 2.0, 0, -0.2);
        List<Thing> scene = List.of(walker);
        MoverTracker tracker = new MoverTracker(STRIPS);
        double yaw = 0;
        int found = 0;
        for (int k = 0; k <= 40; k++) {
            double t = k * 0.1;
            if (k >= 12) {
                yaw = Math.atan2(walker.yAt(t), walker.xAt(t)) + 0.7;
            }
            float[] p = profile(scene, t, 0, 0, yaw);
            if (k >= 12) {
                assertTrue(p[STRIPS - 1] < 1f, "the walker is cut by the right edge at step " + k);
            }
            tracker.observe(k * STEP, 0, 0, yaw, p, 0, CAMERA);
            found = tracker.movers(k * STEP, X, Y, VX, VY, R);
        }
        assertEquals(1, found);
        assertEquals(0, VX[0], 0.08, "velocity x");
        assertEquals(-0.2, VY[0], 0.08, "velocity y");
        assertEquals(walker.xAt(4.0), X[0], 0.12, "centre x");
        assertEquals(walker.yAt(4.0), Y[0], 0.12, "centre y");
    }

    @Test
    void theShieldRefusesAnArcIntoAWalkersPathAndAllowsItWithoutTheTracker() {
        // The walker comes from the left, 0.7 m ahead, 0.45 m to the left, at 0.3 m/s across the robot's path.
        RobotDescription robot = new RobotDescription(0.1, 0.5, 2.0, 10, List.of(
                new RobotDescription.Command("forward", 1, 0), new RobotDescription.Command("turn-left", 0, 0.6),
                new RobotDescription.Command("turn-right", 0, -0.6), new RobotDescription.Command("stop", 0, 0)));
        List<Thing> walker = new ArrayList<>(List.of(Thing.disc(0.7, 0.45 + 0.3 * 1.5, 0, -0.3, 0.15)));
        MoverTracker tracker = new MoverTracker(STRIPS);
        ObstacleMemory memory = new ObstacleMemory(8, 40, STRIPS);
        for (int k = 0; k <= 15; k++) {
            float[] p = profile(walker, k * 0.1, 0, 0, 0);
            tracker.observe(k * STEP, 0, 0, 0, p, 0, CAMERA);
            memory.observe(0, 0, 0, p, 0, CAMERA);
        }
        SafetyShield shield = new SafetyShield(robot, 0.01, 0.8, memory);
        float[] forwardFirst = {5, 1, 1, 0};
        shield.movers(null, 15 * STEP);
        assertEquals(0, shield.choose(forwardFirst, 0, memory, 0, 0, 0), "without prediction forward looks clear");
        shield.movers(tracker, 15 * STEP);
        int a = shield.choose(forwardFirst, 0, memory, 0, 0, 0);
        assertTrue(a != 0, "forward runs into the walker's path, got " + a);
    }
}
