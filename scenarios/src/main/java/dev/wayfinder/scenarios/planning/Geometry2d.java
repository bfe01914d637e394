package dev.wayfinder.scenarios.planning;

import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Vec2;

/** Exact planar geometry of obstacle footprints. */
public final class Geometry2d {
    private Geometry2d() {
    }

    /**
     * Distance from {@code p} to the footprint of {@code o} on the floor, metres; 0 inside (it is not a
     * signed distance).
     */
    public static double distance(Obstacle o, Vec2 p) {
        double dx = p.x() - o.pose().x();
        double dy = p.y() - o.pose().y();
        return switch (o.shape()) {
            case Cylinder c -> Math.max(0, Math.hypot(dx, dy) - c.radius());
            case Box b -> {
                double cos = Math.cos(o.pose().yaw());
                double sin = Math.sin(o.pose().yaw());
                double lx = cos * dx + sin * dy;
                double ly = -sin * dx + cos * dy;
                double ox = Math.max(0, Math.abs(lx) - b.size().x() / 2);
                double oy = Math.max(0, Math.abs(ly) - b.size().y() / 2);
                yield Math.hypot(ox, oy);
            }
        };
    }

    /** The corners of a box obstacle's footprint (counter-clockwise), or of a cylinder's bounding square. */
    public static Vec2[] corners(Obstacle o) {
        double hx;
        double hy;
        if (o.shape() instanceof Box b) {
            hx = b.size().x() / 2;
            hy = b.size().y() / 2;
        } else {
            hx = o.shape().boundingRadius();
            hy = hx;
        }
        Vec2[] local = {new Vec2(hx, hy), new Vec2(-hx, hy), new Vec2(-hx, -hy), new Vec2(hx, -hy)};
        Vec2[] out = new Vec2[4];
        for (int i = 0; i < 4; i++) {
            out[i] = o.pose().apply(local[i]);
        }
        return out;
    }

    /**
     * Half extents of the axis-aligned bounding box of the obstacle's footprint, metres: index 0 along x,
     * 1 along y.
     */
    public static double[] halfExtents(Obstacle o) {
        if (o.shape() instanceof Cylinder c) {
            return new double[] {c.radius(), c.radius()};
        }
        Box b = (Box) o.shape();
        double c = Math.abs(Math.cos(o.pose().yaw()));
        double s = Math.abs(Math.sin(o.pose().yaw()));
        double hx = b.size().x() / 2;
        double hy = b.size().y() / 2;
        return new double[] {c * hx + s * hy, s * hx + c * hy};
    }
}
