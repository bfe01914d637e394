package dev.wayfinder.randomization.layout;

import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.planning.AStar;
import dev.wayfinder.scenarios.planning.OccupancyGrid;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The default {@link LayoutCheck}: plans with the scenarios A* planner on an occupancy grid of the
 * episode's static and pushable obstacles inflated by the robot's bounding radius (moving obstacles pass by
 * and are left out, as in scenario validation). Pushable obstacles count as walls, which is conservative.
 */
public final class PlannerCheck implements LayoutCheck {
    /** Default grid cell side, metres. */
    public static final double DEFAULT_RESOLUTION = 0.05;

    private final double resolution;

    /** @param resolution grid cell side, metres, &gt; 0 (coarsened by the grid for very large arenas) */
    public PlannerCheck(double resolution) {
        if (!(resolution > 0) || !Double.isFinite(resolution)) {
            throw new IllegalArgumentException("resolution must be finite and > 0, got " + resolution);
        }
        this.resolution = resolution;
    }

    /** A check with {@link #DEFAULT_RESOLUTION}. */
    public PlannerCheck() {
        this(DEFAULT_RESOLUTION);
    }

    @Override
    public Optional<String> problem(Episode e) {
        List<Obstacle> solid = e.obstacles().stream().filter(o -> o.kind() != ObstacleKind.MOVING).toList();
        double radius = e.robot().footprint().boundingRadius();
        OccupancyGrid grid = OccupancyGrid.of(e.arena(), solid, radius, Math.min(resolution, radius));
        if (!grid.isPointClear(e.start().position())) {
            return Optional.of("the start " + point(e.start().x(), e.start().y())
                    + " is blocked for a robot of radius " + fmt(radius) + " m");
        }
        if (!grid.isPointClear(e.goal())) {
            return Optional.of("the goal " + point(e.goal().x(), e.goal().y()) + " is blocked for a robot of radius "
                    + fmt(radius) + " m");
        }
        if (AStar.plan(grid, e.start().position(), e.goal()).isEmpty()) {
            return Optional.of("no collision-free path from the start " + point(e.start().x(), e.start().y())
                    + " to the goal " + point(e.goal().x(), e.goal().y()));
        }
        return Optional.empty();
    }

    private static String point(double x, double y) {
        return "(" + fmt(x) + ", " + fmt(y) + ")";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
