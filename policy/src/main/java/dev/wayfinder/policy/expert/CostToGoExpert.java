package dev.wayfinder.policy.expert;

import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.scenarios.planning.OccupancyGrid;
import dev.wayfinder.sim.env.ActionSet;

import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The privileged expert: knows the episode's true map and the robot's true pose. Per episode it computes a
 * cost-to-go field to the goal on an occupancy grid (Dijkstra, 8-connected, extra cost near obstacles so paths
 * keep clearance), and per state it steers toward a look-ahead point found by descending the field, choosing
 * among the discrete actions by heading error. Because the field covers every free cell, any visited state can
 * be labelled (what DAgger needs). Moving obstacles are ignored (planned at their start poses: not at all).
 * Immutable after construction; thread-safe.
 */
public final class CostToGoExpert {
    /** Grid cell side, metres. */
    public static final double RESOLUTION = 0.05;
    /** Clearance kept beyond the robot radius where possible, metres. */
    public static final double SOFT_MARGIN = 0.12;
    /** Hard margin beyond the robot radius, metres. */
    public static final double HARD_MARGIN = 0.04;
    private static final double LOOKAHEAD = 0.35;
    private static final double SHARP = 0.55;
    private static final double GENTLE = 0.15;

    private final Episode episode;
    private final OccupancyGrid hard;
    private final OccupancyGrid soft;
    private final double[] cost;
    private final double[] geodesic;
    private final int forward;
    private final int forwardLeft;
    private final int forwardRight;
    private final int turnLeft;
    private final int turnRight;

    /**
     * @param episode the episode (true obstacle poses and goal)
     * @param actions the discrete actions; must contain forward, forward-left, forward-right, turn-left,
     *                turn-right
     */
    public CostToGoExpert(Episode episode, ActionSet actions) {
        this.episode = episode;
        forward = need(actions, "forward");
        forwardLeft = need(actions, "forward-left");
        forwardRight = need(actions, "forward-right");
        turnLeft = need(actions, "turn-left");
        turnRight = need(actions, "turn-right");
        double r = radius(episode);
        List<Obstacle> fixed = episode.obstacles().stream().filter(o -> o.kind() != ObstacleKind.MOVING).toList();
        hard = OccupancyGrid.of(episode.arena(), fixed, r + HARD_MARGIN, RESOLUTION);
        soft = OccupancyGrid.of(episode.arena(), fixed, r + SOFT_MARGIN, RESOLUTION);
        cost = dijkstra(true);
        geodesic = dijkstra(false);
    }

    private static int need(ActionSet a, String name) {
        int i = a.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("the expert needs an action named '" + name + "' in " + a);
        }
        return i;
    }

    private static double radius(Episode e) {
        return e.robot().footprint().boundingRadius();
    }

    /** The episode this expert plans for. */
    public Episode episode() {
        return episode;
    }

    private double[] dijkstra(boolean clearanceCost) {
        int nx = hard.nx();
        int ny = hard.ny();
        double[] d = new double[nx * ny];
        Arrays.fill(d, Double.POSITIVE_INFINITY);
        Vec2 g = episode.goal();
        int gi = clamp(hard.column(g.x()), nx);
        int gj = clamp(hard.row(g.y()), ny);
        PriorityQueue<double[]> q = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        d[gj * nx + gi] = 0;
        q.add(new double[] {0, gj * nx + gi});
        while (!q.isEmpty()) {
            double[] top = q.poll();
            int c = (int) top[1];
            if (top[0] > d[c]) {
                continue;
            }
            int ci = c % nx;
            int cj = c / nx;
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    if (di == 0 && dj == 0) {
                        continue;
                    }
                    int i = ci + di;
                    int j = cj + dj;
                    if (i < 0 || j < 0 || i >= nx || j >= ny || hard.isBlocked(i, j)) {
                        continue;
                    }
                    if (di != 0 && dj != 0 && (hard.isBlocked(ci + di, cj) || hard.isBlocked(ci, cj + dj))) {
                        continue;
                    }
                    double step = (di != 0 && dj != 0 ? Math.sqrt(2) : 1) * hard.resolution();
                    if (clearanceCost && soft.isBlocked(i, j)) {
                        step *= 4;
                    }
                    double nd = d[c] + step;
                    if (nd < d[j * nx + i]) {
                        d[j * nx + i] = nd;
                        q.add(new double[] {nd, j * nx + i});
                    }
                }
            }
        }
        return d;
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    /**
     * Shortest collision-free path length for the robot's centre from {@code (x, y)} to the goal, metres
     * (Euclidean distance when the position is off the grid's free space or unreachable).
     */
    public double geodesicDistance(double x, double y) {
        int c = nearestReachable(geodesic, x, y);
        Vec2 g = episode.goal();
        if (c < 0) {
            return Math.hypot(g.x() - x, g.y() - y);
        }
        Vec2 p = hard.center(c % hard.nx(), c / hard.nx());
        return Math.max(Math.hypot(g.x() - x, g.y() - y), geodesic[c] + Math.hypot(p.x() - x, p.y() - y));
    }

    private int nearestReachable(double[] field, double x, double y) {
        int nx = hard.nx();
        int ny = hard.ny();
        int ci = clamp(hard.column(x), nx);
        int cj = clamp(hard.row(y), ny);
        for (int r = 0; r <= 6; r++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = cj - r; j <= cj + r; j++) {
                for (int i = ci - r; i <= ci + r; i++) {
                    if (i < 0 || j < 0 || i >= nx || j >= ny || Math.max(Math.abs(i - ci), Math.abs(j - cj)) != r) {
                        continue;
                    }
                    double v = field[j * nx + i];
                    if (v < bestD) {
                        bestD = v;
                        best = j * nx + i;
                    }
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        return -1;
    }

    /**
     * The expert's discrete action at the true pose.
     *
     * @param x   true x of base_link, metres
     * @param y   true y, metres
     * @param yaw true yaw, radians
     */
    public int act(double x, double y, double yaw) {
        Vec2 goal = episode.goal();
        double tx;
        double ty;
        if (Math.hypot(goal.x() - x, goal.y() - y) < LOOKAHEAD + 0.05) {
            tx = goal.x();
            ty = goal.y();
        } else {
            int c = nearestReachable(cost, x, y);
            if (c < 0) {
                tx = goal.x();
                ty = goal.y();
            } else {
                int nx = hard.nx();
                int steps = (int) Math.round(LOOKAHEAD / hard.resolution());
                for (int k = 0; k < steps && cost[c] > 0; k++) {
                    int best = c;
                    int ci = c % nx;
                    int cj = c / nx;
                    for (int dj = -1; dj <= 1; dj++) {
                        for (int di = -1; di <= 1; di++) {
                            int i = ci + di;
                            int j = cj + dj;
                            if (i >= 0 && j >= 0 && i < nx && j < hard.ny() && cost[j * nx + i] < cost[best]) {
                                best = j * nx + i;
                            }
                        }
                    }
                    if (best == c) {
                        break;
                    }
                    c = best;
                }
                Vec2 p = hard.center(c % nx, c / nx);
                tx = p.x();
                ty = p.y();
            }
        }
        double e = Math.IEEEremainder(Math.atan2(ty - y, tx - x) - yaw, 2 * Math.PI);
        if (e > SHARP) {
            return turnLeft;
        }
        if (e < -SHARP) {
            return turnRight;
        }
        if (e > GENTLE) {
            return forwardLeft;
        }
        if (e < -GENTLE) {
            return forwardRight;
        }
        return forward;
    }
}
