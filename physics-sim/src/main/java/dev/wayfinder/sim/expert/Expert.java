package dev.wayfinder.sim.expert;

import dev.wayfinder.scenarios.model.Robot;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.scenarios.planning.Path;
import dev.wayfinder.sim.core.Body;
import dev.wayfinder.sim.core.BodyKind;
import dev.wayfinder.sim.core.PatrolPath;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.World;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.ActionMode;
import dev.wayfinder.sim.env.ActionSet;
import dev.wayfinder.sim.env.EnvConfig;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The privileged expert policy. Every few steps it plans a global path with {@link GlobalPlanner} (more often
 * when obstacles move, and whenever the robot strays from the path); every step it predicts the arc each
 * candidate command would drive for {@link #HORIZON} seconds (after the robot's latency and motor lag),
 * drops candidates that come closer than a safety margin to walls, obstacles, or where moving obstacles will
 * be, and picks the one ending nearest the path's look-ahead point with the best heading. Candidates are
 * the env's discrete action set, or a grid of (v, omega) for continuous actions.
 *
 * <p>One expert serves one env; not thread-safe.
 */
public final class Expert {
    /** Prediction horizon, seconds. */
    public static final double HORIZON = 1.0;
    /** Look-ahead distance along the path, metres. */
    public static final double LOOKAHEAD = 0.65;
    private static final double MIN_LOOKAHEAD = 0.12;
    private static final double DT = 0.1;
    private static final double HEADING_WEIGHT = 0.3;
    private static final double MAX_SAFETY = 0.03;
    /** Clearance the expert likes to keep (arcs closer than this cost extra), unless it is already closer. */
    private static final double COMFORT = 0.14;
    private static final double MIN_COMFORT = 0.08;
    private static final double CLEARANCE_WEIGHT = 2.0;
    /** Yaw rate (rad/s) above which the robot counts as turning. */
    private static final double TURNING = 0.3;
    /** Extra cost of reversing the direction of a turn, in the cost's metres. */
    private static final double SWITCH_COST = 0.15;

    private final EnvConfig config;
    private World world;
    private GlobalPlanner.Cache cache = new GlobalPlanner.Cache();
    private Path path;
    private int sincePlan;
    private int replanEvery;
    private int[] moving = new int[0];
    private double[] candV = new double[0];
    private double[] candW = new double[0];
    private double[] costs = new double[0];
    private final double[] tmp = new double[2];

    /** An expert producing actions of {@code config}'s action type. */
    public Expert(EnvConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The current global path, if one was found. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /**
     * The cost the last {@link #act} gave each candidate (the env's discrete actions in order, or the continuous
     * grid), in the cost's metres: 0 for the chosen one, more for worse ones, {@code +Infinity} for candidates that
     * would come closer than the safety margin to something. A learner can be taught these preferences rather than
     * the choice alone: near ties then look like ties, and unsafe commands like what they are.
     *
     * @param out room for one value per candidate
     */
    public void lastCosts(double[] out) {
        if (out.length < costs.length) {
            throw new IllegalArgumentException("need room for " + costs.length + " costs, got " + out.length);
        }
        System.arraycopy(costs, 0, out, 0, costs.length);
    }

    /**
     * The point {@code ahead} metres along the current global path beyond the path point nearest to (x, y), or the
     * path's end if it is closer: the route a map-based global planner would give a local controller.
     *
     * @param out receives x and y
     * @return false when there is no path yet (before the first {@link #act} of an episode, or none was found)
     */
    public boolean routePoint(double x, double y, double ahead, double[] out) {
        if (path == null) {
            return false;
        }
        lookahead(x, y, ahead, out);
        return true;
    }

    /** Forgets the path; call at every reset. */
    public void reset() {
        path = null;
        world = null;
    }

    /** The action for the current state of {@code world}/{@code state}. Does not modify them. */
    public Action act(World w, SimState s) {
        if (w != world) {
            bind(w);
        }
        double x0 = s.robotX();
        double y0 = s.robotY();
        if (path == null || ++sincePlan >= replanEvery || distanceToPath(x0, y0) > 0.3) {
            GlobalPlanner.plan(w, s, cache).ifPresent(p -> path = p);
            sincePlan = 0;
        }
        Vec2 goal = w.episode().goal();
        double tx = goal.x();
        double ty = goal.y();
        if (path != null && Math.hypot(goal.x() - x0, goal.y() - y0) > MIN_LOOKAHEAD) {
            // The farthest point along the path that the robot can drive to in a straight line with a
            // comfortable clearance: no cutting corners into doorways.
            for (double l = LOOKAHEAD; ; l -= 0.1) {
                lookahead(x0, y0, Math.max(l, MIN_LOOKAHEAD), tmp);
                if (l <= MIN_LOOKAHEAD || straightClear(s, x0, y0, tmp[0], tmp[1], w.robotRadius() + 0.03)) {
                    break;
                }
            }
            tx = tmp[0];
            ty = tmp[1];
        }
        int best = choose(w, s, tx, ty);
        if (config.actionMode() == ActionMode.DISCRETE) {
            return new Action.Discrete(best);
        }
        return new Action.Velocity(candV[best], candW[best]);
    }

    private void bind(World w) {
        world = w;
        cache = new GlobalPlanner.Cache();
        path = null;
        sincePlan = 0;
        moving = w.bodies().stream().filter(b -> b.kind() == BodyKind.MOVING).mapToInt(Body::index).toArray();
        replanEvery = moving.length > 0 ? 3 : 10;
        Robot r = w.robot();
        if (config.actionMode() == ActionMode.DISCRETE) {
            ActionSet set = config.actions();
            candV = new double[set.size()];
            candW = new double[set.size()];
            costs = new double[set.size()];
            for (int i = 0; i < set.size(); i++) {
                candV[i] = set.get(i).linear() * r.maxLinearSpeed();
                candW[i] = set.get(i).angular() * r.maxAngularSpeed();
            }
        } else {
            double[] vs = {0, 1.0 / 3, 2.0 / 3, 1};
            int nw = 9;
            double wMax = Math.min(r.maxAngularSpeed(), 2.0);
            candV = new double[vs.length * nw];
            candW = new double[vs.length * nw];
            costs = new double[vs.length * nw];
            int k = 0;
            for (double v : vs) {
                for (int j = 0; j < nw; j++) {
                    candV[k] = v * r.maxLinearSpeed();
                    candW[k] = (2.0 * j / (nw - 1) - 1) * wMax;
                    k++;
                }
            }
        }
    }

    private int choose(World w, SimState s, double tx, double ty) {
        double r = w.robotRadius();
        double x0 = s.robotX();
        double y0 = s.robotY();
        double th0 = s.robotYaw();
        double t0 = s.timeNanos() * 1e-9;
        double here = clearanceAt(w, s, x0, y0, t0) - r;
        // In a narrow passage the comfort zone shrinks to the clearance the robot has, so that passing through
        // is not punished; in the open it keeps a learner's small errors away from obstacles.
        double comfort = Math.max(MIN_COMFORT, Math.min(COMFORT, here));
        double safety = Math.max(0.004, Math.min(MAX_SAFETY, 0.5 * here));
        // Where the robot will be when a new command starts to act: current motion continues meanwhile.
        double delay = w.episode().dynamics().controlLatency() + w.robot().motorLag();
        double v0 = s.robotForwardSpeed();
        double w0 = s.robotYawRate();
        double xs = x0 + v0 * delay * Math.cos(th0 + w0 * delay / 2);
        double ys = y0 + v0 * delay * Math.sin(th0 + w0 * delay / 2);
        double ths = th0 + w0 * delay;
        int steps = (int) Math.round(HORIZON / DT);
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        int safest = 0;
        double safestClear = Double.NEGATIVE_INFINITY;
        Vec2 goal = w.episode().goal();
        double reach = 0.6 * w.episode().goalTolerance();
        for (int c = 0; c < candV.length; c++) {
            double x = xs;
            double y = ys;
            double th = ths;
            double minClear = clearanceAt(w, s, xs, ys, t0 + delay) - r;
            double cost = Double.POSITIVE_INFINITY;
            for (int k = 1; k <= steps; k++) {
                th += candW[c] * DT / 2;
                x += candV[c] * DT * Math.cos(th);
                y += candV[c] * DT * Math.sin(th);
                th += candW[c] * DT / 2;
                minClear = Math.min(minClear, clearanceAt(w, s, x, y, t0 + delay + k * DT) - r);
                // Best point along the arc, so that overshooting the target is not punished.
                double dist = Math.hypot(tx - x, ty - y);
                double heading = Math.abs(Math.IEEEremainder(Math.atan2(ty - y, tx - x) - th, 2 * Math.PI));
                double here2 = dist + HEADING_WEIGHT * (dist > 0.05 ? heading : 0);
                if (Math.hypot(goal.x() - x, goal.y() - y) <= reach) {
                    here2 = -1 + 0.01 * k;
                }
                cost = Math.min(cost, here2);
            }
            if (minClear > safestClear) {
                safestClear = minClear;
                safest = c;
            }
            if (minClear < safety) {
                costs[c] = Double.POSITIVE_INFINITY;
                continue;
            }
            // Prefer clearance; never prefer standing still away from the goal.
            cost += CLEARANCE_WEIGHT * Math.max(0, comfort - minClear);
            if (candV[c] == 0 && candW[c] == 0) {
                cost += 0.05;
            }
            // Keep turning the way the robot already turns unless the other way is clearly better: the choice
            // between going left or right around something then follows from what the robot is doing (which a
            // learner sees as its previous action) rather than flipping with every replanned path.
            if (Math.abs(w0) > TURNING && candW[c] * w0 < 0) {
                cost += SWITCH_COST;
            }
            costs[c] = cost;
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        if (best < 0) {
            java.util.Arrays.fill(costs, Double.POSITIVE_INFINITY);
            costs[safest] = 0;
            return safest;
        }
        for (int c = 0; c < costs.length; c++) {
            costs[c] -= bestCost;
        }
        return best;
    }

    /** Clearance from walls, static and pushable obstacles now, and moving obstacles at time {@code t}. */
    private double clearanceAt(World w, SimState s, double x, double y, double t) {
        double c = s.clearance(x, y, false);
        for (int i : moving) {
            PatrolPath p = w.patrol(i).orElseThrow();
            p.positionAt(Math.max(0, t), tmp);
            double br = w.bodies().get(i).shape().boundingRadius();
            c = Math.min(c, Math.hypot(x - tmp[0], y - tmp[1]) - br);
        }
        return c;
    }

    private double distanceToPath(double x, double y) {
        if (path == null) {
            return Double.POSITIVE_INFINITY;
        }
        List<Vec2> pts = path.points();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < pts.size(); i++) {
            best = Math.min(best, segDist(x, y, pts.get(i), pts.get(i + 1)));
        }
        return pts.size() == 1 ? Math.hypot(x - pts.get(0).x(), y - pts.get(0).y()) : best;
    }

    private static double segDist(double x, double y, Vec2 a, Vec2 b) {
        double ex = b.x() - a.x();
        double ey = b.y() - a.y();
        double len2 = ex * ex + ey * ey;
        double t = len2 > 0 ? Math.max(0, Math.min(1, ((x - a.x()) * ex + (y - a.y()) * ey) / len2)) : 0;
        return Math.hypot(a.x() + t * ex - x, a.y() + t * ey - y);
    }

    private static boolean straightClear(SimState s, double x0, double y0, double x1, double y1, double need) {
        double len = Math.hypot(x1 - x0, y1 - y0);
        int n = Math.max(1, (int) Math.ceil(len / 0.02));
        for (int k = 1; k <= n; k++) {
            double t = (double) k / n;
            if (s.clearance(x0 + t * (x1 - x0), y0 + t * (y1 - y0), false) < need) {
                return false;
            }
        }
        return true;
    }

    /** Writes into {@code out} the point {@code ahead} metres along the path beyond the point closest to (x, y). */
    private void lookahead(double x, double y, double ahead, double[] out) {
        List<Vec2> pts = path.points();
        int seg = 0;
        double segT = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < pts.size(); i++) {
            Vec2 a = pts.get(i);
            Vec2 b = pts.get(i + 1);
            double ex = b.x() - a.x();
            double ey = b.y() - a.y();
            double len2 = ex * ex + ey * ey;
            double t = len2 > 0 ? Math.max(0, Math.min(1, ((x - a.x()) * ex + (y - a.y()) * ey) / len2)) : 0;
            double d = Math.hypot(a.x() + t * ex - x, a.y() + t * ey - y);
            if (d < best) {
                best = d;
                seg = i;
                segT = t;
            }
        }
        double remaining = ahead;
        for (int i = seg; i + 1 < pts.size(); i++) {
            Vec2 a = pts.get(i);
            Vec2 b = pts.get(i + 1);
            double len = a.distanceTo(b);
            double startT = i == seg ? segT : 0;
            double avail = len * (1 - startT);
            if (avail >= remaining && len > 0) {
                double t = startT + remaining / len;
                out[0] = a.x() + t * (b.x() - a.x());
                out[1] = a.y() + t * (b.y() - a.y());
                return;
            }
            remaining -= avail;
        }
        Vec2 end = pts.get(pts.size() - 1);
        out[0] = end.x();
        out[1] = end.y();
    }
}
