package dev.wayfinder.scenarios.io;

import dev.wayfinder.scenarios.io.Scalars.Range;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.BoxFootprint;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.CircleFootprint;
import dev.wayfinder.scenarios.model.Footprint;
import dev.wayfinder.scenarios.model.GoalSpec;
import dev.wayfinder.scenarios.model.LidarSpec;
import dev.wayfinder.scenarios.model.Lighting;
import dev.wayfinder.scenarios.model.Limits;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.scenarios.model.Randomization;
import dev.wayfinder.scenarios.model.Region;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.Robot;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.StartSpec;
import dev.wayfinder.scenarios.model.Vec2;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Turns the node tree of a scenario file into a {@link Scenario}, collecting every problem. */
final class ScenarioParser {
    /** Most start or goal regions accepted. */
    static final int MAX_REGIONS = 64;

    private final Ctx ctx;

    ScenarioParser(Ctx ctx) {
        this.ctx = ctx;
    }

    Scenario scenario(Node root) {
        ctx.seen("", root);
        Optional<Fields> of = Fields.open(ctx, root, "", "a scenario");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        int mark = ctx.count();
        String name = f.req("name", "the scenario's name").map(n -> Scalars.text(ctx, n, "name")).orElse(null);
        String description = f.text("description", "");
        Arena arena = f.req("arena", "the arena {size: {x, y}, ...}").map(n -> arena(n, "arena")).orElse(null);
        Robot robot = f.opt("robot").map(n -> robot(n, "robot")).orElse(Defaults.ROBOT);
        List<Obstacle> obstacles = new ObstacleParser(ctx).obstacles(f.list("obstacles", Scenario.MAX_OBSTACLES),
                f.path("obstacles"));
        List<StartSpec> starts = regions(f, "starts", true).stream().map(StartSpec.class::cast).toList();
        List<GoalSpec> goals = regions(f, "goals", false).stream().map(GoalSpec.class::cast).toList();
        Lighting lighting = f.opt("lighting").map(n -> lighting(n, "lighting")).orElse(Lighting.DEFAULT);
        Limits limits = f.opt("limits").map(n -> limits(n, "limits")).orElse(Limits.DEFAULT);
        Randomization rnd = f.opt("randomization").map(n -> new RandomizationParser(ctx).randomization(n,
                "randomization")).orElse(Randomization.none());
        f.finish();
        return ctx.build(mark, root, "", () -> new Scenario(name, description, arena, obstacles, robot, starts,
                goals, lighting, limits, rnd));
    }

    private Arena arena(Node n, String path) {
        Optional<Fields> of = Fields.open(ctx, n, path, "the arena");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        int mark = ctx.count();
        Range side = Range.positiveUpTo(Arena.MAX_SIDE, "m, at most 1 km");
        Vec2 size = f.req("size", "the arena's free interior {x, y} in metres")
                .map(s -> Geom.vec2(ctx, s, f.path("size"), side)).orElse(null);
        double wallHeight = f.num("wall_height", Defaults.WALL_HEIGHT, Range.positiveUpTo(100, "m"));
        double wallThickness = f.num("wall_thickness", Defaults.WALL_THICKNESS, Range.positiveUpTo(10, "m"));
        Material wall = f.opt("wall_material").map(m -> Geom.material(ctx, m, f.path("wall_material")))
                .orElse(Defaults.WALL);
        Material floor = f.opt("floor_material").map(m -> Geom.material(ctx, m, f.path("floor_material")))
                .orElse(Defaults.FLOOR);
        double friction = f.num("floor_friction", Defaults.FLOOR_FRICTION, Range.closed(0, 10, ""));
        f.finish();
        return ctx.build(mark, n, path, () -> new Arena(size, wallHeight, wallThickness, wall, floor, friction));
    }

