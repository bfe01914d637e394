package dev.wayfinder.sim.env;

import dev.wayfinder.sim.core.Truncation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Diagnostics of the last reset or step (Gymnasium's {@code info}), including the ground truth a policy must
 * not see. Overwritten by the env on every step; {@link #copy()} what you keep. Not thread-safe.
 */
public final class StepInfo {
    long seed;
    int steps;
    long timeNanos;
    boolean success;
    boolean collision;
    String collidedWith = "";
    Truncation truncation = Truncation.NONE;
    double trueX;
    double trueY;
    double trueYaw;
    double distanceToGoal;
    double pathLength;
    double odomErrorMetres;

    /** The reset seed of this episode. */
    public long seed() {
        return seed;
    }

    /** Control steps since reset. */
    public int steps() {
        return steps;
    }

    /** Simulation time since reset, nanoseconds. */
    public long timeNanos() {
        return timeNanos;
    }

    /** Whether the goal was reached on this step. */
    public boolean success() {
        return success;
    }

    /** Whether the robot touched something on this step (the "collision" termination). */
    public boolean collision() {
        return collision;
    }

    /** What was touched: "wall", an obstacle id, or "". */
    public String collidedWith() {
        return collidedWith;
    }

    /** Why the episode was truncated, or {@link Truncation#NONE}. */
    public Truncation truncation() {
        return truncation;
    }

    /** Ground-truth x of base_link, metres. */
    public double trueX() {
        return trueX;
    }

    /** Ground-truth y of base_link, metres. */
    public double trueY() {
        return trueY;
    }

    /** Ground-truth yaw, radians in (-pi, pi]. */
    public double trueYaw() {
        return trueYaw;
    }

    /** True Euclidean distance from base_link to the goal, metres. */
    public double distanceToGoal() {
        return distanceToGoal;
    }

    /** Ground-truth distance driven since reset, metres. */
    public double pathLength() {
        return pathLength;
    }

    /** Distance between odometry and ground-truth position, metres. */
    public double odomErrorMetres() {
        return odomErrorMetres;
    }

    /** A detached copy. */
    public StepInfo copy() {
        StepInfo c = new StepInfo();
        c.seed = seed;
        c.steps = steps;
        c.timeNanos = timeNanos;
        c.success = success;
        c.collision = collision;
        c.collidedWith = collidedWith;
        c.truncation = truncation;
        c.trueX = trueX;
        c.trueY = trueY;
        c.trueYaw = trueYaw;
        c.distanceToGoal = distanceToGoal;
        c.pathLength = pathLength;
        c.odomErrorMetres = odomErrorMetres;
        return c;
    }

    /** The entries by name (for printing and JSON). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("steps", steps);
        m.put("time_ns", timeNanos);
        m.put("success", success);
        m.put("collision", collision);
        m.put("collided_with", collidedWith);
        m.put("truncation", truncation.key());
        m.put("true_x", trueX);
        m.put("true_y", trueY);
        m.put("true_yaw", trueYaw);
        m.put("distance_to_goal", distanceToGoal);
        m.put("path_length", pathLength);
        m.put("odom_error", odomErrorMetres);
        return m;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
