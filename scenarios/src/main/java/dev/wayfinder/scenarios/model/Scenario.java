package dev.wayfinder.scenarios.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A navigation task family as written in a scenario file: the world, the robot, where episodes start and
 * end, and how they vary. Structural checks happen here; geometric checks (inside the arena, free starts,
 * solvability) are done by {@code dev.wayfinder.scenarios.validate.ScenarioValidator} at load time.
 *
 * @param name          identifier, 1-64 of letters, digits, '-', '_', '.'
 * @param description   free text, may be empty
 * @param arena         the arena
 * @param obstacles     obstacles, ids unique; at most {@link #MAX_OBSTACLES}
 * @param robot         the robot
 * @param starts        start regions (at least one); an episode starts in one of them
 * @param goals         goal regions (at least one); an episode's goal lies in one of them
 * @param lighting      lighting
 * @param limits        episode limits
 * @param randomization what varies between episodes
 */
public record Scenario(String name, String description, Arena arena, List<Obstacle> obstacles, Robot robot,
                       List<StartSpec> starts, List<GoalSpec> goals, Lighting lighting, Limits limits,
                       Randomization randomization) {
    /** Largest number of obstacles accepted. */
    public static final int MAX_OBSTACLES = 5000;

    public Scenario {
        Checks.notNull("name", name);
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("name must be 1-64 letters, digits, '-', '_' or '.', got \""
                    + name + "\"");
        }
        Checks.notNull("description", description);
        Checks.notNull("arena", arena);
        obstacles = List.copyOf(Checks.notNull("obstacles", obstacles));
        if (obstacles.size() > MAX_OBSTACLES) {
            throw new IllegalArgumentException("at most " + MAX_OBSTACLES + " obstacles, got " + obstacles.size());
        }
        Set<String> ids = new HashSet<>();
        for (Obstacle o : obstacles) {
            if (!ids.add(o.id())) {
                throw new IllegalArgumentException("obstacle id \"" + o.id() + "\" is used twice");
            }
        }
        Checks.notNull("robot", robot);
        starts = List.copyOf(Checks.notNull("starts", starts));
        goals = List.copyOf(Checks.notNull("goals", goals));
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("at least one start is needed");
        }
        if (goals.isEmpty()) {
            throw new IllegalArgumentException("at least one goal is needed");
        }
        Checks.notNull("lighting", lighting);
        Checks.notNull("limits", limits);
        Checks.notNull("randomization", randomization);
    }
}
