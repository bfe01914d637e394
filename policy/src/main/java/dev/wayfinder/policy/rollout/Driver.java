package dev.wayfinder.policy.rollout;

/** Who chooses the executed actions during a rollout. */
public enum Driver {
    /** The camera policy on inference-core (greedy). */
    POLICY,
    /** The privileged expert. */
    EXPERT,
    /** Uniformly random actions (a baseline). */
    RANDOM,
    /** The expert with probability beta, else the policy (DAgger's mixture). */
    MIXED,
    /**
     * The classical baseline on the robot side, no network: the route (static map and obstacle layer, from odometry),
     * a local planner scoring each command's arc against the depth camera's remembered obstacles, and the safety
     * shield ({@link dev.wayfinder.robot.RobotPolicy#plan}). It needs the policy's weights only for their route
     * settings.
     */
    PLANNER;

    /** The name used in tables and files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
