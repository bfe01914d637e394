package dev.wayfinder.robot.route;

import dev.wayfinder.robot.OccupancyMap;
import dev.wayfinder.robot.Pose2D;
import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.robot.CameraModel;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Planning on an occupancy map for a round robot, and following the plan. */
class GridPlannerTest {
    /** A 4 m x 2 m room (0.05 m cells) walled all round, with a wall across x = 2 open only for y in [1.4, 1.9]. */
    static OccupancyMap room() {
        int w = 80;
        int h = 40;
        byte[] c = new byte[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                boolean border = i == 0 || j == 0 || i == w - 1 || j == h - 1;
                double y = (j + 0.5) * 0.05;
                boolean divider = (i == 40 || i == 41) && !(y > 1.4 && y < 1.9);
                c[j * w + i] = (byte) (border || divider ? 100 : 0);
            }
        }
        return new OccupancyMap(0.05, 0, 0, w, h, c);
    }

    @Test
    void pathGoesThroughTheGapAndKeepsTheRobotsRadiusFromWalls() {
        GridPlanner p = new GridPlanner(room(), 0.1);
        double[] path = p.plan(0.5, 0.5, 3.5, 0.5);
        assertNotNull(path);
        boolean throughGap = false;
        for (int k = 2; k + 2 < path.length; k += 2) {
            double x = path[k];
            double y = path[k + 1];
            assertTrue(p.clearance(x, y) - 0.025 >= 0.1 - 1e-6, "path point (" + x + ", " + y + ") too close");
            if (Math.abs(x - 2.05) < 0.1) {
                throughGap |= y > 1.4 && y < 1.9;
            }
        }
        assertTrue(throughGap, "the path must cross the divider through its gap");
        double length = 0;
        for (int k = 0; k + 3 < path.length; k += 2) {
            length += Math.hypot(path[k + 2] - path[k], path[k + 3] - path[k + 1]);
        }
        // Up to the gap and back down: two legs of at least hypot(1.5 m, 0.9 m) each, not much more.
        assertTrue(length > 2 * Math.hypot(1.5, 0.9) && length < 5.0, "path length " + length);
    }

    @Test
    void aRobotTooWideForTheGapHasNoPath() {
        assertNull(new GridPlanner(room(), 0.3).plan(0.5, 0.5, 3.5, 0.5));
    }

    @Test
    void aStartInsideTheInflatedBandStillPlans() {
        GridPlanner p = new GridPlanner(room(), 0.1);
        assertTrue(!p.free(0.08, 0.08));
        assertNotNull(p.plan(0.08, 0.08, 1.0, 1.0));
    }

    @Test
    void distanceFieldIsNearEuclidean() {
        float[] d = GridPlanner.distanceField(room());
        // Cell (10, 10): 10 cells from the border cells at i = 0 and j = 0.
        assertEquals(0.5, d[10 * 80 + 10], 0.03);
    }

    /** The textbook two-pass chamfer (Math.min, every neighbour read from the array), as the planner had it. */
    private static float[] referenceField(OccupancyMap m) {
        int w = m.width();
        int h = m.height();
        float[] d = new float[w * h];
        java.util.Arrays.fill(d, Float.POSITIVE_INFINITY);
        for (int k = 0; k < w * h; k++) {
            if (m.cells()[k] >= OccupancyMap.OCCUPIED) {
                d[k] = 0;
            }
        }
        float r = (float) m.resolution();
        float rd = (float) (m.resolution() * Math.sqrt(2));
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int k = j * w + i;
                float v = d[k];
                if (i > 0) {
                    v = Math.min(v, d[k - 1] + r);
                }
                if (j > 0) {
                    v = Math.min(v, d[k - w] + r);
                    v = i > 0 ? Math.min(v, d[k - w - 1] + rd) : v;
                    v = i < w - 1 ? Math.min(v, d[k - w + 1] + rd) : v;
                }
                d[k] = v;
            }
        }
        for (int j = h - 1; j >= 0; j--) {
            for (int i = w - 1; i >= 0; i--) {
                int k = j * w + i;
                float v = d[k];
                if (i < w - 1) {
                    v = Math.min(v, d[k + 1] + r);
                }
                if (j < h - 1) {
                    v = Math.min(v, d[k + w] + r);
                    v = i < w - 1 ? Math.min(v, d[k + w + 1] + rd) : v;
                    v = i > 0 ? Math.min(v, d[k + w - 1] + rd) : v;
                }
                d[k] = v;
            }
        }
        return d;
    }

    @Test
    void theFastDistanceFieldEqualsTheTextbookChamferOnRandomMaps() {
        long seed = System.nanoTime();
        java.util.Random rnd = new java.util.Random(seed);
        for (int t = 0; t < 40; t++) {
            int w = 1 + rnd.nextInt(90);
            int h = 1 + rnd.nextInt(90);
            double density = rnd.nextDouble() * 0.3;
            byte[] cells = new byte[w * h];
            for (int k = 0; k < cells.length; k++) {
                double u = rnd.nextDouble();
                cells[k] = (byte) (u < density ? 100 : u < density + 0.2 ? -1 : rnd.nextInt(OccupancyMap.OCCUPIED));
            }
            OccupancyMap m = new OccupancyMap(0.01 + rnd.nextDouble() * 0.1, 0, 0, w, h, cells);
            float[] ref = referenceField(m);
            assertTrue(java.util.Arrays.equals(ref, GridPlanner.distanceField(m)),
                    "seed " + seed + ", map " + t + " (" + w + "x" + h + ")");
            // And refreshed in place, as a replan does.
            GridPlanner p = new GridPlanner(m, 0.05);
            p.refresh(new byte[w * h]);
            p.refresh(cells);
            for (int k = 0; k < w * h; k++) {
                double x = (k % w + 0.5) * m.resolution();
                double y = (k / w + 0.5) * m.resolution();
                assertEquals(ref[k], p.clearance(x, y), 0.0, "seed " + seed + ", cell " + k);
            }
        }
    }

    @Test
    void aRefreshOfTheChangedBoxGivesTheBlockedCellsStepCostsAndPlansOfAWholeRefresh() {
        long seed = System.nanoTime();
        java.util.Random rnd = new java.util.Random(seed);
        for (int t = 0; t < 30; t++) {
            // Small grids (where most boxes reach across: a whole refresh) and large ones (a window's).
            int w = t % 2 == 0 ? 20 + rnd.nextInt(140) : 150 + rnd.nextInt(250);
            int h = t % 2 == 0 ? 20 + rnd.nextInt(100) : 120 + rnd.nextInt(200);
            double res = 0.025 + rnd.nextDouble() * 0.1;
            double radius = rnd.nextDouble() * 0.25;
            byte[] cells = new byte[w * h];
            for (int k = 0; k < cells.length; k++) {
                double u = rnd.nextDouble();
                cells[k] = (byte) (u < 0.05 ? 100 : u < 0.4 ? -1 : 0);
            }
            OccupancyMap m = new OccupancyMap(res, 0, 0, w, h, cells.clone());
            GridPlanner partial = new GridPlanner(m, radius);
            for (int edit = 0; edit < 12; edit++) {
                // A depth frame's worth of change: cells set occupied, free or unknown within a box.
                int bw = 1 + rnd.nextInt(Math.max(1, t % 2 == 0 ? w / 3 : 25));
                int bh = 1 + rnd.nextInt(Math.max(1, t % 2 == 0 ? h / 3 : 25));
                int i0 = rnd.nextInt(w - bw + 1);
                int j0 = rnd.nextInt(h - bh + 1);
                int ci0 = Integer.MAX_VALUE;
                int cj0 = Integer.MAX_VALUE;
                int ci1 = Integer.MIN_VALUE;
                int cj1 = Integer.MIN_VALUE;
                for (int n = rnd.nextInt(40); n >= 0; n--) {
                    int i = i0 + rnd.nextInt(bw);
                    int j = j0 + rnd.nextInt(bh);
                    double u = rnd.nextDouble();
                    cells[j * w + i] = (byte) (u < 0.5 ? 100 : u < 0.8 ? 0 : -1);
                    ci0 = Math.min(ci0, i);
                    cj0 = Math.min(cj0, j);
                    ci1 = Math.max(ci1, i);
                    cj1 = Math.max(cj1, j);
                }
                partial.refresh(cells, ci0, cj0, ci1, cj1);
                GridPlanner whole = new GridPlanner(new OccupancyMap(res, 0, 0, w, h, cells.clone()), radius);
                String where = "seed " + seed + ", map " + t + " (" + w + "x" + h + "), edit " + edit;
                for (int k = 0; k < w * h; k++) {
                    assertEquals(whole.blockedAt(k), partial.blockedAt(k), where + ", cell " + k);
                    assertEquals(whole.stepCostAt(k), partial.stepCostAt(k), 0.0, where + ", cell " + k);
                }
                double fx = rnd.nextDouble() * w * res;
                double fy = rnd.nextDouble() * h * res;
                double tx = rnd.nextDouble() * w * res;
                double ty = rnd.nextDouble() * h * res;
                double[] a = whole.plan(fx, fy, tx, ty);
                double[] b = partial.plan(fx, fy, tx, ty);
                assertTrue(java.util.Arrays.equals(a, b), where + ": the same plan");
            }
        }
    }

    @Test
    void followerSteersTowardTheGapNotStraightAtTheGoal() {
        RouteFollower f = new RouteFollower(0.1, 10);
        CameraModel cam = new CameraModel(8, 8, 4, 4, 4, 4, 0, 0, 0.2, 0, 0, 0);
        var obs = new RobotObservation(new RobotObservation.RgbImage(8, 8, new byte[192], 0), cam, Optional.empty(),
                new RobotObservation.Odometry(new Pose2D(1.5, 0.5, 0), 0, 0, 0), Optional.empty(),
                new RobotObservation.Goal(3.5, 0.5), Optional.of(new RobotObservation.StaticMap(room(), Pose2D.IDENTITY)));
        double b = f.bearing(obs, 0.8);
        // The goal is straight ahead (bearing 0) behind the divider; the route turns left toward the gap.
        assertTrue(b > 0.3, "bearing " + b + " should point left, toward the gap");
        // With the odom frame shifted on the map, the same map point is reached through the transform.
        var shifted = new RobotObservation(obs.image(), cam, Optional.empty(),
                new RobotObservation.Odometry(new Pose2D(0.5, 0.0, 0), 0, 0, 0), Optional.empty(),
                new RobotObservation.Goal(2.5, 0.0),
                Optional.of(new RobotObservation.StaticMap(room(), new Pose2D(1.0, 0.5, 0))));
        RouteFollower g = new RouteFollower(0.1, 10);
        assertEquals(b, g.bearing(shifted, 0.8), 1e-9);
    }

    @Test
    void remainingIsTheRouteStillAheadOfTheRobot() {
        RouteFollower f = new RouteFollower(0.1, 10);
        assertTrue(Double.isNaN(f.remaining()), "no route before the first plan");
        CameraModel cam = new CameraModel(8, 8, 4, 4, 4, 4, 0, 0, 0.2, 0, 0, 0);
        var map = Optional.of(new RobotObservation.StaticMap(room(), Pose2D.IDENTITY));
        f.bearing(new RobotObservation(new RobotObservation.RgbImage(8, 8, new byte[192], 0), cam, Optional.empty(),
                new RobotObservation.Odometry(new Pose2D(1.5, 0.5, 0), 0, 0, 0), Optional.empty(),
                new RobotObservation.Goal(3.5, 0.5), map), 0.8);
        double[] r = f.route();
        double total = 0;
        for (int k = 0; k + 3 < r.length; k += 2) {
            total += Math.hypot(r[k + 2] - r[k], r[k + 3] - r[k + 1]);
        }
        // Planned from the robot's cell: all of it is ahead, and it goes round the divider (longer than the 2 m line).
        assertEquals(total, f.remaining(), Math.hypot(r[0] - 1.5, r[1] - 0.5) + 1e-9);
        assertTrue(total > 2.3, "route " + total + " m round the divider");
        // 0.5 m along the route (no replan yet: within a second and on the route), 0.5 m less is left.
        double left = 0.5;
        double x = r[0];
        double y = r[1];
        for (int k = 0; k + 3 < r.length; k += 2) {
            double l = Math.hypot(r[k + 2] - r[k], r[k + 3] - r[k + 1]);
            if (left <= l) {
                x = r[k] + (r[k + 2] - r[k]) * left / l;
                y = r[k + 1] + (r[k + 3] - r[k + 1]) * left / l;
                break;
            }
            left -= l;
        }
        f.bearing(new RobotObservation(new RobotObservation.RgbImage(8, 8, new byte[192], 0), cam, Optional.empty(),
                new RobotObservation.Odometry(new Pose2D(x, y, 0), 0, 0, 0), Optional.empty(),
                new RobotObservation.Goal(3.5, 0.5), map), 0.8);
        assertEquals(total - 0.5, f.remaining(), 1e-9);
    }
}