    private Robot robot(Node n, String path) {
        Optional<Fields> of = Fields.open(ctx, n, path, "the robot");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        Robot d = Defaults.ROBOT;
        int mark = ctx.count();
        double wheelBase = f.num("wheel_base", d.wheelBase(), Range.positiveUpTo(10, "m"));
        double wheelRadius = f.num("wheel_radius", d.wheelRadius(), Range.positiveUpTo(5, "m"));
        double mass = f.num("mass", d.mass(), Range.positiveUpTo(10_000, "kg"));
        double height = f.num("height", d.height(), Range.positiveUpTo(10, "m"));
        Footprint footprint = f.opt("footprint").map(x -> footprint(x, f.path("footprint"))).orElse(d.footprint());
        double vMax = f.num("max_linear_speed", d.maxLinearSpeed(), Range.positiveUpTo(100, "m/s"));
        double wMax = f.deg("max_angular_speed", d.maxAngularSpeed(), Range.positiveUpTo(36_000, "degrees/s"));
        double aMax = f.num("max_linear_accel", d.maxLinearAccel(), Range.positiveUpTo(1000, "m/s^2"));
        double alphaMax = f.deg("max_angular_accel", d.maxAngularAccel(),
                Range.positiveUpTo(360_000, "degrees/s^2"));
        double lag = f.num("motor_lag", d.motorLag(), Range.closed(0, 10, "s"));
        CameraSpec camera = f.opt("camera").map(x -> camera(x, f.path("camera"))).orElse(d.camera());
        LidarSpec lidar = f.opt("lidar").map(x -> lidar(x, f.path("lidar"))).orElse(d.lidar());
        f.finish();
        return ctx.build(mark, n, path, () -> new Robot(wheelBase, wheelRadius, mass, height, footprint, vMax, wMax,
                aMax, alphaMax, lag, camera, lidar));
    }

    private Footprint footprint(Node n, String path) {
        Optional<Fields> of = Fields.open(ctx, n, path, "a footprint {radius} or {length, width}");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        int mark = ctx.count();
        Range r = Range.positiveUpTo(10, "m");
        Footprint fp;
        if (f.has("radius") && !f.has("length") && !f.has("width")) {
            double radius = f.reqNum("radius", r);
            fp = ctx.build(mark, n, path, () -> new CircleFootprint(radius));
        } else if (!f.has("radius") && (f.has("length") || f.has("width"))) {
            double length = f.reqNum("length", r);
            double width = f.reqNum("width", r);
            fp = ctx.build(mark, n, path, () -> new BoxFootprint(length, width));
        } else {
            f.allow("radius", "length", "width");
            ctx.error(n, path, "expected either {radius} (a round robot) or {length, width} (a rectangular one)");
            fp = null;
        }
        f.finish();
        return fp;
    }

    private CameraSpec camera(Node n, String path) {
        Optional<Fields> of = Fields.open(ctx, n, path, "the camera");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        CameraSpec d = Defaults.CAMERA;
        int mark = ctx.count();
        Pose3 mount = f.opt("mount").map(x -> Geom.pose3(ctx, x, f.path("mount"))).orElse(d.mount());
        double fov = f.deg("fov", d.horizontalFov(), new Range(0, true, 180, true, "degrees"));
        int width = f.integer("width", d.width(), 1, CameraSpec.MAX_SIDE);
        int height = f.integer("height", d.height(), 1, CameraSpec.MAX_SIDE);
        double near = f.num("near", d.near(), Range.positiveUpTo(100, "m"));
        double far = f.num("far", d.far(), Range.positiveUpTo(10_000, "m"));
        f.finish();
        return ctx.build(mark, n, path, () -> new CameraSpec(mount, fov, width, height, near, far));
    }

