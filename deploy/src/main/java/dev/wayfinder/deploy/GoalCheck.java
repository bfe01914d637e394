package dev.wayfinder.deploy;

import dev.wayfinder.robot.Pose2D;
import dev.wayfinder.robot.RobotObservation.Goal;

/**
 * Whether the goal is reached: once the robot's odometry comes within the tolerance of the goal, it stays reached (the
 * robot stops) until a new goal is set. Not thread-safe (the control timer owns it).
 */
public final class GoalCheck {
    private final double tolerance;
    private long generation = -1;
    private boolean reached;

    /** @param tolerance metres, &gt; 0 */
    public GoalCheck(double tolerance) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("goal tolerance must be > 0 m, got " + tolerance);
        }
        this.tolerance = tolerance;
    }

    /**
     * Whether the goal of {@code goalGeneration} is reached, given the robot's pose now.
     *
     * @param goalGeneration counts goal changes: a new one starts unreached
     * @param pose           base_link in the odom frame, or null when unknown
     * @param goal           the goal in the odom frame, or null when none is set
     */
    public boolean update(long goalGeneration, Pose2D pose, Goal goal) {
        if (goalGeneration != generation) {
            generation = goalGeneration;
            reached = false;
        }
        if (!reached && pose != null && goal != null && Math.hypot(goal.x() - pose.x(), goal.y() - pose.y())
                <= tolerance) {
            reached = true;
        }
        return reached;
    }

    /** Whether the current goal was reached. */
    public boolean reached() {
        return reached;
    }
}
