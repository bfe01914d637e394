package dev.wayfinder.scenarios.io;

import dev.wayfinder.scenarios.io.Scalars.Range;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Patrol;
import dev.wayfinder.scenarios.model.PatrolMode;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Shape;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.scenarios.model.Vec3;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads the {@code obstacles:} list. */
final class ObstacleParser {
    /** Most patrol waypoints per moving obstacle. */
    static final int MAX_WAYPOINTS = 256;

    private enum ShapeKind { BOX, CYLINDER }

    private final Ctx ctx;

    ObstacleParser(Ctx ctx) {
        this.ctx = ctx;
    }

    List<Obstacle> obstacles(List<Node> items, String path) {
        List<Obstacle> out = new ArrayList<>();
        Map<String, Node> ids = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Obstacle o = obstacle(items.get(i), Ctx.index(path, i), i, ids);
            if (o != null) {
                out.add(o);
            }
        }
        return out;
    }

    private Obstacle obstacle(Node n, String path, int index, Map<String, Node> ids) {
        Optional<Fields> of = Fields.open(ctx, n, path, "an obstacle");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        int mark = ctx.count();
        String id = f.text("id", "obstacle-" + index);
        f.opt("id").ifPresent(idNode -> {
            Node prev = ids.putIfAbsent(id, idNode);
            if (prev != null) {
                ctx.error(idNode, f.path("id"), "obstacle id '" + id + "' is already used on line "
                        + prev.getStartMark().map(m -> m.getLine() + 1).orElse(0));
            }
        });
        ShapeKind shapeKind = f.req("shape", "box or cylinder")
                .map(s -> Scalars.enumValue(ctx, s, f.path("shape"), ShapeKind.values())).orElse(null);
        Shape shape = null;
        if (shapeKind == ShapeKind.BOX) {
            Range side = Range.positiveUpTo(Geom.MAX_COORD, "m");
            Vec3 size = f.req("size", "the box's edge lengths {x, y, z} in metres")
                    .map(s -> Geom.vec3(ctx, s, f.path("size"), side)).orElse(null);
            f.allow("radius", "height");
            if (f.has("radius") || f.has("height")) {
                ctx.error(n, path, "a box takes size {x, y, z}; radius and height belong to cylinders");
            }
            shape = ctx.build(mark, n, path, () -> new Box(size));
        } else if (shapeKind == ShapeKind.CYLINDER) {
            double radius = f.reqNum("radius", Range.positiveUpTo(Geom.MAX_COORD, "m"));
            double height = f.reqNum("height", Range.positiveUpTo(100, "m"));
            f.allow("size");
            if (f.has("size")) {
                ctx.error(n, path, "a cylinder takes radius and height; size belongs to boxes");
            }
            Shape s = ctx.build(mark, n, path, () -> new Cylinder(radius, height));
            shape = s;
        } else {
            f.allow("size", "radius", "height");
        }
        Pose2 pose = f.req("pose", "the obstacle's centre {x, y, yaw} (metres, degrees)")
                .map(p -> Geom.pose2(ctx, p, f.path("pose"))).orElse(null);
        Material material = f.opt("material").map(m -> Geom.material(ctx, m, f.path("material")))
                .orElse(Defaults.OBSTACLE);
        double friction = f.num("friction", Obstacle.DEFAULT_FRICTION, Range.closed(0, 10, ""));
        ObstacleKind kind = f.choice("kind", ObstacleKind.STATIC, ObstacleKind.values());
        double mass = 0;
        Optional<Patrol> patrol = Optional.empty();
        if (kind == ObstacleKind.PUSHABLE) {
            mass = f.reqNum("mass", Range.positiveUpTo(100_000, "kg"));
        } else if (f.has("mass")) {
            f.allow("mass");
            ctx.error(f.opt("mass").get(), f.path("mass"), "mass applies only to kind: pushable, this obstacle is "
                    + (kind == null ? "of unknown kind" : kind.key()));
        }
        if (kind == ObstacleKind.MOVING) {
            patrol = f.req("patrol", "a patrol {waypoints, speed, mode}").map(p -> patrol(p, f.path("patrol")));
        } else if (f.has("patrol")) {
            f.allow("patrol");
            ctx.error(f.opt("patrol").get(), f.path("patrol"), "patrol applies only to kind: moving");
        }
        boolean pinned = f.bool("pinned", false);
        f.finish();
        Shape sh = shape;
        double m = mass;
        Optional<Patrol> pt = patrol;
        return ctx.build(mark, n, path, () -> new Obstacle(id, sh, pose, material, friction, kind, m, pt, pinned));
    }

    private Patrol patrol(Node n, String path) {
        Optional<Fields> of = Fields.open(ctx, n, path, "a patrol {waypoints, speed, mode}");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        int mark = ctx.count();
        List<Vec2> points = new ArrayList<>();
        Optional<Node> wp = f.req("waypoints", "a list of points {x, y} after the obstacle's own position");
        if (wp.isPresent()) {
            List<Node> items = Scalars.list(ctx, wp.get(), f.path("waypoints"), MAX_WAYPOINTS);
            for (int i = 0; i < items.size(); i++) {
                points.add(Geom.vec2(ctx, items.get(i), Ctx.index(f.path("waypoints"), i), Geom.COORD));
            }
            if (items.isEmpty() && ctx.count() == mark) {
                ctx.error(wp.get(), f.path("waypoints"), "expected at least one waypoint, found none");
            }
        }
        double speed = f.reqNum("speed", Range.positiveUpTo(100, "m/s"));
        PatrolMode mode = f.choice("mode", PatrolMode.LOOP, PatrolMode.values());
        f.finish();
        return ctx.build(mark, n, path, () -> new Patrol(points, speed, mode));
    }
}
