package dev.wayfinder.robot.net;

import dev.wayfinder.robot.RobotDescription;

import java.util.List;

/**
 * A safety layer between the network and the motors, in the spirit of a collision monitor: the network's first
 * choice (its highest logit) is taken when it moves the robot and its arc stays clear of every obstacle in the
 * {@link ObstacleMemory}; otherwise, of the other actions in an order of preference ({@link ActionPreference}: the
 * logit order, or an order sampled from the network's softmax, which keeps a refused robot from swinging between the
 * same two actions), the first that is clear, those that move the robot first. An arc is the action's constant
 * (v, omega) followed for {@link #horizon()} seconds by a circular robot of the nominal radius plus
 * {@link #margin()}. Standing still is always clear of the remembered obstacles, so it is offered last: it is taken
 * only when no moving action is clear (a robot that stops short of its goal has failed too). When nothing is clear,
 * the action whose arc keeps the most clearance is taken.
 *
 * <p>With {@link #movers moving obstacles} (a {@link MoverTracker}'s walkers and carts, predicted along their
 * velocity), an arc must also keep {@link #MOVER_MARGIN} more clear of where each is going, followed for
 * {@link #MOVER_HORIZON} s: a walker that does not give way can make standing still unsafe too. When no action is
 * clear of both, the one clear of the remembered obstacles that keeps the most clearance from the movers is taken:
 * a prediction never overrides what the camera has seen.
 *
 * <p>It needs nothing a real robot lacks: a depth camera (or the network's own depth prediction), wheel odometry and
 * the robot's nominal radius and speed limits. Allocates nothing after construction. Not thread-safe: one per env.
 */
public final class SafetyShield {
    private static final double DT = 0.1;

    /**
     * Seconds each arc is checked against the moving obstacles' predicted places: longer than {@link #horizon()},
     * because a walker that does not give way must be seen coming while there is still time to leave its line.
     */
    public static final double MOVER_HORIZON = 1.5;
    /** Clearance kept from a moving obstacle beyond the margin, metres: its prediction is rougher than a wall's. */
    public static final double MOVER_MARGIN = 0.05;

    /** Where the obstacle memory's points come from. */
    public enum DepthSource {
        /** The camera's depth image (an RGB-D camera): the nearest wall or obstacle in each strip of the view. */
        CAMERA,
        /** The network's own prediction of that depth profile from the RGB image (a network with memory only). */
        PREDICTED
    }

    /** Which of the network's actions are tried in a sampled order ({@link ActionPreference}). */
    public enum Sampling {
        /** Only the replacements for a refused first choice; the first choice is the highest logit. */
        REFUSED,
        /**
         * As {@link #REFUSED}, and every action while the robot is stuck: less than {@link #STUCK_DISTANCE} m from
         * where it was {@link #STUCK_SECONDS} s ago (a progress check, as a navigation stack's recovery trigger).
         */
        STUCK,
        /** Every action, the first choice too (exploration while training). */
        ALWAYS,
        /**
         * A recovery behaviour, as a navigation stack's: as {@link #REFUSED}, but once the robot is stuck (as for
         * {@link #STUCK}) the classical local planner's preference replaces the network's, its first clear choice
         * taken, until the robot is {@code RobotPolicy.RECOVERY_DISTANCE} from where the recovery began and no longer
         * stuck (at most {@code RobotPolicy.RECOVERY_SECONDS}); likewise once its way to the goal has not shrunk by
         * {@code RobotPolicy.ROUTE_PROGRESS} in {@code RobotPolicy.NO_PROGRESS_SECONDS} (going round in circles),
         * until that way has shrunk by {@code RobotPolicy.RECOVERY_PROGRESS}. {@code RobotPolicy} does the swap; it
         * needs the depth camera's memory.
         */
        PLANNER;

        /** Seconds over which a stuck robot's progress is measured. */
        public static final double STUCK_SECONDS = 3;
        /** Progress below which the robot counts as stuck, metres. */
        public static final double STUCK_DISTANCE = 0.15;
    }

