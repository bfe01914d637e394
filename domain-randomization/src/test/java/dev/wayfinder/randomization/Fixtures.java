package dev.wayfinder.randomization;

import static dev.wayfinder.scenarios.model.RandomParameter.DISTRACTOR_COUNT;
import static dev.wayfinder.scenarios.model.RandomParameter.DISTRACTOR_SIZE;
import static dev.wayfinder.scenarios.model.RandomParameter.EXTRA_OBSTACLE_COUNT;
import static dev.wayfinder.scenarios.model.RandomParameter.EXTRA_OBSTACLE_SIZE;
import static dev.wayfinder.scenarios.model.RandomParameter.OBSTACLE_POSITION_JITTER;
import static dev.wayfinder.scenarios.model.RandomParameter.OBSTACLE_ROTATION;
import static dev.wayfinder.scenarios.model.RandomParameter.OBSTACLE_SIZE_SCALE;
import static dev.wayfinder.scenarios.model.RandomParameter.START_GOAL_MIN_DISTANCE;

import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.CircleFootprint;
import dev.wayfinder.scenarios.model.CircleRegion;
import dev.wayfinder.scenarios.model.Curriculum;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.GoalSpec;
import dev.wayfinder.scenarios.model.LidarSpec;
import dev.wayfinder.scenarios.model.Lighting;
import dev.wayfinder.scenarios.model.Limits;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.ParameterUnit;
import dev.wayfinder.scenarios.model.Patrol;
import dev.wayfinder.scenarios.model.PatrolMode;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Randomization;
import dev.wayfinder.scenarios.model.RectRegion;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.Robot;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.StartSpec;
import dev.wayfinder.scenarios.model.TextureKind;
import dev.wayfinder.scenarios.model.Vec2;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scenarios built in code for the tests (the loader is tested in scenarios). */
final class Fixtures {
    static final double ROBOT_MASS = 1.2;

    private Fixtures() {
    }

    static Robot robot() {
        CameraSpec cam = new CameraSpec(new Pose3(0.05, 0, 0.15, 0, 0.1, 0), Math.toRadians(90), 64, 48, 0.05, 30);
        return new Robot(0.16, 0.033, ROBOT_MASS, 0.2, new CircleFootprint(0.1), 0.5, 2.0, 1.0, 4.0, 0.05, cam,
                new LidarSpec(-Math.PI, Math.PI, 64, 0.1, 5));
    }

    static Arena arena() {
        return new Arena(new Vec2(8, 6), 0.5, 0.1, Material.solid(Rgb.of8(0xd0, 0xc8, 0xb0)),
                new Material(Rgb.of8(0x70, 0x70, 0x70), TextureKind.CHECKER, Rgb.of8(0x40, 0x40, 0x40), 0.5), 0.8);
    }

    static List<Obstacle> obstacles() {
        Material red = Material.solid(Rgb.of8(0xb0, 0x30, 0x30));
        Obstacle wall = new Obstacle("wall", new Box(0.2, 3, 0.5), new Pose2(0, 1.5, 0), red, 0.5,
                ObstacleKind.STATIC, 0, Optional.empty(), true);
        return List.of(
                Obstacle.fixed("crate", new Box(0.5, 0.5, 0.5), new Pose2(-1, -1.5, 0.3), red),
                Obstacle.pushable("box", new Box(0.3, 0.3, 0.3), new Pose2(1.5, -1, 0), red, 2.0),
                Obstacle.fixed("pillar", new Cylinder(0.25, 0.5), new Pose2(2, 1.5, 0), red),
                wall,
                Obstacle.moving("walker", new Cylinder(0.15, 0.4), new Pose2(-2, 2.5, 0), red,
                        new Patrol(List.of(new Vec2(2, 2.5)), 0.3, PatrolMode.PING_PONG)));
    }

    static Scenario scenario(String name, Randomization r) {
        return new Scenario(name, "test", arena(), obstacles(), robot(),
                List.of(new StartSpec(new RectRegion(new Vec2(-3, 0), new Vec2(1, 4)), -Math.PI / 2, Math.PI / 2)),
                List.of(new GoalSpec(new CircleRegion(new Vec2(3, 0), 0.8), 0.2),
                        new GoalSpec(new RectRegion(new Vec2(3, -2), new Vec2(1, 1)), 0.25)),
                Lighting.DEFAULT, Limits.DEFAULT, r);
    }

    /** Every parameter randomized, with every kind of distribution in use. */
    static Map<RandomParameter, Distribution> everything() {
        Map<RandomParameter, Distribution> m = new EnumMap<>(RandomParameter.class);
        for (RandomParameter p : RandomParameter.values()) {
            m.put(p, generic(p));
        }
        m.put(OBSTACLE_POSITION_JITTER, new Distribution.Uniform(-0.3, 0.3));
        m.put(OBSTACLE_ROTATION, new Distribution.Normal(0, 0.3, -0.8, 0.8));
        m.put(OBSTACLE_SIZE_SCALE, new Distribution.LogUniform(0.7, 1.3));
        m.put(EXTRA_OBSTACLE_COUNT, new Distribution.Uniform(0, 6));
        m.put(EXTRA_OBSTACLE_SIZE, new Distribution.Uniform(0.2, 0.5));
        m.put(DISTRACTOR_COUNT, Distribution.Choice.of(List.of(0.0, 3.0, 8.0)));
        m.put(DISTRACTOR_SIZE, new Distribution.LogUniform(0.05, 0.2));
        m.put(START_GOAL_MIN_DISTANCE, new Distribution.Uniform(2, 4));
        return m;
    }

    /** A distribution inside p's domain; the kind rotates through uniform, normal, log-uniform and choice. */
    static Distribution generic(RandomParameter p) {
        if (p.unit() == ParameterUnit.CATEGORY) {
            return new Distribution.Choice(List.of(0.0, 1.0, 3.0, 4.0), List.of(1.0, 2.0, 0.0, 1.0));
        }
        double w = p.domainMax() - p.domainMin();
        double a = p.domainMin() + 0.2 * w;
        double b = p.domainMin() + 0.6 * w;
        if (p.unit() == ParameterUnit.COUNT) {
            return new Distribution.Uniform(0, 4);
        }
        return switch (p.ordinal() % 4) {
            case 0 -> new Distribution.Uniform(a, b);
            case 1 -> new Distribution.Normal((a + b) / 2, (b - a) / 3, a, b);
            case 2 -> new Distribution.LogUniform(Math.max(a, 1e-3), Math.max(b, 2e-3));
            default -> new Distribution.Choice(List.of(a, (a + b) / 2, b), List.of(1.0, 2.0, 0.5));
        };
    }

    static Scenario everythingScenario() {
        return scenario("everything", new Randomization(everything(), Optional.empty(), Optional.empty(), 200));
    }

    static Scenario withParameters(String name, Map<RandomParameter, Distribution> params) {
        return scenario(name, new Randomization(params, Optional.empty(), Optional.empty(), 200));
    }

    static Scenario withCurriculum(Map<RandomParameter, Distribution> params, Curriculum c) {
        return scenario("curriculum", new Randomization(params, Optional.of(c), Optional.empty(), 200));
    }
}
