package dev.wayfinder.randomization;

import dev.wayfinder.randomization.layout.LayoutCheck;
import dev.wayfinder.randomization.layout.PlannerCheck;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.CameraEffects;
import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.Dynamics;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Lighting;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Randomization;
import dev.wayfinder.scenarios.model.Robot;
import dev.wayfinder.scenarios.model.Scenario;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * (Scenario, seed) to Episode, as a pure function: equal inputs give an equal Episode on any machine and
 * JDK, and nothing else (no clock, no global generator) influences the result. Thread-safe (stateless).
 *
 * <p>Every randomized value comes from its own stream, named by the parameter's file key and, for
 * per-object parameters, the object id ({@link dev.wayfinder.randomization.rng.Rng#stream}). Adding or
 * removing a parameter therefore leaves the draws of all others unchanged, with one exception: layout
 * draws (obstacle moves, start and goal, added objects) belong to a layout attempt, and a different number of
 * attempts before a solvable layout changes which attempt's layout draws are used.
 *
 * <p>Order of work: visual and physical draws once; then up to {@code maxAttempts} layout attempts, each
 * from streams prefixed with the attempt number, until the {@link LayoutCheck} accepts one. If none is
 * accepted a {@link RandomizationException} names the scenario, the seed and the last reason.
 */
public final class Randomizer {
    private static final LayoutCheck DEFAULT_CHECK = new PlannerCheck();

    private Randomizer() {
    }

    /** The episode of {@code seed} at full randomization width (training finished or no curriculum). */
    public static Episode episode(Scenario scenario, long seed) {
        return draw(scenario, seed, 1.0, DEFAULT_CHECK).episode();
    }

    /**
     * The episode of {@code seed} at training progress {@code progress} in [0, 1]: a scenario with a
     * curriculum draws from ranges narrowed toward the nominal values; without one progress has no effect.
     */
    public static Episode episode(Scenario scenario, long seed, double progress) {
        return draw(scenario, seed, progress, DEFAULT_CHECK).episode();
    }

    /** {@link #episode(Scenario, long, double)} with the values drawn, checked by the default planner. */
    public static EpisodeDraw draw(Scenario scenario, long seed, double progress) {
        return draw(scenario, seed, progress, DEFAULT_CHECK);
    }

    /**
     * The full draw of one episode.
     *
     * @param progress training progress in [0, 1]
     * @param check    decides whether a drawn layout is solvable
     * @throws RandomizationException when no solvable layout is found within the scenario's maxAttempts
     */
    public static EpisodeDraw draw(Scenario scenario, long seed, double progress, LayoutCheck check) {
        if (scenario == null || check == null) {
            throw new IllegalArgumentException("scenario and check must not be null");
        }
        if (!(progress >= 0 && progress <= 1)) {
            throw new IllegalArgumentException("progress must be in [0, 1], got " + progress);
        }
        Randomization r = scenario.randomization();
        double width = r.curriculum().map(c -> c.widthAt(progress)).orElse(1.0);
        Draws fixed = new Draws(r, seed, width);
        Lighting lighting = Looks.lighting(fixed, scenario.lighting());
        Arena arena = Physicals.arena(fixed, scenario.arena());
        Robot robot = Physicals.robot(fixed, scenario.robot());
        Dynamics dynamics = Physicals.dynamics(fixed);
        CameraEffects effects = Looks.effects(fixed);
        List<Obstacle> dressed = new ArrayList<>(scenario.obstacles().size());
        for (Obstacle o : scenario.obstacles()) {
            dressed.add(Physicals.obstacle(fixed, o));
        }
        String lastProblem = "no attempt was made";
        for (int attempt = 0; attempt < r.maxAttempts(); attempt++) {
            Draws layoutDraws = fixed.forAttempt(attempt);
            Layouts.Outcome layout = Layouts.draw(layoutDraws, scenario, dressed);
            if (!layout.ok()) {
                lastProblem = layout.failure();
                continue;
            }
            Episode e = new Episode(scenario.name(), seed, arena, layout.obstacles(), robot, dynamics, effects,
                    lighting, layout.start(), layout.goal(), layout.goalSpec().tolerance(), scenario.limits());
            Optional<String> problem = check.problem(e);
            if (problem.isEmpty()) {
                Map<String, Double> values = new TreeMap<>(fixed.values());
                values.putAll(layoutDraws.values());
                return new EpisodeDraw(e, values, attempt + 1);
            }
            lastProblem = problem.get();
        }
        throw new RandomizationException(scenario.name(), "scenario '" + scenario.name() + "': no solvable layout"
                + " for seed " + seed + " in " + r.maxAttempts() + " attempt" + (r.maxAttempts() == 1 ? "" : "s")
                + "; last: " + lastProblem + ". Narrow the layout ranges (extra_obstacle_count, "
                + "obstacle_size_scale, start_goal_min_distance, ...) or raise max_attempts.");
    }

    /**
     * An out-of-distribution variant of {@code scenario}: every randomized range widened by {@code factor}
     * about its centre and clipped to the parameter's domain ({@link Ranges#widen}); parameters the scenario
     * does not randomize, or holds fixed, stay as they are. The name gets the suffix {@code -ood}.
     *
     * @param factor &gt;= 1 (1 returns an equal randomization under the new name)
     */
    public static Scenario ood(Scenario scenario, double factor) {
        Randomization r = scenario.randomization();
        Map<RandomParameter, Distribution> wide = new EnumMap<>(RandomParameter.class);
        for (Map.Entry<RandomParameter, Distribution> e : r.parameters().entrySet()) {
            wide.put(e.getKey(), Ranges.widen(e.getValue(), e.getKey(), factor));
        }
        String base = scenario.name();
        String name = (base.length() > 60 ? base.substring(0, 60) : base) + "-ood";
        return new Scenario(name, scenario.description(), scenario.arena(), scenario.obstacles(), scenario.robot(),
                scenario.starts(), scenario.goals(), scenario.lighting(), scenario.limits(),
                new Randomization(wide, r.curriculum(), r.layoutArea(), r.maxAttempts()));
    }

    /**
     * The scenario in a visual style outside its training palette: every texture parameter that draws from a choice
     * draws from the textures the scenario never shows instead, and every saturation parameter whose range stops
     * short of 1 draws from above it (halfway from its top to 1, up to 1), so floors, walls and obstacles take
     * colours and patterns the policy was never trained on. Geometry, lighting, camera and physics are unchanged.
     * Parameters the scenario does not randomize stay as they are. The name gets the suffix {@code -style}.
     */
    public static Scenario style(Scenario scenario) {
        Randomization r = scenario.randomization();
        Map<RandomParameter, Distribution> out = new EnumMap<>(RandomParameter.class);
        for (Map.Entry<RandomParameter, Distribution> e : r.parameters().entrySet()) {
            RandomParameter p = e.getKey();
            Distribution d = e.getValue();
            if (p.unit() == dev.wayfinder.scenarios.model.ParameterUnit.CATEGORY && p.name().endsWith("_TEXTURE")
                    && d instanceof Distribution.Choice c) {
                java.util.List<Double> unseen = new java.util.ArrayList<>();
                for (dev.wayfinder.scenarios.model.TextureKind k : dev.wayfinder.scenarios.model.TextureKind.values()) {
                    if (!c.values().contains((double) k.ordinal())) {
                        unseen.add((double) k.ordinal());
                    }
                }
                out.put(p, unseen.isEmpty() ? d : Distribution.Choice.of(unseen));
            } else if (p.name().endsWith("_SATURATION") && d.max() < 1) {
                out.put(p, new Distribution.Uniform((d.max() + 1) / 2, 1));
            } else {
                out.put(p, d);
            }
        }
        String base = scenario.name();
        String name = (base.length() > 58 ? base.substring(0, 58) : base) + "-style";
        return new Scenario(name, scenario.description(), scenario.arena(), scenario.obstacles(), scenario.robot(),
                scenario.starts(), scenario.goals(), scenario.lighting(), scenario.limits(),
                new Randomization(out, r.curriculum(), r.layoutArea(), r.maxAttempts()));
    }
}