    /**
     * How a shield is set up.
     *
     * @param source      where its obstacle points come from
     * @param margin      clearance kept beyond the robot's radius, metres, 0..0.5
     * @param horizon     seconds each action's arc is checked, 0.1..3
     * @param temperature how the actions are ordered when they are sampled: 0 for the logit order, else sampled
     *                    from the network's softmax at this temperature ({@link ActionPreference}), 0..10
     * @param sampling    which actions are tried in the sampled order
     * @param movers      whether moving obstacles are tracked in the depth camera's frames and their predicted places
     *                    avoided ({@link MoverTracker}, {@link SafetyShield#movers}); needs {@link DepthSource#CAMERA}
     */
    public record Settings(DepthSource source, double margin, double horizon, double temperature,
                           Sampling sampling, boolean movers) {
        /**
         * The setting for evaluation and deployment, chosen on validation episodes (policy/README.md): the depth
         * camera, 1 cm margin, 0.8 s arcs (fewer collisions than 0.4 s on all three runs of the shipped model, at the
         * same success); the network's first choice when it is clear, otherwise an order sampled from its softmax at
         * temperature 1; the local planner's recovery once the robot is stuck ({@link Sampling#PLANNER}).
         */
        public static final Settings DEFAULT = new Settings(DepthSource.CAMERA, 0.01, 0.8, 1.0, Sampling.PLANNER);

        /**
         * {@link #DEFAULT} on the network's predicted depth: the planner's recovery needs the depth camera, so a stuck
         * robot samples every action from the softmax instead ({@link Sampling#STUCK}).
         */
        public static final Settings PREDICTED_DEFAULT = new Settings(DepthSource.PREDICTED, 0.01, 0.8, 1.0,
                Sampling.STUCK);
        /**
         * The setting training runs behind ({@code shield: true}): every action sampled from the softmax at
         * temperature 1, so that the DAgger rounds explore.
         */
        public static final Settings TRAINING = new Settings(DepthSource.CAMERA, 0.01, 0.4, 1.0, Sampling.ALWAYS);

        /** Settings that sample every action, without motion prediction. */
        public Settings(DepthSource source, double margin, double horizon, double temperature) {
            this(source, margin, horizon, temperature, Sampling.ALWAYS);
        }

        /** Settings without motion prediction. */
        public Settings(DepthSource source, double margin, double horizon, double temperature, Sampling sampling) {
            this(source, margin, horizon, temperature, sampling, false);
        }

        public Settings {
            java.util.Objects.requireNonNull(source, "source");
            java.util.Objects.requireNonNull(sampling, "sampling");
            if (!(margin >= 0 && margin <= 0.5) || !(horizon >= 0.1 && horizon <= 3)) {
                throw new IllegalArgumentException("shield margin must be in 0..0.5 m and horizon in 0.1..3 s, got "
                        + margin + " m and " + horizon + " s");
            }
            if (!(temperature >= 0 && temperature <= ActionPreference.MAX_TEMPERATURE)) {
                throw new IllegalArgumentException("shield temperature must be in 0.."
                        + ActionPreference.MAX_TEMPERATURE + " (0 = the network's logit order), got " + temperature);
            }
            if (movers && source != DepthSource.CAMERA) {
                throw new IllegalArgumentException("the shield tracks moving obstacles in the depth camera's frames;"
                        + " it needs a shield on the depth camera");
            }
        }

        /** These settings with another temperature. */
        public Settings withTemperature(double t) {
            return new Settings(source, margin, horizon, t, sampling, movers);
        }

        /** These settings with motion prediction on or off. */
        public Settings withMovers(boolean on) {
            return new Settings(source, margin, horizon, temperature, sampling, on);
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
    /** Where the robot was at each of the last decisions (a ring), for the progress check. */
    private final double[] pastX;
    private final double[] pastY;
    private int decisions;
    /** Points gathered for the current decision, and the clearance an arc must keep. */
    private int count;
    private double need;
    /** Moving obstacles for the current decision ({@link #movers}): centres, velocities, radii. */
    private final double[] mx = new double[MoverTracker.MAX_TRACKS];
    private final double[] my = new double[MoverTracker.MAX_TRACKS];
    private final double[] mvx = new double[MoverTracker.MAX_TRACKS];
    private final double[] mvy = new double[MoverTracker.MAX_TRACKS];
    private final double[] mr = new double[MoverTracker.MAX_TRACKS];
    private int moverCount;
    /** The clearance an arc must keep from the movers' predicted discs. */
    private double moverNeed;
    /** Where the robot's centre is after each step of the arc being checked ({@link #trace}). */
    private final double[] arcX;
    private final double[] arcY;

    /**
     * @param robot   the robot: its discrete actions, nominal radius, speed limits and control rate (for the progress
     *                check of {@link Sampling#STUCK})
     * @param margin  clearance kept beyond the radius, metres, &gt;= 0
     * @param horizon seconds each arc is followed, &gt; 0
     * @param memory  the memory this shield reads (for its capacity)
     */
    public SafetyShield(RobotDescription robot, double margin, double horizon, ObstacleMemory memory) {
        double radius = robot.radius();
        double controlRate = robot.controlRate();
        if (!(margin >= 0) || !(horizon > 0)) {
            throw new IllegalArgumentException("shield needs horizon > 0 and margin >= 0, got margin " + margin
                    + ", horizon " + horizon);
        }
        List<RobotDescription.Command> actions = robot.actions();
        int n = actions.size();
        this.v = new double[n];
        this.w = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = robot.linear(i);
            w[i] = robot.angular(i);
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
        int window = Math.max(1, (int) Math.round(Sampling.STUCK_SECONDS * controlRate));
        this.pastX = new double[window];
        this.pastY = new double[window];
        this.greedy = ActionPreference.greedy(n);
        int longest = (int) Math.ceil(Math.max(horizon, MOVER_HORIZON) / DT) + 1;
        this.arcX = new double[longest];
        this.arcY = new double[longest];
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
     * The moving obstacles the next decision avoids: {@code tracker}'s moving tracks predicted to {@code nowNanos}
     * (the decision's time), followed along their velocity over {@link #MOVER_HORIZON} while each arc is followed
     * for as long. Call before each {@code choose}: they stay until the next call; a null tracker (or no call since
     * the shield was made) means none.
     */
    public void movers(MoverTracker tracker, long nowNanos) {
        moverCount = tracker == null ? 0 : tracker.movers(nowNanos, mx, my, mvx, mvy, mr);
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
     * The action to take for a robot at ({@code x}, {@code y}) heading {@code yaw} in the memory's odometry frame:
     * the first clear action in the order {@code others} ranks the logits when {@code sampling} says so (always, or
     * while the robot is stuck); otherwise the network's first choice (its highest logit) when it moves the robot and
     * is clear, else the first clear one in {@code others}' order. Standing still comes last either way. Call once
     * per control step, and {@link #reset} at each episode's start, for the progress check.
     *
     * @param logits   the network's logits for this robot, one per action, from {@code at}
     * @param others   orders the actions when they are sampled (from the softmax, or greedy)
     * @param sampling which actions are tried in {@code others}' order
     */
    public int choose(float[] logits, int at, ActionPreference others, Sampling sampling, ObstacleMemory memory,
                      double x, double y, double yaw) {
        return choose(logits, at, others, sampling, memory, x, y, yaw, progress(x, y));
    }

    /**
     * Notes where the robot is for the progress check and says whether it is stuck: less than
     * {@link Sampling#STUCK_DISTANCE} m from where it was {@link Sampling#STUCK_SECONDS} s ago. Once per control step,
     * before {@link #choose(float[], int, ActionPreference, Sampling, ObstacleMemory, double, double, double,
     * boolean)}; the other {@code choose} methods with a sampling call it themselves.
     */
    public boolean progress(double x, double y) {
        return record(x, y);
    }

    /**
     * {@link #choose(float[], int, ActionPreference, Sampling, ObstacleMemory, double, double, double)} with the
     * progress check already made ({@link #progress}); {@link Sampling#PLANNER} chooses as {@link Sampling#REFUSED}
     * (the caller has already swapped the preference while stuck).
     */
    public int choose(float[] logits, int at, ActionPreference others, Sampling sampling, ObstacleMemory memory,
                      double x, double y, double yaw, boolean stuck) {
        if (sampling == Sampling.ALWAYS || (sampling == Sampling.STUCK && stuck)) {
            gather(memory, x, y);
            return pick(others.rank(logits, at), x, y, yaw);
        }
        int first = greedy.rank(logits, at)[0];
        gather(memory, x, y);
        if (!still[first] && clear(first, x, y, yaw)) {
            return first;
        }
        return pick(others.rank(logits, at), x, y, yaw);
    }

    /**
     * The action to take for a robot at ({@code x}, {@code y}) heading {@code yaw} in the memory's odometry frame.
     *
     * @param order every action once, most preferred first (from {@link ActionPreference#rank})
     */
    public int choose(int[] order, ObstacleMemory memory, double x, double y, double yaw) {
        if (order.length != v.length) {
            throw new IllegalArgumentException("need an order of " + v.length + " actions, got " + order.length);
        }
        gather(memory, x, y);
        return pick(order, x, y, yaw);
    }

    /** Forgets where the robot was: call at each episode's start. */
    public void reset() {
        decisions = 0;
    }

    /** Notes the robot's position; whether it moved less than the stuck distance over the window. */
    private boolean record(double x, double y) {
        int w = pastX.length;
        int k = decisions % w;
        boolean full = decisions >= w;
        double dx = x - pastX[k];
        double dy = y - pastY[k];
        pastX[k] = x;
        pastY[k] = y;
        decisions++;
        return full && dx * dx + dy * dy < Sampling.STUCK_DISTANCE * Sampling.STUCK_DISTANCE;
    }

    /** Gathers the points within reach and the clearance an arc must keep. */
    private void gather(ObstacleMemory memory, double x, double y) {
        count = memory.near(x, y, reach + radius + margin, xs, ys);
        // Already closer than the radius plus margin (after a turn brought something into view): an arc is clear when
        // it gets no closer than the robot is now, so turning on the spot and backing out stay allowed.
        need = count == 0 ? Double.NEGATIVE_INFINITY : Math.min(radius + margin, nearestNow(x, y, count) - 0.01);
        // Likewise for the movers: the clearance from their discs now.
        double now = Double.POSITIVE_INFINITY;
        for (int i = 0; i < moverCount; i++) {
            now = Math.min(now, Math.hypot(mx[i] - x, my[i] - y) - mr[i]);
        }
        moverNeed = Math.min(radius + margin + MOVER_MARGIN, now - 0.01);
    }

    /** The first clear action of {@code order}, those that move first; the one keeping most clearance if none is. */
    private int pick(int[] order, double x, double y, double yaw) {
        int n = v.length;
        int best = order[0];
        double bestClear = Double.NEGATIVE_INFINITY;
        // With movers: the action clear of the remembered obstacles that keeps the most clearance from the movers,
        // should none be clear of both. Prediction never overrides what the camera has seen.
        int dodge = -1;
        double dodgeClear = Double.NEGATIVE_INFINITY;
        for (int pass = 0; pass < 2; pass++) {
            for (int r = 0; r < n; r++) {
                int a = order[r];
                if (still[a] != (pass == 1)) {
                    continue;
                }
                double clear = staticSlack(a, x, y, yaw);
                double fromMovers = moverCount == 0 ? Double.POSITIVE_INFINITY : moverSlack(a, x, y, yaw);
                if (clear > 0 && fromMovers > 0) {
                    return a;
                }
                if (clear > 0 && fromMovers > dodgeClear) {
                    dodgeClear = fromMovers;
                    dodge = a;
                }
                if (clear > bestClear) {
                    bestClear = clear;
                    best = a;
                }
            }
        }
        return dodge >= 0 ? dodge : best;
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

    /** Whether action {@code a}'s arc is clear of the remembered obstacles and of the movers' predicted discs. */
    private boolean clear(int a, double x, double y, double yaw) {
        return staticSlack(a, x, y, yaw) > 0 && (moverCount == 0 || moverSlack(a, x, y, yaw) > 0);
    }

    /**
     * How much more clearance than it needs action {@code a}'s arc keeps from the remembered points over
     * {@link #horizon()}, metres (above 0: clear of them).
     */
    private double staticSlack(int a, double x, double y, double yaw) {
        return arcClearance(a, x, y, yaw) - need;
    }

    /**
     * How much more clearance than it needs action {@code a}'s arc keeps from the movers' predicted discs over
     * {@link #MOVER_HORIZON}, metres (above 0: clear of them).
     */
    private double moverSlack(int a, double x, double y, double yaw) {
        return moverClearance(a, x, y, yaw) - moverNeed;
    }

    /**
     * The smallest distance from the robot's centre to any mover's predicted disc along action {@code a}'s arc,
     * followed for {@link #MOVER_HORIZON} s (after the first step).
     */
    private double moverClearance(int a, double x, double y, double yaw) {
        int steps = trace(a, x, y, yaw, (int) Math.ceil(Math.max(horizon, MOVER_HORIZON) / DT));
        double min = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= steps; k++) {
            double t = k * DT;
            for (int i = 0; i < moverCount; i++) {
                double dx = mx[i] + mvx[i] * t - arcX[k];
                double dy = my[i] + mvy[i] * t - arcY[k];
                min = Math.min(min, Math.sqrt(dx * dx + dy * dy) - mr[i]);
            }
        }
        return min;
    }

    /**
     * Follows action {@code a}'s constant (v, omega) from ({@code x}, {@code y}, {@code yaw}) for {@code steps} steps
     * of {@link #DT} (midpoint heading), the robot's centre after step k into {@code arcX[k]}, {@code arcY[k]};
     * returns {@code steps}.
     */
    private int trace(int a, double x, double y, double yaw, int steps) {
        double th = yaw;
        for (int k = 1; k <= steps; k++) {
            th += w[a] * DT / 2;
            x += v[a] * DT * Math.cos(th);
            y += v[a] * DT * Math.sin(th);
            th += w[a] * DT / 2;
            arcX[k] = x;
            arcY[k] = y;
        }
        return steps;
    }

    /**
     * The smallest distance from the robot's centre to any of the gathered points along action {@code a}'s arc,
     * after the first step (on the spot, every action has the current clearance).
     */
    private double arcClearance(int a, double x, double y, double yaw) {
        if (count == 0) {
            return Double.POSITIVE_INFINITY;
        }
        int steps = trace(a, x, y, yaw, (int) Math.ceil(horizon / DT));
        double min = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= steps; k++) {
            for (int i = 0; i < count; i++) {
                double dx = xs[i] - arcX[k];
                double dy = ys[i] - arcY[k];
                min = Math.min(min, dx * dx + dy * dy);
            }
        }
        return Math.sqrt(min);
    }
}
