package dev.wayfinder.sim.core;

/**
 * Planar geometry for the lidar and the collision oracle: segments stored as (x0, y0, x1, y1) quadruples and
 * circles as (cx, cy, r) triples in flat arrays, metres. Stateless; allocates nothing.
 */
public final class Geometry2D {
    private Geometry2D() {
    }

    /**
     * Writes the four edges of a box (full sizes {@code sx} along its heading {@code yaw}, {@code sy}
     * across) centred on ({@code cx}, {@code cy}) into {@code seg} from quadruple {@code at}.
     *
     * @return the next free quadruple index ({@code at + 4})
     */
    public static int boxEdges(double cx, double cy, double yaw, double sx, double sy, double[] seg, int at) {
        double c = Math.cos(yaw);
        double s = Math.sin(yaw);
        double hx = sx / 2;
        double hy = sy / 2;
        // Corners counter-clockwise: (+,+), (-,+), (-,-), (+,-).
        double x0 = cx + c * hx - s * hy;
        double y0 = cy + s * hx + c * hy;
        double x1 = cx - c * hx - s * hy;
        double y1 = cy - s * hx + c * hy;
        double x2 = cx - c * hx + s * hy;
        double y2 = cy - s * hx - c * hy;
        double x3 = cx + c * hx + s * hy;
        double y3 = cy + s * hx - c * hy;
        int k = at * 4;
        k = put(seg, k, x0, y0, x1, y1);
        k = put(seg, k, x1, y1, x2, y2);
        k = put(seg, k, x2, y2, x3, y3);
        put(seg, k, x3, y3, x0, y0);
        return at + 4;
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
