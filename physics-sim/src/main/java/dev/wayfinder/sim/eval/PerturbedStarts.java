package dev.wayfinder.sim.eval;

import dev.wayfinder.scenarios.model.CircleRegion;
import dev.wayfinder.scenarios.model.Dynamics;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.GoalSpec;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.RectRegion;
import dev.wayfinder.scenarios.model.Region;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.StartSpec;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.scenarios.geometry.Geometry2d;
import dev.wayfinder.sim.env.EpisodeSource;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An episode source that keeps everything of the scenario's nominal episode but draws the start (position in
 * a start region, yaw in its range) and the goal (in a goal region) from the seed; seed 0 is the nominal
 * episode. Positions closer than the robot's radius plus 3 cm to a wall or a non-moving obstacle are
 * redrawn. A lightweight stand-in for full domain randomization when only starts should vary.
 * Immutable and thread-safe.
 */
public final class PerturbedStarts implements EpisodeSource {
    private static final int ATTEMPTS = 200;
    private final Scenario scenario;
    private final Episode nominal;

    private PerturbedStarts(Scenario scenario, Dynamics dynamics) {
        this.scenario = scenario;
        Episode n = Episode.nominal(scenario);
        this.nominal = new Episode(n.scenarioName(), 0, n.arena(), n.obstacles(), n.robot(), dynamics,
                n.cameraEffects(), n.lighting(), n.start(), n.goal(), n.goalTolerance(), n.limits());
    }

    /** Perturbed starts of {@code scenario} with ideal dynamics. */
    public static PerturbedStarts of(Scenario scenario) {
        return new PerturbedStarts(Objects.requireNonNull(scenario, "scenario"), Dynamics.NOMINAL);
    }

    /** The same source with other dynamics (noise, latency, drift) in every episode. */
    public PerturbedStarts withDynamics(Dynamics dynamics) {
        return new PerturbedStarts(scenario, Objects.requireNonNull(dynamics, "dynamics"));
    }

    @Override
    public Episode episode(long seed) {
        if (seed == 0) {
            return nominal;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double r = nominal.robot().footprint().boundingRadius() + 0.03;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StartSpec s = scenario.starts().get(rng.nextInt(scenario.starts().size()));
            GoalSpec g = scenario.goals().get(rng.nextInt(scenario.goals().size()));
            Vec2 p = draw(s.region(), rng);
            double yaw = s.yawMax() > s.yawMin() ? rng.nextDouble(s.yawMin(), s.yawMax()) : s.yawMin();
            Vec2 goal = draw(g.region(), rng);
            if (free(p, r) && free(goal, 0.03) && p.distanceTo(goal) > g.tolerance() + 0.1) {
                return new Episode(nominal.scenarioName(), seed, nominal.arena(), nominal.obstacles(),
                        nominal.robot(), nominal.dynamics(), nominal.cameraEffects(), nominal.lighting(),
                        new Pose2(p, yaw), goal, g.tolerance(), nominal.limits());
            }
        }
        return nominal;
    }

    private boolean free(Vec2 p, double r) {
        if (!nominal.arena().containsDisc(p, r)) {
            return false;
        }
        for (Obstacle o : nominal.obstacles()) {
            if (o.kind() != ObstacleKind.MOVING && Geometry2d.distance(o, p) < r) {
                return false;
            }
        }
        return true;
    }

    private static Vec2 draw(Region region, SplittableRandom rng) {
        return switch (region) {
            case RectRegion rect -> new Vec2(
                    rect.center().x() + (rect.size().x() > 0 ? rng.nextDouble(-0.5, 0.5) * rect.size().x() : 0),
                    rect.center().y() + (rect.size().y() > 0 ? rng.nextDouble(-0.5, 0.5) * rect.size().y() : 0));
            case CircleRegion c -> {
                double a = rng.nextDouble(0, 2 * Math.PI);
                double d = c.radius() * Math.sqrt(rng.nextDouble());
                yield new Vec2(c.center().x() + d * Math.cos(a), c.center().y() + d * Math.sin(a));
            }
        };
    }
}
