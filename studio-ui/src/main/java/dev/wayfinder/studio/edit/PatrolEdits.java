package dev.wayfinder.studio.edit;

import dev.wayfinder.scenarios.geometry.Geometry2d;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Patrol;
import dev.wayfinder.scenarios.model.PatrolMode;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The edits of a moving obstacle's patrol, each an {@link ObstacleChange} of the whole obstacle (so undo and redo
 * restore it exactly): move, insert and delete a waypoint, set the speed and the mode, and turn an obstacle into a
 * moving one (with {@link #defaultPatrol}) or back. Waypoints are named in descriptions from 1, as a user counts
 * them; indexes are into {@link Patrol#waypoints()}. Stateless.
 */
public final class PatrolEdits {
    /** Speed of a new patrol, metres per second (a walking pedestrian's pace, scaled to the robot's arena). */
    public static final double DEFAULT_SPEED = 0.25;
    /** Distance from an obstacle's pose to the single waypoint of a new patrol, metres. */
    public static final double DEFAULT_LEG = 1.0;
    /** The highest speed scenario files accept, metres per second. */
    public static final double MAX_SPEED = 100;

    private PatrolEdits() {
    }

    /** The obstacle {@code id} of {@code s} and its patrol; throws when it is not a moving obstacle of {@code s}. */
    private static Obstacle moving(Scenario s, String id) {
        Obstacle o = Scenarios.obstacle(s, id).orElseThrow(() -> new IllegalArgumentException("no obstacle " + id));
        if (o.patrol().isEmpty()) {
            throw new IllegalArgumentException(id + " is not a moving obstacle");
        }
        return o;
    }

    private static Obstacle withPatrol(Obstacle o, Patrol p) {
        return new Obstacle(o.id(), o.shape(), o.pose(), o.material(), o.friction(), o.kind(), o.mass(),
                Optional.of(p), o.pinned());
    }

    /**
     * {@code o} moved to {@code to} (its heading kept) with its patrol, if it has one, moved by the same displacement:
     * the path keeps its shape and stays where the obstacle is, as when a whole group is dragged in an editor.
     */
    public static Obstacle carried(Obstacle o, Vec2 to) {
        Obstacle moved = o.withPose(new Pose2(to, o.pose().yaw()));
        if (o.patrol().isEmpty()) {
            return moved;
        }
        Vec2 d = to.minus(o.pose().position());
        Patrol p = o.patrol().get();
        List<Vec2> w = new ArrayList<>(p.waypoints().size());
        for (Vec2 v : p.waypoints()) {
            w.add(v.plus(d));
        }
        return withPatrol(moved, new Patrol(w, p.speed(), p.mode()));
    }

    private static Optional<Edit> change(Scenario s, String verb, Obstacle before, Obstacle after) {
        return before.equals(after) ? Optional.empty() : Optional.of(ObstacleChange.replace(verb, Scenarios.indexOf(s,
                before.id()), before, after));
    }

    /** Waypoint {@code k} of {@code id} moved to {@code to}; empty when it is there already. */
    public static Optional<Edit> moveWaypoint(Scenario s, String id, int k, Vec2 to) {
        Obstacle o = moving(s, id);
        Patrol p = o.patrol().get();
        List<Vec2> w = new ArrayList<>(p.waypoints());
        w.set(k, to);
        return change(s, "Move waypoint " + (k + 1) + " of " + id, o, withPatrol(o, new Patrol(w, p.speed(), p.mode())));
    }

    /** A new waypoint at {@code at}, inserted at index {@code k} (0 .. the number of waypoints) of {@code id}. */
    public static Edit insertWaypoint(Scenario s, String id, int k, Vec2 at) {
        Obstacle o = moving(s, id);
        Patrol p = o.patrol().get();
        List<Vec2> w = new ArrayList<>(p.waypoints());
        w.add(k, at);
        return ObstacleChange.replace("Add waypoint " + (k + 1) + " to " + id, Scenarios.indexOf(s, id), o,
                withPatrol(o, new Patrol(w, p.speed(), p.mode())));
    }

    /**
     * Waypoint {@code k} of {@code id} deleted; empty when it is the only one, as a patrol needs at least one
     * ({@link #whyNotDelete} says so).
     */
    public static Optional<Edit> deleteWaypoint(Scenario s, String id, int k) {
        Obstacle o = moving(s, id);
        Patrol p = o.patrol().get();
        if (p.waypoints().size() <= 1) {
            return Optional.empty();
        }
        List<Vec2> w = new ArrayList<>(p.waypoints());
        w.remove(k);
        return change(s, "Delete waypoint " + (k + 1) + " of " + id, o,
                withPatrol(o, new Patrol(w, p.speed(), p.mode())));
    }

    /** Why waypoint deletion is refused for {@code id}'s patrol, or empty when it is not. */
    public static Optional<String> whyNotDelete(Scenario s, String id) {
        return Scenarios.obstacle(s, id).flatMap(Obstacle::patrol).filter(p -> p.waypoints().size() <= 1)
                .map(p -> "a patrol needs at least one waypoint besides the obstacle's own position: " + id
                        + " keeps its last one (make it static to drop the patrol)");
    }

    /**
     * The patrol's speed set to {@code metresPerSecond}; empty when it is that already.
     *
     * @throws IllegalArgumentException with the reason for a speed scenario files refuse (not &gt; 0, above
     *                                  {@link #MAX_SPEED})
     */
    public static Optional<Edit> setSpeed(Scenario s, String id, double metresPerSecond) {
        if (!(metresPerSecond > 0) || metresPerSecond > MAX_SPEED) {
            throw new IllegalArgumentException("a patrol's speed must be above 0 and at most " + (int) MAX_SPEED
                    + " m/s");
        }
        Obstacle o = moving(s, id);
        Patrol p = o.patrol().get();
        return change(s, "Set patrol speed of " + id, o,
                withPatrol(o, new Patrol(p.waypoints(), metresPerSecond, p.mode())));
    }

    /** The patrol's mode set to {@code mode}; empty when it is that already. */
    public static Optional<Edit> setMode(Scenario s, String id, PatrolMode mode) {
        Obstacle o = moving(s, id);
        Patrol p = o.patrol().get();
        return change(s, "Set patrol mode of " + id + " to " + mode.key(), o,
                withPatrol(o, new Patrol(p.waypoints(), p.speed(), mode)));
    }

    /**
     * Obstacle {@code id} of another kind: moving gets {@link #defaultPatrol}, pushable gets {@code pushableMass},
     * static and pushable drop the patrol. Empty when it is of that kind already.
     */
    public static Optional<Edit> setKind(Scenario s, String id, ObstacleKind kind, double pushableMass) {
        Obstacle o = Scenarios.obstacle(s, id).orElseThrow(() -> new IllegalArgumentException("no obstacle " + id));
        if (o.kind() == kind) {
            return Optional.empty();
        }
        Optional<Patrol> patrol = kind == ObstacleKind.MOVING ? Optional.of(defaultPatrol(s.arena(), o))
                : Optional.empty();
        Obstacle after = new Obstacle(o.id(), o.shape(), o.pose(), o.material(), o.friction(), kind,
                kind == ObstacleKind.PUSHABLE ? pushableMass : 0, patrol, o.pinned());
        return change(s, "Make " + id + " " + kind.key(), o, after);
    }

    private static Vec2 mm(Vec2 v) {
        return new Vec2(Math.round(v.x() * 1000) / 1000.0 + 0.0, Math.round(v.y() * 1000) / 1000.0 + 0.0);
    }

    /**
     * The patrol an obstacle gets when it becomes a moving one: back and forth ({@link PatrolMode#PING_PONG}) at
     * {@link #DEFAULT_SPEED} to one waypoint {@link #DEFAULT_LEG} away, ahead of it along its heading when the
     * obstacle stays inside the arena there, else behind it, to its left or right, else halfway towards the arena's
     * centre.
     */
    public static Patrol defaultPatrol(Arena arena, Obstacle o) {
        Vec2 at = o.pose().position();
        double yaw = o.pose().yaw();
        double[] h = Geometry2d.halfExtents(o);
        for (double turn : new double[] {0, Math.PI, Math.PI / 2, -Math.PI / 2}) {
            // Millimetres, so the file shows 1.2 rather than 1.2000000000000002.
            Vec2 w = mm(at.plus(new Vec2(Math.cos(yaw + turn), Math.sin(yaw + turn)).times(DEFAULT_LEG)));
            if (Math.abs(w.x()) + h[0] <= arena.halfX() && Math.abs(w.y()) + h[1] <= arena.halfY()) {
                return new Patrol(List.of(w), DEFAULT_SPEED, PatrolMode.PING_PONG);
            }
        }
        Vec2 half = mm(at.times(0.5));
        return new Patrol(List.of(half.equals(at) ? at.plus(new Vec2(DEFAULT_LEG / 4, 0)) : half), DEFAULT_SPEED,
                PatrolMode.PING_PONG);
    }
}
