package dev.wayfinder.scenarios.io;

import dev.wayfinder.scenarios.io.Scalars.Range;
import dev.wayfinder.scenarios.model.CircleRegion;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.scenarios.model.RectRegion;
import dev.wayfinder.scenarios.model.Region;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.TextureKind;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.scenarios.model.Vec3;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Readers for vectors, poses, colours, materials and regions. */
final class Geom {
    /** Coordinates farther than this from the origin are refused, metres. */
    static final double MAX_COORD = 1000;
    static final Range COORD = Range.closed(-MAX_COORD, MAX_COORD, "m");
    static final Range ANGLE = Range.closed(-720, 720, "degrees");

    private Geom() {
    }

    /** Reads the numbers of a vector given as a list {@code [x, y, ...]} or a mapping {@code {x: .., y: ..}}. */
    static double[] components(Ctx ctx, Node n, String path, String[] names, Range[] ranges, double[] defaults) {
        return components(ctx, n, path, names, ranges, defaults, new boolean[names.length]);
    }

    /** As above; components flagged in {@code degrees} are angles in degrees, returned in radians. */
    static double[] components(Ctx ctx, Node n, String path, String[] names, Range[] ranges, double[] defaults,
                               boolean[] degrees) {
        double[] out = new double[names.length];
        if (n instanceof SequenceNode s) {
            List<Node> items = s.getValue();
            if (items.size() < requiredCount(defaults) || items.size() > names.length) {
                ctx.error(n, path, "expected " + names.length + " numbers [" + String.join(", ", names) + "], found "
                        + Scalars.describe(n));
                java.util.Arrays.fill(out, Double.NaN);
                return out;
            }
            for (int i = 0; i < names.length; i++) {
                if (i >= items.size()) {
                    out[i] = defaults[i];
                } else if (degrees[i]) {
                    out[i] = Scalars.radians(ctx, items.get(i), Ctx.child(path, names[i]), ranges[i]);
                } else {
                    out[i] = Scalars.number(ctx, items.get(i), Ctx.child(path, names[i]), ranges[i]);
                }
            }
            return out;
        }
        Optional<Fields> f = Fields.open(ctx, n, path, "{" + String.join(", ", names) + "} or ["
                + String.join(", ", names) + "]");
        if (f.isEmpty()) {
            java.util.Arrays.fill(out, Double.NaN);
            return out;
        }
        for (int i = 0; i < names.length; i++) {
            if (degrees[i]) {
                out[i] = f.get().deg(names[i], defaults[i], ranges[i]);
            } else {
                out[i] = Double.isNaN(defaults[i]) ? f.get().reqNum(names[i], ranges[i])
                        : f.get().num(names[i], defaults[i], ranges[i]);
            }
        }
        f.get().finish();
        return out;
    }

    private static int requiredCount(double[] defaults) {
        int c = 0;
        for (double d : defaults) {
            if (Double.isNaN(d)) {
                c++;
            }
        }
        return c;
    }

    static Vec2 vec2(Ctx ctx, Node n, String path, Range r) {
        int mark = ctx.count();
        double[] v = components(ctx, n, path, new String[] {"x", "y"}, new Range[] {r, r},
                new double[] {Double.NaN, Double.NaN});
        return ctx.build(mark, n, path, () -> new Vec2(v[0], v[1]));
    }

    static Vec3 vec3(Ctx ctx, Node n, String path, Range r) {
        int mark = ctx.count();
        double[] v = components(ctx, n, path, new String[] {"x", "y", "z"}, new Range[] {r, r, r},
                new double[] {Double.NaN, Double.NaN, Double.NaN});
        return ctx.build(mark, n, path, () -> new Vec3(v[0], v[1], v[2]));
    }

    /** {@code {x, y, yaw}}: metres and degrees (yaw defaults to 0). */
    static Pose2 pose2(Ctx ctx, Node n, String path) {
        int mark = ctx.count();
        double[] v = components(ctx, n, path, new String[] {"x", "y", "yaw"}, new Range[] {COORD, COORD, ANGLE},
                new double[] {Double.NaN, Double.NaN, 0}, new boolean[] {false, false, true});
        return ctx.build(mark, n, path, () -> new Pose2(v[0], v[1], v[2]));
    }

    /** {@code {x, y, z, roll, pitch, yaw}}: metres and degrees, each defaulting to 0. */
    static Pose3 pose3(Ctx ctx, Node n, String path) {
        int mark = ctx.count();
        Range m = Range.closed(-10, 10, "m");
        double[] v = components(ctx, n, path, new String[] {"x", "y", "z", "roll", "pitch", "yaw"},
                new Range[] {m, m, m, ANGLE, ANGLE, ANGLE}, new double[] {0, 0, 0, 0, 0, 0},
                new boolean[] {false, false, false, true, true, true});
        return ctx.build(mark, n, path, () -> new Pose3(v[0], v[1], v[2], v[3], v[4], v[5]));
    }

    static Rgb color(Ctx ctx, Node n, String path) {
        if (n instanceof ScalarNode s && s.getValue().matches("#[0-9a-fA-F]{6}")) {
            return Rgb.parse(s.getValue());
        }
        ctx.error(n, path, "expected a colour \"#rrggbb\" (quoted: # starts a comment), found " + Scalars.describe(n));
        return null;
    }

    /** A material: a colour {@code "#rrggbb"} alone, or {@code {color, texture, color2, scale}}. */
    static Material material(Ctx ctx, Node n, String path) {
        if (n instanceof ScalarNode) {
            Rgb c = color(ctx, n, path);
            return c == null ? null : Material.solid(c);
        }
        Optional<Fields> of = Fields.open(ctx, n, path, "a material (\"#rrggbb\" or {color, texture, color2, scale})");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        int mark = ctx.count();
        Rgb color = f.req("color", "a colour \"#rrggbb\"").map(c -> color(ctx, c, f.path("color"))).orElse(null);
        TextureKind tex = f.choice("texture", TextureKind.SOLID, TextureKind.values());
        Rgb color2 = f.opt("color2").map(c -> color(ctx, c, f.path("color2"))).orElse(color);
        double scale = f.num("scale", Material.DEFAULT_SCALE, Range.positiveUpTo(100, "m"));
        f.finish();
        return ctx.build(mark, n, path, () -> new Material(color, tex, color2, scale));
    }

    /**
     * A region from the keys of {@code f}: {@code center} and either {@code size} (rectangle) or
     * {@code radius} (disc); neither means the single point {@code center}.
     */
    static Region region(Fields f) {
        Ctx ctx = f.ctx;
        int mark = ctx.count();
        Vec2 center = f.req("center", "the region's centre {x, y} in metres")
                .map(c -> vec2(ctx, c, f.path("center"), COORD)).orElse(null);
        Optional<Node> size = f.opt("size");
        Optional<Node> radius = f.opt("radius");
        if (size.isPresent() && radius.isPresent()) {
            ctx.error(radius.get(), f.path("radius"), "give either size (a rectangle) or radius (a disc), not both");
            return null;
        }
        if (radius.isPresent()) {
            double r = Scalars.number(ctx, radius.get(), f.path("radius"), Range.closed(0, MAX_COORD, "m"));
            return ctx.build(mark, f.node, f.path, () -> new CircleRegion(center, r));
        }
        Vec2 s = size.map(x -> vec2(ctx, x, f.path("size"), Range.closed(0, 2 * MAX_COORD, "m"))).orElse(Vec2.ZERO);
        return ctx.build(mark, f.node, f.path, () -> new RectRegion(center, s));
    }
}
