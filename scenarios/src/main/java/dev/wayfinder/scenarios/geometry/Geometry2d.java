package dev.wayfinder.scenarios.geometry;

import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Vec2;

/**
 * Exact planar geometry, metres, in two forms that share the same maths:
 * <ul>
 *   <li>on obstacle footprints (value types; for validation, planning and drawing): {@link #distance},
 *       {@link #corners}, {@link #halfExtents};</li>
 *   <li>on flat arrays (allocation-free; for the simulator's lidar and collision oracle): segments as
 *       (x0, y0, x1, y1) quadruples and circles as (cx, cy, r) triples: {@link #boxEdges}, {@link #castRay},
 *       {@link #pointSegmentDistSq}.</li>
 * </ul>
 * A box's corners are always computed by one formula ({@link #cornerX}, {@link #cornerY}) and listed
 * counter-clockwise from the (+x, +y) corner of its own frame: (+,+), (-,+), (-,-), (+,-). Stateless.
 */
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
        double cx = o.pose().x();
        double cy = o.pose().y();
        double c = Math.cos(o.pose().yaw());
        double s = Math.sin(o.pose().yaw());
        return new Vec2[] {
            new Vec2(cornerX(cx, c, s, hx, hy), cornerY(cy, c, s, hx, hy)),
            new Vec2(cornerX(cx, c, s, -hx, hy), cornerY(cy, c, s, -hx, hy)),
            new Vec2(cornerX(cx, c, s, -hx, -hy), cornerY(cy, c, s, -hx, -hy)),
            new Vec2(cornerX(cx, c, s, hx, -hy), cornerY(cy, c, s, hx, -hy)),
        };
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

    /**
     * Writes the four edges of a box (full sizes {@code sx} along its heading {@code yaw}, {@code sy}
     * across) centred on ({@code cx}, {@code cy}) into {@code seg} from quadruple {@code at}: corner k to
     * corner k + 1, corners as {@link #corners} lists them.
     *
     * @return the next free quadruple index ({@code at + 4})
     */
    public static int boxEdges(double cx, double cy, double yaw, double sx, double sy, double[] seg, int at) {
        double c = Math.cos(yaw);
        double s = Math.sin(yaw);
        double hx = sx / 2;
        double hy = sy / 2;
        double x0 = cornerX(cx, c, s, hx, hy);
        double y0 = cornerY(cy, c, s, hx, hy);
        double x1 = cornerX(cx, c, s, -hx, hy);
        double y1 = cornerY(cy, c, s, -hx, hy);
        double x2 = cornerX(cx, c, s, -hx, -hy);
        double y2 = cornerY(cy, c, s, -hx, -hy);
        double x3 = cornerX(cx, c, s, hx, -hy);
        double y3 = cornerY(cy, c, s, hx, -hy);
        int k = at * 4;
        k = put(seg, k, x0, y0, x1, y1);
        k = put(seg, k, x1, y1, x2, y2);
        k = put(seg, k, x2, y2, x3, y3);
        put(seg, k, x3, y3, x0, y0);
        return at + 4;
    }

    /** World x of the point ({@code lx}, {@code ly}) of a frame at x {@code cx} with heading cos {@code c}, sin {@code s}. */
    private static double cornerX(double cx, double c, double s, double lx, double ly) {
        return cx + c * lx - s * ly;
    }

    /** World y of the point ({@code lx}, {@code ly}) of a frame at y {@code cy} with heading cos {@code c}, sin {@code s}. */
    private static double cornerY(double cy, double c, double s, double lx, double ly) {
        return cy + s * lx + c * ly;
    }

    private static int put(double[] a, int k, double x0, double y0, double x1, double y1) {
        a[k] = x0;
        a[k + 1] = y0;
        a[k + 2] = x1;
        a[k + 3] = y1;
        return k + 4;
    }

    /**
     * Distance along the ray from ({@code ox}, {@code oy}) in unit direction ({@code dx}, {@code dy}) to the
     * first of {@code nSeg} segments and {@code nCirc} circles, or {@code limit} when nothing is nearer.
     * A ray starting inside a circle returns 0.
     */
    public static double castRay(double ox, double oy, double dx, double dy, double limit,
                                 double[] seg, int nSeg, double[] circ, int nCirc) {
        double best = limit;
        for (int i = 0, k = 0; i < nSeg; i++, k += 4) {
            double ax = seg[k] - ox;
            double ay = seg[k + 1] - oy;
            double ex = seg[k + 2] - seg[k];
            double ey = seg[k + 3] - seg[k + 1];
            double denom = dx * ey - dy * ex;
            if (denom == 0) {
                continue;
            }
            double t = (ax * ey - ay * ex) / denom;
            if (t < 0 || t >= best) {
                continue;
            }
            double u = (ax * dy - ay * dx) / denom;
            if (u >= 0 && u <= 1) {
                best = t;
            }
        }
        for (int i = 0, k = 0; i < nCirc; i++, k += 3) {
            double fx = ox - circ[k];
            double fy = oy - circ[k + 1];
            double r = circ[k + 2];
            double b = fx * dx + fy * dy;
            double c = fx * fx + fy * fy - r * r;
            if (c <= 0) {
                return 0;
            }
            double disc = b * b - c;
            if (disc < 0 || b > 0) {
                continue;
            }
            double t = -b - Math.sqrt(disc);
            if (t >= 0 && t < best) {
                best = t;
            }
        }
        return best;
    }

    /** Squared distance from point (px, py) to segment quadruple {@code i} of {@code seg}. */
    public static double pointSegmentDistSq(double px, double py, double[] seg, int i) {
        int k = i * 4;
        double ax = seg[k];
        double ay = seg[k + 1];
        double ex = seg[k + 2] - ax;
        double ey = seg[k + 3] - ay;
        double len2 = ex * ex + ey * ey;
        double t = len2 > 0 ? ((px - ax) * ex + (py - ay) * ey) / len2 : 0;
        t = Math.max(0, Math.min(1, t));
        double qx = ax + t * ex - px;
        double qy = ay + t * ey - py;
        return qx * qx + qy * qy;
    }
}
