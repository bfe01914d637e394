package dev.wayfinder.scenarios.validate;

import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.GoalSpec;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Region;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.StartSpec;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.scenarios.planning.AStar;
import dev.wayfinder.scenarios.geometry.Geometry2d;
import dev.wayfinder.scenarios.planning.OccupancyGrid;
import dev.wayfinder.scenarios.planning.Reachability;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Geometric checks of a structurally valid scenario. What is checked:
 * <ul>
 * <li>every obstacle's footprint (at its pose) lies inside the arena; every patrol waypoint keeps the
 *     moving obstacle inside the arena;</li>
 * <li>every start region keeps the robot's whole footprint (its bounding circle) inside the arena at every
 *     point of the region, and the robot placed at the region's centre overlaps no obstacle (static,
 *     pushable, or moving at its initial pose) &mdash; other points of a region may be blocked: the
 *     randomizer redraws those;</li>
 * <li>every goal region lies inside the arena and its centre is not inside an obstacle;</li>
 * <li>the randomization layout area lies inside the arena, and {@code start_goal_min_distance} can hold
 *     for some start and goal;</li>
 * <li>solvability: for every pair (start, goal), a collision-free path exists for the robot's bounding
 *     circle from the start centre to the goal centre, on an {@link OccupancyGrid} of
 *     {@link #RESOLUTION} among static and pushable obstacles. Moving obstacles are ignored here because
 *     they leave any spot they block; pushables count as fixed, so a scenario never requires pushing.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class ScenarioValidator {
    /** Grid resolution for the solvability check, metres. */
    public static final double RESOLUTION = 0.05;
    private static final double EPS = 1e-9;

    private ScenarioValidator() {
    }

    /** All violations, in file order; empty if the scenario is fine. */
    public static List<Violation> validate(Scenario s) {
        List<Violation> out = new ArrayList<>();
        Arena a = s.arena();
        double r = s.robot().footprint().boundingRadius();
        String bounds = String.format(Locale.ROOT, "x in [%s, %s], y in [%s, %s] m", f(-a.halfX()), f(a.halfX()),
                f(-a.halfY()), f(a.halfY()));
        for (int i = 0; i < s.obstacles().size(); i++) {
            Obstacle o = s.obstacles().get(i);
            String path = "obstacles[" + i + "]";
            double[] h = Geometry2d.halfExtents(o);
            if (!insideBox(a, o.pose().position(), h[0], h[1])) {
                out.add(new Violation(path + ".pose", "obstacle '" + o.id() + "' reaches outside the arena ("
                        + bounds + ")"));
            }
            if (o.patrol().isPresent()) {
                List<Vec2> wps = o.patrol().get().waypoints();
                for (int k = 0; k < wps.size(); k++) {
                    if (!insideBox(a, wps.get(k), h[0], h[1])) {
                        out.add(new Violation(path + ".patrol.waypoints[" + k + "]", "at this waypoint obstacle '"
                                + o.id() + "' would reach outside the arena (" + bounds + ")"));
                    }
                }
            }
        }
        for (int i = 0; i < s.starts().size(); i++) {
            StartSpec st = s.starts().get(i);
            String path = "starts[" + i + "]";
            if (!regionInside(a, st.region(), r)) {
                out.add(new Violation(path, "the robot (radius " + f(r) + " m) would reach outside the arena ("
                        + bounds + ") from parts of this start region"));
                continue;
            }
            Vec2 c = st.region().center();
            for (Obstacle o : s.obstacles()) {
                double d = Geometry2d.distance(o, c);
                if (d < r) {
                    out.add(new Violation(path, "the robot (radius " + f(r) + " m) at the start centre ("
                            + f(c.x()) + ", " + f(c.y()) + ") overlaps obstacle '" + o.id() + "'"));
                    break;
                }
            }
        }
        for (int j = 0; j < s.goals().size(); j++) {
            GoalSpec g = s.goals().get(j);
            String path = "goals[" + j + "]";
            if (!regionInside(a, g.region(), 0)) {
                out.add(new Violation(path, "the goal region reaches outside the arena (" + bounds + ")"));
                continue;
            }
            Vec2 c = g.region().center();
            for (Obstacle o : s.obstacles()) {
                if (o.kind() != ObstacleKind.MOVING && Geometry2d.distance(o, c) == 0) {
                    out.add(new Violation(path, "the goal centre (" + f(c.x()) + ", " + f(c.y())
                            + ") lies inside obstacle '" + o.id() + "'"));
                    break;
                }
            }
        }
        s.randomization().layoutArea().ifPresent(area -> {
            if (!regionInside(a, area, 0)) {
                out.add(new Violation("randomization.layout_area", "the layout area reaches outside the arena ("
                        + bounds + ")"));
            }
        });
        s.randomization().get(RandomParameter.START_GOAL_MIN_DISTANCE).ifPresent(d -> {
            double farthest = 0;
            for (StartSpec st : s.starts()) {
                for (GoalSpec g : s.goals()) {
                    farthest = Math.max(farthest, farthestDistance(st.region(), g.region()));
                }
            }
            if (d.min() > farthest + EPS) {
                out.add(new Violation("randomization.layout.start_goal_min_distance", "can never hold: it is at least "
                        + f(d.min()) + " m, but no start and goal are more than " + f(farthest) + " m apart"));
            }
        });
        if (out.isEmpty()) {
            solvability(s, out);
        }
        return out;
    }

    private static void solvability(Scenario s, List<Violation> out) {
        OccupancyGrid grid = solvabilityGrid(s);
        Reachability reach = Reachability.of(grid);
        for (int i = 0; i < s.starts().size(); i++) {
            Vec2 from = s.starts().get(i).region().center();
            for (int j = 0; j < s.goals().size(); j++) {
                Vec2 to = s.goals().get(j).region().center();
                if (!reach.connected(from, to)) {
                    boolean goalBlocked = !grid.isPointClear(to);
                    out.add(new Violation("goals[" + j + "]", "unsolvable: no collision-free path for the robot"
                            + " (radius " + f(grid.inflation()) + " m) from starts[" + i + "] at (" + f(from.x()) + ", "
                            + f(from.y()) + ") to goals[" + j + "] at (" + f(to.x()) + ", " + f(to.y()) + ")"
                            + (goalBlocked ? "; the robot does not fit at the goal centre" : "")));
                }
            }
        }
    }

    /**
     * The grid the solvability check plans on: static and pushable obstacles, inflated by the robot's
     * bounding radius, at {@link #RESOLUTION} (finer for very small arenas).
     */
    public static OccupancyGrid solvabilityGrid(Scenario s) {
        List<Obstacle> solid = s.obstacles().stream().filter(o -> o.kind() != ObstacleKind.MOVING).toList();
        double side = Math.min(s.arena().size().x(), s.arena().size().y());
        return OccupancyGrid.of(s.arena(), solid, s.robot().footprint().boundingRadius(),
                Math.min(RESOLUTION, side / 40));
    }

    /**
     * The same kind of grid for one episode: its static and pushable obstacles (distractors and extra
     * obstacles included), inflated by its robot's bounding radius. The randomizer uses it to keep drawn
     * layouts solvable.
     */
    public static OccupancyGrid solvabilityGrid(Episode e) {
        List<Obstacle> solid = e.obstacles().stream().filter(o -> o.kind() != ObstacleKind.MOVING).toList();
        double side = Math.min(e.arena().size().x(), e.arena().size().y());
        return OccupancyGrid.of(e.arena(), solid, e.robot().footprint().boundingRadius(),
                Math.min(RESOLUTION, side / 40));
    }

    /** A collision-free path from the episode's start to its goal, if there is one (moving obstacles ignored). */
    public static Optional<dev.wayfinder.scenarios.planning.Path> plannedPath(Episode e) {
        return AStar.plan(solvabilityGrid(e), e.start().position(), e.goal());
    }

    /** The path the solvability check finds from the centre of starts[i] to the centre of goals[j]. */
    public static Optional<dev.wayfinder.scenarios.planning.Path> plannedPath(Scenario s, int start, int goal) {
        return AStar.plan(solvabilityGrid(s), s.starts().get(start).region().center(),
                s.goals().get(goal).region().center());
    }

    /** Largest distance between a point of {@code a} and a point of {@code b} (bounding boxes for rectangles). */
    private static double farthestDistance(Region a, Region b) {
        double dx = Math.max(Math.abs(b.max().x() - a.min().x()), Math.abs(a.max().x() - b.min().x()));
        double dy = Math.max(Math.abs(b.max().y() - a.min().y()), Math.abs(a.max().y() - b.min().y()));
        if (a instanceof dev.wayfinder.scenarios.model.CircleRegion ca
                && b instanceof dev.wayfinder.scenarios.model.CircleRegion cb) {
            return ca.center().distanceTo(cb.center()) + ca.radius() + cb.radius();
        }
        return Math.hypot(dx, dy);
    }

    private static boolean insideBox(Arena a, Vec2 c, double hx, double hy) {
        return Math.abs(c.x()) + hx <= a.halfX() + EPS && Math.abs(c.y()) + hy <= a.halfY() + EPS;
    }

    private static boolean regionInside(Arena a, Region region, double margin) {
        Vec2 min = region.min();
        Vec2 max = region.max();
        return min.x() - margin >= -a.halfX() - EPS && max.x() + margin <= a.halfX() + EPS
                && min.y() - margin >= -a.halfY() - EPS && max.y() + margin <= a.halfY() + EPS;
    }

    private static String f(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }
}