    private LidarSpec lidar(Node n, String path) {
        Optional<Fields> of = Fields.open(ctx, n, path, "the lidar");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        LidarSpec d = Defaults.LIDAR;
        int mark = ctx.count();
        double angleMin = f.deg("angle_min", d.angleMin(), Range.closed(-180, 180, "degrees"));
        double angleMax = f.deg("angle_max", d.angleMax(), Range.closed(-180, 540, "degrees"));
        int beams = f.integer("beams", d.beams(), 1, 4096);
        double rangeMin = f.num("range_min", d.rangeMin(), Range.closed(0, 100, "m"));
        double rangeMax = f.num("range_max", d.rangeMax(), Range.positiveUpTo(1000, "m"));
        f.finish();
        return ctx.build(mark, n, path, () -> new LidarSpec(angleMin, angleMax, beams, rangeMin, rangeMax));
    }

    private List<Object> regions(Fields top, String key, boolean starts) {
        List<Object> out = new ArrayList<>();
        String what = starts ? "a list of start regions [{center: {x, y}, ...}]" : "a list of goal regions";
        Optional<Node> listNode = top.req(key, what);
        if (listNode.isEmpty()) {
            return out;
        }
        List<Node> items = Scalars.list(ctx, listNode.get(), key, MAX_REGIONS);
        if (listNode.get() instanceof SequenceNode seq && seq.getValue().isEmpty()) {
            ctx.error(listNode.get(), key, "expected at least one region, found an empty list");
        }
        for (int i = 0; i < items.size(); i++) {
            String path = Ctx.index(key, i);
            Node n = items.get(i);
            Optional<Fields> of = Fields.open(ctx, n, path, starts ? "a start region" : "a goal region");
            if (of.isEmpty()) {
                continue;
            }
            Fields f = of.get();
            int mark = ctx.count();
            Region region = Geom.region(f);
            Object spec;
            if (starts) {
                double yaw = f.deg("yaw", 0, Geom.ANGLE);
                double yawMin = f.deg("yaw_min", yaw, Geom.ANGLE);
                double yawMax = f.deg("yaw_max", yaw, Geom.ANGLE);
                if (f.has("yaw") && (f.has("yaw_min") || f.has("yaw_max"))) {
                    ctx.error(n, path, "give either yaw (one heading) or yaw_min and yaw_max (a range), not both");
                }
                spec = ctx.build(mark, n, path, () -> new StartSpec(region, yawMin, yawMax));
            } else {
                double tol = f.num("tolerance", Defaults.GOAL_TOLERANCE, Range.positiveUpTo(100, "m"));
                spec = ctx.build(mark, n, path, () -> new GoalSpec(region, tol));
            }
            f.finish();
            if (spec != null) {
                out.add(spec);
            }
        }
        return out;
    }

    private Lighting lighting(Node n, String path) {
        Optional<Fields> of = Fields.open(ctx, n, path, "the lighting");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        Lighting d = Lighting.DEFAULT;
        int mark = ctx.count();
        double az = f.deg("azimuth", d.azimuth(), Range.closed(-360, 360, "degrees"));
        double el = f.deg("elevation", d.elevation(), Range.closed(0, 90, "degrees"));
        Rgb color = f.opt("color").map(c -> Geom.color(ctx, c, f.path("color"))).orElse(d.color());
        double intensity = f.num("intensity", d.intensity(), Range.closed(0, 10, ""));
        double ambient = f.num("ambient", d.ambient(), Range.closed(0, 1, ""));
        Rgb background = f.opt("background").map(c -> Geom.color(ctx, c, f.path("background")))
                .orElse(d.background());
        double fog = f.num("fog_density", d.fogDensity(), Range.closed(0, 10, "1/m"));
        f.finish();
        return ctx.build(mark, n, path, () -> new Lighting(az, el, color, intensity, ambient, background, fog));
    }

    private Limits limits(Node n, String path) {
        Optional<Fields> of = Fields.open(ctx, n, path, "the episode limits");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        int mark = ctx.count();
        int maxSteps = f.integer("max_steps", Limits.DEFAULT.maxSteps(), 1, 10_000_000);
        double rate = f.num("control_rate", Limits.DEFAULT.controlRate(), Range.closed(0.001, 1000, "Hz"));
        f.finish();
        return ctx.build(mark, n, path, () -> new Limits(maxSteps, rate));
    }
}
