package dev.wayfinder.scenarios.model;

/**
 * Where an episode's goal may lie, and how close counts as reached.
 *
 * @param region    where the goal point is drawn
 * @param tolerance success radius around the goal point, metres, &gt; 0
 */
public record GoalSpec(Region region, double tolerance) {
    public GoalSpec {
        Checks.notNull("region", region);
        Checks.positive("tolerance", tolerance);
    }
}
