package dev.wayfinder.scenarios.io;

import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.BoxFootprint;
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
import dev.wayfinder.scenarios.model.Region;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.Robot;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.StartSpec;
import dev.wayfinder.scenarios.model.TextureKind;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.scenarios.model.Vec3;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Structurally valid random scenarios (not necessarily solvable) for property tests. */
final class RandomScenarios {
    private RandomScenarios() {
    }

    static Scenario generate(Random r) {
        Arena arena = new Arena(new Vec2(u(r, 1, 50), u(r, 1, 50)), u(r, 0.1, 2), u(r, 0.01, 0.5), material(r),
                material(r), u(r, 0, 2));
        List<Obstacle> obstacles = new ArrayList<>();
        int n = r.nextInt(9);
        for (int i = 0; i < n; i++) {
            obstacles.add(obstacle(r, arena, "o" + i));
        }
        List<StartSpec> starts = new ArrayList<>();
        for (int i = 0, k = 1 + r.nextInt(3); i < k; i++) {
            double yawMin = u(r, -Math.PI, Math.PI);
            starts.add(new StartSpec(region(r, arena), yawMin, r.nextBoolean() ? yawMin : yawMin + u(r, 0, 2 * Math.PI)));
        }
        List<GoalSpec> goals = new ArrayList<>();
        for (int i = 0, k = 1 + r.nextInt(3); i < k; i++) {
            goals.add(new GoalSpec(region(r, arena), u(r, 0.05, 1)));
        }
        Lighting lighting = new Lighting(u(r, -Math.PI, Math.PI), u(r, 0, Math.PI / 2), color(r), u(r, 0, 10),
                u(r, 0, 1), color(r), r.nextBoolean() ? 0 : u(r, 0, 1));
        Limits limits = new Limits(1 + r.nextInt(100_000), r.nextBoolean() ? 10 : u(r, 1, 100));
        return new Scenario("s-" + r.nextInt(1000), text(r), arena, obstacles, robot(r), starts, goals, lighting,
                limits, randomization(r, arena));
    }

