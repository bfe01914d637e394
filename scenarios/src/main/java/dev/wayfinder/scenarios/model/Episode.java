package dev.wayfinder.scenarios.model;

import java.util.List;

/**
 * One concrete instance of a scenario: every value drawn, nothing random left. Produced by
 * domain-randomization from (Scenario, seed), or by {@link #nominal(Scenario)}; compiled by physics-sim.
 *
 * @param scenarioName  name of the scenario it came from
 * @param seed          the seed it was drawn with (0 for the nominal episode)
 * @param arena         the arena with drawn materials and floor friction
 * @param obstacles     all obstacles, including distractors and extra obstacles; ids unique
 * @param robot         the robot with drawn mass, speed limits, motor lag and camera mount/FOV
 * @param dynamics      drawn actuation and sensing imperfections
 * @param cameraEffects drawn image degradations
 * @param lighting      drawn lighting
 * @param start         initial pose of base_link
 * @param goal          goal point (yaw unused, 0)
 * @param goalTolerance success radius, metres, &gt; 0
 * @param limits        episode limits
 */
public record Episode(String scenarioName, long seed, Arena arena, List<Obstacle> obstacles, Robot robot,
                      Dynamics dynamics, CameraEffects cameraEffects, Lighting lighting, Pose2 start,
                      Vec2 goal, double goalTolerance, Limits limits) {
    public Episode {
        Checks.notNull("scenarioName", scenarioName);
        Checks.notNull("arena", arena);
        obstacles = List.copyOf(Checks.notNull("obstacles", obstacles));
        if (obstacles.stream().map(Obstacle::id).distinct().count() != obstacles.size()) {
            throw new IllegalArgumentException("obstacle ids must be unique");
        }
        Checks.notNull("robot", robot);
        Checks.notNull("dynamics", dynamics);
        Checks.notNull("cameraEffects", cameraEffects);
        Checks.notNull("lighting", lighting);
        Checks.notNull("start", start);
        Checks.notNull("goal", goal);
        Checks.positive("goalTolerance", goalTolerance);
        Checks.notNull("limits", limits);
    }

    /**
     * The episode without any randomization: start at the centre of the first start region with its
     * middle yaw, goal at the centre of the first goal region, nominal dynamics and a perfect camera.
     */
    public static Episode nominal(Scenario s) {
        GoalSpec g = s.goals().get(0);
        return new Episode(s.name(), 0, s.arena(), s.obstacles(), s.robot(), Dynamics.NOMINAL,
                CameraEffects.NOMINAL, s.lighting(), s.starts().get(0).nominal(), g.region().center(),
                g.tolerance(), s.limits());
    }
}
