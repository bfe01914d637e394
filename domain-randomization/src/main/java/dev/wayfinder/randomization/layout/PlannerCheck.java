package dev.wayfinder.randomization.layout;

import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.planning.AStar;
import dev.wayfinder.scenarios.planning.OccupancyGrid;
import dev.wayfinder.scenarios.validate.ScenarioValidator;
import java.util.Locale;
import java.util.Optional;

/**
 * The default {@link LayoutCheck}: plans with the scenarios A* planner on the same grid the scenario
 * validator checks files with ({@link ScenarioValidator#solvabilityGrid(Episode)}: static and pushable
 * obstacles, distractors and extra obstacles included, inflated by the robot's bounding radius; moving
 * obstacles pass by and are left out). Pushable obstacles count as walls, which is conservative.
 * Stateless and thread-safe.
 */
public final class PlannerCheck implements LayoutCheck {
    @Override
    public Optional<String> problem(Episode e) {
        OccupancyGrid grid = ScenarioValidator.solvabilityGrid(e);
        double radius = grid.inflation();
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