    static double u(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    static Rgb color(Random r) {
        return Rgb.of8(r.nextInt(256), r.nextInt(256), r.nextInt(256));
    }

    static Material material(Random r) {
        if (r.nextInt(3) == 0) {
            return Material.solid(color(r));
        }
        TextureKind[] kinds = TextureKind.values();
        return new Material(color(r), kinds[r.nextInt(kinds.length)], color(r), u(r, 0.01, 5));
    }

    static String text(Random r) {
        String[] bits = {"plain", "with \"quotes\"", "back\\slash", "new\nline", "tab\t", "caf\u00e9", "\u6a5f\u68b0",
                "emoji \ud83e\udd16", ": colon", "# hash", "- dash", "", "null", "true", "1e3", "'single'", "\u0007bell"};
        StringBuilder b = new StringBuilder();
        for (int i = 0, k = r.nextInt(4); i < k; i++) {
            b.append(bits[r.nextInt(bits.length)]).append(' ');
        }
        return b.toString();
    }

    static Region region(Random r, Arena a) {
        Vec2 c = new Vec2(u(r, -a.halfX(), a.halfX()), u(r, -a.halfY(), a.halfY()));
        return r.nextBoolean() ? new RectRegion(c, new Vec2(u(r, 0, 2), r.nextInt(4) == 0 ? 0 : u(r, 0, 2)))
                : new CircleRegion(c, u(r, 0, 1));
    }

    static Obstacle obstacle(Random r, Arena a, String id) {
        var shape = r.nextBoolean() ? new Box(new Vec3(u(r, 0.05, 2), u(r, 0.05, 2), u(r, 0.05, 2)))
                : new Cylinder(u(r, 0.05, 1), u(r, 0.05, 2));
        Pose2 pose = new Pose2(u(r, -a.halfX(), a.halfX()), u(r, -a.halfY(), a.halfY()), u(r, -Math.PI, Math.PI));
        ObstacleKind kind = ObstacleKind.values()[r.nextInt(3)];
        Optional<Patrol> patrol = Optional.empty();
        if (kind == ObstacleKind.MOVING) {
            List<Vec2> wps = new ArrayList<>();
            for (int i = 0, k = 1 + r.nextInt(4); i < k; i++) {
                wps.add(new Vec2(u(r, -a.halfX(), a.halfX()), u(r, -a.halfY(), a.halfY())));
            }
            patrol = Optional.of(new Patrol(wps, u(r, 0.05, 2), PatrolMode.values()[r.nextInt(2)]));
        }
        double mass = kind == ObstacleKind.PUSHABLE ? u(r, 0.1, 50) : 0;
        return new Obstacle(id, shape, pose, material(r), u(r, 0, 2), kind, mass, patrol, r.nextBoolean());
    }

    static Robot robot(Random r) {
        var footprint = r.nextBoolean() ? new CircleFootprint(u(r, 0.05, 0.5))
                : new BoxFootprint(u(r, 0.05, 1), u(r, 0.05, 1));
        Pose3 mount = new Pose3(u(r, -0.5, 0.5), u(r, -0.5, 0.5), u(r, 0, 0.5), u(r, -0.5, 0.5), u(r, -0.5, 0.5),
                u(r, -0.5, 0.5));
        CameraSpec cam = new CameraSpec(mount, u(r, 0.1, 3), 1 + r.nextInt(256), 1 + r.nextInt(256), u(r, 0.01, 0.1),
                u(r, 1, 100));
        double amin = u(r, -Math.PI, 0);
        LidarSpec lidar = new LidarSpec(amin, amin + u(r, 0.1, 2 * Math.PI), 1 + r.nextInt(1000), u(r, 0, 0.5),
                u(r, 1, 30));
        return new Robot(u(r, 0.05, 1), u(r, 0.01, 0.2), u(r, 0.1, 50), u(r, 0.05, 1), footprint, u(r, 0.05, 3),
                u(r, 0.1, 10), u(r, 0.1, 10), u(r, 0.1, 30), r.nextBoolean() ? 0 : u(r, 0, 1), cam, lidar);
    }

    static Randomization randomization(Random r, Arena a) {
        if (r.nextInt(5) == 0) {
            return Randomization.none();
        }
        Map<RandomParameter, Distribution> m = new EnumMap<>(RandomParameter.class);
        for (RandomParameter p : RandomParameter.values()) {
            if (r.nextInt(3) == 0) {
                m.put(p, distribution(r, p));
            }
        }
        Optional<Curriculum> cur = r.nextBoolean() ? Optional.empty()
                : Optional.of(new Curriculum(u(r, 0, 1), u(r, 0.01, 1)));
        Optional<RectRegion> area = r.nextBoolean() ? Optional.empty()
                : Optional.of(new RectRegion(Vec2.ZERO, new Vec2(u(r, 0, a.size().x()), u(r, 0, a.size().y()))));
        return new Randomization(m, cur, area, 1 + r.nextInt(10_000));
    }

    static Distribution distribution(Random r, RandomParameter p) {
        double lo = p.domainMin();
        double hi = p.domainMax();
        boolean whole = p.unit() == ParameterUnit.COUNT || p.unit() == ParameterUnit.CATEGORY;
        if (whole) {
            int top = (int) Math.min(hi, 50);
            if (r.nextBoolean()) {
                return new Distribution.Fixed(r.nextInt(top + 1));
            }
            List<Double> values = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            for (int i = 0, k = 1 + r.nextInt(4); i < k; i++) {
                values.add((double) r.nextInt(top + 1));
                weights.add(r.nextBoolean() ? 1.0 : u(r, 0.1, 5));
            }
            if (p.unit() == ParameterUnit.COUNT && r.nextBoolean()) {
                double a = r.nextInt(top + 1);
                return new Distribution.Uniform(a, a + r.nextInt(top + 1 - (int) a));
            }
            return new Distribution.Choice(values, weights);
        }
        double span = hi - lo;
        double a = lo + span * u(r, 0.01, 0.5);
        double b = lo + span * u(r, 0.5, 0.99);
        return switch (r.nextInt(5)) {
            case 0 -> new Distribution.Fixed(a);
            case 1 -> new Distribution.Uniform(a, b);
            case 2 -> new Distribution.Normal((a + b) / 2, u(r, 0, span / 4), a, b);
            case 3 -> a > 0 ? new Distribution.LogUniform(a, b) : new Distribution.Uniform(a, b);
            default -> Distribution.Choice.of(List.of(a, b, (a + b) / 2));
        };
    }
}
