package dev.wayfinder.robot.route;

import dev.wayfinder.robot.RobotDescription;

/**
 * A classical local planner on robot inputs only, the baseline a learned policy has to beat: in the spirit of Nav2's
 * DWB controller, it follows each of the robot's discrete commands along its arc for {@link #HORIZON} seconds and
 * scores it by how close the arc comes to a target point (a look-ahead point on the route, or the goal) and how well it
 * then faces it, with a penalty for passing closer than a comfortable clearance to the obstacle points the depth camera
 * has shown (placed by odometry), and refuses arcs that come closer than a safety distance. Its costs become logits, so
 * the same {@link dev.wayfinder.robot.net.SafetyShield} and action choice as the network's apply.
 *
 * <p>It knows nothing the robot does not: its pose and yaw rate from odometry, the target from the route it planned on
 * its static map and obstacle layer, and the obstacle points. It sees only what the camera has shown in its memory's
 * horizon, so it cannot avoid what is behind or beside it out of view (the shield's arcs are short for that reason).
 * Allocates nothing after construction. Not thread-safe: one per robot.
 */
public final class LocalPlanner {
    /** Seconds each command's arc is followed. */
    public static final double HORIZON = 1.0;
    /** The distance to the goal at which an arc counts as arriving, metres (below any bundled goal tolerance). */
    public static final double GOAL_REACH = 0.12;
    /** Logit per metre of cost. */
    public static final double LOGIT_SCALE = 10;
    /** The logit of a refused command (finite, so it still has a rank). */
    public static final float REFUSED = -1e4f;
    private static final double DT = 0.1;
    private static final double HEADING_WEIGHT = 0.3;
    private static final double MAX_SAFETY = 0.03;
    private static final double COMFORT = 0.14;
    private static final double MIN_COMFORT = 0.08;
    private static final double CLEARANCE_WEIGHT = 2.0;
    private static final double TURNING = 0.3;
    private static final double SWITCH_COST = 0.15;
    private static final double STOP_COST = 0.05;

    private final double radius;
    private final double[] v;
    private final double[] w;
    private final double[] costs;

    /** A planner for {@code robot}'s commands, radius and speed limits. */
    public LocalPlanner(RobotDescription robot) {
        int n = robot.actions().size();
        this.radius = robot.radius();
        this.v = new double[n];
        this.w = new double[n];
        this.costs = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = robot.linear(i);
            w[i] = robot.angular(i);
        }
    }

    /** The farthest an arc reaches, plus the robot's radius and comfort: obstacle points beyond it do not matter. */
    public double reach() {
        double far = 0;
        for (double s : v) {
            far = Math.max(far, Math.abs(s) * HORIZON);
        }
        return far + radius + COMFORT;
    }

    /**
     * Scores every command for a robot at ({@code x}, {@code y}) heading {@code yaw}, turning at {@code yawRate}
     * (rad/s, from odometry), and writes one logit per command into {@code logits} from {@code at}: higher is better,
     * {@link #REFUSED} for an arc that comes too close to a point. Everything in one frame (odom).
     *
     * @param tx     target point x (the route's look-ahead point, or the goal)
     * @param ty     target point y
     * @param gx     the goal's x (arcs arriving there score best)
     * @param gy     the goal's y
     * @param xs     obstacle points' x, {@code count} of them
     * @param ys     obstacle points' y
     */
    public void score(double x, double y, double yaw, double yawRate, double tx, double ty, double gx, double gy,
                      double[] xs, double[] ys, int count, float[] logits, int at) {
        double here = nearest(x, y, xs, ys, count) - radius;
        // In a narrow passage the comfort zone shrinks to the clearance the robot has, so that passing through is not
        // punished; in the open it keeps small errors away from obstacles.
        double comfort = Math.max(MIN_COMFORT, Math.min(COMFORT, here));
        double safety = Math.max(0.004, Math.min(MAX_SAFETY, 0.5 * here));
        int steps = (int) Math.round(HORIZON / DT);
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < v.length; c++) {
            double px = x;
            double py = y;
            double th = yaw;
            double minClear = here;
            double cost = Double.POSITIVE_INFINITY;
            for (int k = 1; k <= steps; k++) {
                th += w[c] * DT / 2;
                px += v[c] * DT * Math.cos(th);
                py += v[c] * DT * Math.sin(th);
                th += w[c] * DT / 2;
                minClear = Math.min(minClear, nearest(px, py, xs, ys, count) - radius);
                double dist = Math.hypot(tx - px, ty - py);
                double heading = Math.abs(Math.IEEEremainder(Math.atan2(ty - py, tx - px) - th, 2 * Math.PI));
                double c2 = dist + HEADING_WEIGHT * (dist > 0.05 ? heading : 0);
                if (Math.hypot(gx - px, gy - py) <= GOAL_REACH) {
                    c2 = -1 + 0.01 * k;
                }
                cost = Math.min(cost, c2);
            }
            if (minClear < safety && minClear < here) {
                costs[c] = Double.POSITIVE_INFINITY;
                continue;
            }
            cost += CLEARANCE_WEIGHT * Math.max(0, comfort - minClear);
            if (v[c] == 0 && w[c] == 0) {
                cost += STOP_COST;
            }
            // Keep turning the way the robot already turns unless the other way is clearly better.
            if (Math.abs(yawRate) > TURNING && w[c] * yawRate < 0) {
                cost += SWITCH_COST;
            }
            costs[c] = cost;
            best = Math.min(best, cost);
        }
        for (int c = 0; c < v.length; c++) {
            logits[at + c] = Double.isInfinite(costs[c]) ? REFUSED : (float) ((best - costs[c]) * LOGIT_SCALE);
        }
    }

    /**
     * Whether the straight segment from ({@code x}, {@code y}) to ({@code tx}, {@code ty}) keeps the robot's radius
     * plus {@code margin} from every point (the look-ahead point is pulled in until it does: no cutting corners).
     */
    public boolean lineClear(double x, double y, double tx, double ty, double[] xs, double[] ys, int count,
                             double margin) {
        double need = radius + margin;
        double dx = tx - x;
        double dy = ty - y;
        double l2 = dx * dx + dy * dy;
        for (int i = 0; i < count; i++) {
            double t = l2 == 0 ? 0 : Math.max(0, Math.min(1, ((xs[i] - x) * dx + (ys[i] - y) * dy) / l2));
            if (Math.hypot(xs[i] - x - t * dx, ys[i] - y - t * dy) < need) {
                return false;
            }
        }
        return true;
    }

    private static double nearest(double x, double y, double[] xs, double[] ys, int count) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            double dx = xs[i] - x;
            double dy = ys[i] - y;
            min = Math.min(min, dx * dx + dy * dy);
        }
        return Math.sqrt(min);
    }
}
