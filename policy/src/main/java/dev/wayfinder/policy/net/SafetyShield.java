package dev.wayfinder.policy.net;

import dev.wayfinder.sim.env.ActionSet;

/**
 * A safety layer between the network and the motors, in the spirit of a collision monitor: of the discrete actions,
 * in an order of preference ({@link ActionPreference}: the network's logit order, or an order sampled from its
 * softmax), the first that moves the robot and whose arc stays clear of every obstacle in the {@link ObstacleMemory}
 * is taken. An arc is the action's constant (v, omega) followed for {@link #horizon()} seconds by a circular robot
 * of the nominal radius plus {@link #margin()}. Standing still is always clear, so it is offered last: it is taken
 * only when no moving action is clear (a robot that stops short of its goal has failed too). When nothing is clear,
 * the action whose arc keeps the most clearance is taken.
 *
 * <p>It needs nothing a real robot lacks: a depth camera (or the network's own depth prediction), wheel odometry and
 * the robot's nominal radius and speed limits. Allocates nothing after construction. Not thread-safe: one per env.
 */
public final class SafetyShield {
    private static final double DT = 0.1;

    /** Where the obstacle memory's points come from. */
    public enum DepthSource {
        /** The camera's depth image (an RGB-D camera): the nearest wall or obstacle in each strip of the view. */
        CAMERA,
        /** The network's own prediction of that depth profile from the RGB image (a network with memory only). */
        PREDICTED
    }

    /**
     * How a shield is set up.
     *
     * @param source      where its obstacle points come from
     * @param margin      clearance kept beyond the robot's radius, metres, 0..0.5
     * @param horizon     seconds each action's arc is checked, 0.1..3
     * @param temperature how the actions are ordered: 0 for the network's logit order, else sampled from its
     *                    softmax at this temperature ({@link ActionPreference}), 0..10
     */
    public record Settings(DepthSource source, double margin, double horizon, double temperature) {
        /** The measured setting: the camera's depth, 1 cm margin, 0.4 s arcs, actions sampled at temperature 1. */
        public static final Settings DEFAULT = new Settings(DepthSource.CAMERA, 0.01, 0.4, 1.0);

        public Settings {
            java.util.Objects.requireNonNull(source, "source");
            if (!(margin >= 0 && margin <= 0.5) || !(horizon >= 0.1 && horizon <= 3)) {
                throw new IllegalArgumentException("shield margin must be in 0..0.5 m and horizon in 0.1..3 s, got "
                        + margin + " m and " + horizon + " s");
            }
            if (!(temperature >= 0 && temperature <= ActionPreference.MAX_TEMPERATURE)) {
                throw new IllegalArgumentException("shield temperature must be in 0.." + ActionPreference.MAX_TEMPERATURE
                        + " (0 = the network's logit order), got " + temperature);
            }
        }

        /** These settings with another temperature. */
        public Settings withTemperature(double t) {
            return new Settings(source, margin, horizon, t);
        }
    }

    private final double[] v;
    private final double[] w;
    private final double radius;
    private final double margin;
    private final double horizon;
    /** The farthest any arc goes, metres. */
    private final double reach;
    private final double[] xs;
    private final double[] ys;
    private final ActionPreference greedy;
    private final boolean[] still;

