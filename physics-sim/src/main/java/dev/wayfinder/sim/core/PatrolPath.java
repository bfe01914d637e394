package dev.wayfinder.sim.core;

import dev.wayfinder.scenarios.model.Patrol;
import dev.wayfinder.scenarios.model.PatrolMode;
import dev.wayfinder.scenarios.model.Vec2;

import java.util.List;

/**
 * The position of a moving obstacle as a function of time: constant speed along the polyline
 * {@code [start, waypoints...]}, then back to the start ({@link PatrolMode#LOOP}) or backwards
 * ({@link PatrolMode#PING_PONG}). Immutable and thread-safe.
 */
public final class PatrolPath {
    private final double[] xs;
    private final double[] ys;
    private final double[] cumulative;
    private final double speed;
    private final boolean pingPong;
    private final double length;

    /** The path of {@code patrol} starting at {@code start} (metres, world frame). */
    public PatrolPath(Vec2 start, Patrol patrol) {
        List<Vec2> pts = patrol.path(start);
        boolean loop = patrol.mode() == PatrolMode.LOOP;
        int n = pts.size() + (loop ? 1 : 0);
        xs = new double[n];
        ys = new double[n];
        for (int i = 0; i < pts.size(); i++) {
            xs[i] = pts.get(i).x();
            ys[i] = pts.get(i).y();
        }
        if (loop) {
            xs[n - 1] = start.x();
            ys[n - 1] = start.y();
        }
        cumulative = new double[n];
        for (int i = 1; i < n; i++) {
            cumulative[i] = cumulative[i - 1] + Math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
        }
        length = cumulative[n - 1];
        speed = patrol.speed();
        pingPong = !loop;
    }

    /** Length of one pass along the polyline, metres. */
    public double length() {
        return length;
    }

    /**
     * Writes the position at {@code seconds} (&gt;= 0) after the start into {@code out[0..1]} (metres).
     * Allocates nothing.
     */
    public void positionAt(double seconds, double[] out) {
        if (length <= 0) {
            out[0] = xs[0];
            out[1] = ys[0];
            return;
        }
        double s = speed * seconds;
        if (pingPong) {
            s %= 2 * length;
            if (s > length) {
                s = 2 * length - s;
            }
        } else {
            s %= length;
        }
        int i = 1;
        while (i < cumulative.length - 1 && cumulative[i] < s) {
            i++;
        }
        double segLen = cumulative[i] - cumulative[i - 1];
        double f = segLen > 0 ? (s - cumulative[i - 1]) / segLen : 0;
        out[0] = xs[i - 1] + f * (xs[i] - xs[i - 1]);
        out[1] = ys[i - 1] + f * (ys[i] - ys[i - 1]);
    }
}
