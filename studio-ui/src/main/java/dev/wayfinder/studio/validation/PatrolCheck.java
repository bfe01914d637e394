package dev.wayfinder.studio.validation;

import dev.wayfinder.scenarios.geometry.Geometry2d;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Patrol;
import dev.wayfinder.scenarios.model.PatrolMode;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks the patrol paths of a scenario's moving obstacles as they are edited: every waypoint must keep the obstacle
 * inside the arena (as {@code wayfinder scenario validate} requires), and no leg of the path may carry the obstacle
 * (its footprint, translated at its fixed yaw) into a static obstacle, such as an inner wall (a check the file's
 * validation does not make: the simulator would push the kinematic body through it). Legs are the path
 * {@code [pose, waypoints...]}, and for {@link PatrolMode#LOOP} the return from the last waypoint to the pose; a
 * ping-pong path retraces the same legs. Legs are sampled every {@link #STEP} metres at most (finer for small
 * obstacles), so a static obstacle thinner than that could be missed between samples. Fast enough to run on every
 * change (microseconds per leg and obstacle). Stateless, thread-safe.
 */
public final class PatrolCheck {
    /** Largest distance between two checked positions along a leg, metres. */
    public static final double STEP = 0.02;
    /** Overlaps shallower than this do not count (touching is fine), metres. */
    private static final double EPS = 1e-6;

    private PatrolCheck() {
    }

    /** Every problem of every moving obstacle's patrol, in file order. */
    public static List<PatrolProblem> check(Scenario s) {
        List<PatrolProblem> out = new ArrayList<>();
        Arena a = s.arena();
        String bounds = String.format(Locale.ROOT, "x in [%s, %s], y in [%s, %s] m", f(-a.halfX()), f(a.halfX()),
                f(-a.halfY()), f(a.halfY()));
        for (int i = 0; i < s.obstacles().size(); i++) {
            Obstacle o = s.obstacles().get(i);
            if (o.patrol().isEmpty()) {
                continue;
            }
            Patrol p = o.patrol().get();
            String field = "obstacles[" + i + "].patrol.waypoints[";
            double[] h = Geometry2d.halfExtents(o);
            for (int k = 0; k < p.waypoints().size(); k++) {
                Vec2 w = p.waypoints().get(k);
                if (Math.abs(w.x()) + h[0] > a.halfX() + EPS || Math.abs(w.y()) + h[1] > a.halfY() + EPS) {
                    out.add(new PatrolProblem(o.id(), PatrolProblem.Kind.OUTSIDE_ARENA, k, w, "", field + k + "]",
                            "waypoint " + (k + 1) + " (" + f(w.x()) + ", " + f(w.y()) + ") puts '" + o.id()
                                    + "' outside the arena (" + bounds + ")"));
                }
            }
            List<Vec2> pts = p.path(o.pose().position());
            int legs = p.mode() == PatrolMode.LOOP ? pts.size() : pts.size() - 1;
            for (int j = 0; j < legs; j++) {
                Vec2 from = pts.get(j);
                Vec2 to = pts.get((j + 1) % pts.size());
                for (Obstacle q : s.obstacles()) {
                    if (q == o || q.kind() != ObstacleKind.STATIC) {
                        continue;
                    }
                    Vec2 hit = firstContact(o, from, to, q);
                    if (hit != null) {
                        int end = (j + 1) % pts.size();
                        String toName = end == 0 ? "its start" : "waypoint " + end;
                        String fromName = j == 0 ? "its start" : "waypoint " + j;
                        out.add(new PatrolProblem(o.id(), PatrolProblem.Kind.CROSSES_OBSTACLE, j, hit, q.id(),
                                field + (end == 0 ? pts.size() - 2 : end - 1) + "]",
                                "the patrol of '" + o.id() + "' from " + fromName + " to " + toName
                                        + " runs into static obstacle '" + q.id() + "' at (" + f(hit.x()) + ", "
                                        + f(hit.y()) + ")"));
                    }
                }
            }
        }
        return out;
    }

    /** The first position on the leg {@code from -> to} where {@code o} (translated) overlaps {@code q}, or null. */
    static Vec2 firstContact(Obstacle o, Vec2 from, Vec2 to, Obstacle q) {
        double reach = o.shape().boundingRadius() + q.shape().boundingRadius();
        if (segmentPointDistance(from, to, q.pose().position()) > reach) {
            return null;
        }
        double len = from.distanceTo(to);
        double step = Math.min(STEP, Math.max(0.002, Math.min(o.shape().boundingRadius(),
                q.shape().boundingRadius()) / 2));
        int n = Math.max(1, (int) Math.ceil(len / step));
        for (int k = 0; k <= n; k++) {
            Vec2 c = from.plus(to.minus(from).times((double) k / n));
            if (overlaps(o.withPose(new Pose2(c, o.pose().yaw())), q)) {
                return c;
            }
        }
        return null;
    }

    /** Whether the footprints of {@code a} and {@code b} overlap by more than touching. */
    static boolean overlaps(Obstacle a, Obstacle b) {
        if (a.shape() instanceof Cylinder ca) {
            return Geometry2d.distance(b, a.pose().position()) < ca.radius() - EPS;
        }
        if (b.shape() instanceof Cylinder cb) {
            return Geometry2d.distance(a, b.pose().position()) < cb.radius() - EPS;
        }
        // Two boxes: separated exactly when one of their four edge directions separates them.
        Vec2[] ka = Geometry2d.corners(a);
        Vec2[] kb = Geometry2d.corners(b);
        for (Vec2[] k : new Vec2[][] {ka, kb}) {
            for (int e = 0; e < 2; e++) {
                Vec2 axis = k[e + 1].minus(k[e]);
                if (separated(axis, ka, kb)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean separated(Vec2 axis, Vec2[] a, Vec2[] b) {
        double n = axis.norm();
        double ax = axis.x() / n;
        double ay = axis.y() / n;
        double minA = Double.POSITIVE_INFINITY;
        double maxA = Double.NEGATIVE_INFINITY;
        double minB = Double.POSITIVE_INFINITY;
        double maxB = Double.NEGATIVE_INFINITY;
        for (Vec2 v : a) {
            double d = v.x() * ax + v.y() * ay;
            minA = Math.min(minA, d);
            maxA = Math.max(maxA, d);
        }
        for (Vec2 v : b) {
            double d = v.x() * ax + v.y() * ay;
            minB = Math.min(minB, d);
            maxB = Math.max(maxB, d);
        }
        return maxA <= minB + EPS || maxB <= minA + EPS;
    }

    private static double segmentPointDistance(Vec2 a, Vec2 b, Vec2 p) {
        Vec2 ab = b.minus(a);
        double l2 = ab.x() * ab.x() + ab.y() * ab.y();
        double t = l2 == 0 ? 0 : Math.clamp(((p.x() - a.x()) * ab.x() + (p.y() - a.y()) * ab.y()) / l2, 0, 1);
        return a.plus(ab.times(t)).distanceTo(p);
    }

    private static String f(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.equals("-0.00") ? "0.00" : s;
    }
}