    /**
     * @param actions    the discrete actions, as fractions of the speed limits
     * @param maxLinear  the robot's nominal top speed, m/s
     * @param maxAngular the robot's nominal top turn rate, rad/s
     * @param radius     the robot's nominal bounding radius, metres
     * @param margin     clearance kept beyond the radius, metres, &gt;= 0
     * @param horizon    seconds each arc is followed, &gt; 0
     * @param memory     the memory this shield reads (for its capacity)
     */
    public SafetyShield(ActionSet actions, double maxLinear, double maxAngular, double radius, double margin,
                        double horizon, ObstacleMemory memory) {
        if (!(radius > 0) || !(margin >= 0) || !(horizon > 0) || !(maxLinear > 0) || !(maxAngular > 0)) {
            throw new IllegalArgumentException("shield needs radius, speeds and horizon > 0 and margin >= 0, got radius "
                    + radius + ", margin " + margin + ", horizon " + horizon + ", speeds " + maxLinear + ", "
                    + maxAngular);
        }
        int n = actions.size();
        this.v = new double[n];
        this.w = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = actions.get(i).linear() * maxLinear;
            w[i] = actions.get(i).angular() * maxAngular;
        }
        this.radius = radius;
        this.margin = margin;
        this.horizon = horizon;
        double far = 0;
        for (int i = 0; i < n; i++) {
            far = Math.max(far, Math.abs(v[i]) * horizon);
        }
        this.reach = far;
        this.xs = new double[memory.capacity()];
        this.ys = new double[memory.capacity()];
        this.greedy = ActionPreference.greedy(n);
        this.still = new boolean[n];
        for (int i = 0; i < n; i++) {
            still[i] = v[i] == 0 && w[i] == 0;
        }
    }

    /** Clearance kept beyond the robot's radius, metres. */
    public double margin() {
        return margin;
    }

    /** Seconds each action's arc is checked. */
    public double horizon() {
        return horizon;
    }

    /**
     * The action to take for a robot at ({@code x}, {@code y}) heading {@code yaw} in the memory's odometry frame,
     * the network's logit order being the preference.
     *
     * @param logits the network's logits for this robot, one per action, from {@code at}
     */
    public int choose(float[] logits, int at, ObstacleMemory memory, double x, double y, double yaw) {
        return choose(greedy.rank(logits, at), memory, x, y, yaw);
    }

    /**
     * The action to take for a robot at ({@code x}, {@code y}) heading {@code yaw} in the memory's odometry frame.
     *
     * @param order every action once, most preferred first (from {@link ActionPreference#rank})
     */
    public int choose(int[] order, ObstacleMemory memory, double x, double y, double yaw) {
        int n = v.length;
        if (order.length != n) {
            throw new IllegalArgumentException("need an order of " + n + " actions, got " + order.length);
        }
        int count = memory.near(x, y, reach + radius + margin, xs, ys);
        // Already closer than the radius plus margin (after a turn brought something into view): an arc is clear when
        // it gets no closer than the robot is now, so turning on the spot and backing out stay allowed.
        double need = count == 0 ? Double.NEGATIVE_INFINITY : Math.min(radius + margin, nearestNow(x, y, count) - 0.01);
        int best = order[0];
        double bestClear = Double.NEGATIVE_INFINITY;
        // First the actions that move the robot, then standing still.
        for (int pass = 0; pass < 2; pass++) {
            for (int r = 0; r < n; r++) {
                int a = order[r];
                if (still[a] != (pass == 1)) {
                    continue;
                }
                double clear = count == 0 ? Double.POSITIVE_INFINITY : arcClearance(a, x, y, yaw, count);
                if (clear > need) {
                    return a;
                }
                if (clear > bestClear) {
                    bestClear = clear;
                    best = a;
                }
            }
        }
        return best;
    }

    private double nearestNow(double x, double y, int count) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            double dx = xs[i] - x;
            double dy = ys[i] - y;
            min = Math.min(min, dx * dx + dy * dy);
        }
        return Math.sqrt(min);
    }

    /**
     * The smallest distance from the robot's centre to any of the gathered points along action {@code a}'s arc,
     * after the first step (on the spot, every action has the current clearance).
     */
    private double arcClearance(int a, double x, double y, double yaw, int count) {
        double min = Double.POSITIVE_INFINITY;
        int steps = (int) Math.ceil(horizon / DT);
        double th = yaw;
        for (int k = 1; k <= steps; k++) {
            th += w[a] * DT / 2;
            x += v[a] * DT * Math.cos(th);
            y += v[a] * DT * Math.sin(th);
            th += w[a] * DT / 2;
            for (int i = 0; i < count; i++) {
                double dx = xs[i] - x;
                double dy = ys[i] - y;
                min = Math.min(min, dx * dx + dy * dy);
            }
        }
        return Math.sqrt(min);
    }
}
