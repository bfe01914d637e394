package dev.wayfinder.robot;

/**
 * When the shield's planner recovery ({@link dev.wayfinder.robot.net.SafetyShield.Sampling#PLANNER}) drives instead of
 * the network: from the first decision the robot is stuck (the shield's progress check) or going round in circles
 * (its way to the goal shrank by under {@link RobotPolicy#ROUTE_PROGRESS} over {@link RobotPolicy#NO_PROGRESS_SECONDS}),
 * until it is {@link RobotPolicy#RECOVERY_DISTANCE} from where a stuck recovery began and no longer stuck, or its way
 * to the goal has shrunk by {@link RobotPolicy#RECOVERY_PROGRESS} since a circling one began, at most
 * {@link RobotPolicy#RECOVERY_SECONDS}. Allocates nothing per decision. Not thread-safe: one per robot.
 */
final class PlannerRecovery {
    private final int longest;
    /** The way to the goal at each of the last decisions (a ring of {@link RobotPolicy#NO_PROGRESS_SECONDS}). */
    private final double[] pastWay;
    private int ways;
    private boolean recovering;
    /** Whether the current recovery began because the way to the goal stopped shrinking. */
    private boolean forProgress;
    /** Where the current recovery began, the way to the goal then, and its decisions so far. */
    private double startX;
    private double startY;
    private double startWay;
    private int decisions;
    private boolean expired;

    /** @param controlRate the robot's decisions per second */
    PlannerRecovery(double controlRate) {
        this.longest = (int) Math.ceil(RobotPolicy.RECOVERY_SECONDS * controlRate);
        this.pastWay = new double[Math.max(1, (int) Math.round(RobotPolicy.NO_PROGRESS_SECONDS * controlRate))];
    }

    /** Forgets everything: a new episode. */
    void reset() {
        recovering = false;
        decisions = 0;
        ways = 0;
    }

    /**
     * Once per decision: whether the planner drives it.
     *
     * @param stuck whether the shield's progress check says the robot is stuck
     * @param x     the robot in the odometry frame
     * @param y     the robot in the odometry frame
     * @param way   the robot's way to the goal now, metres
     */
    boolean next(boolean stuck, double x, double y, double way) {
        expired = false;
        boolean circling = noProgress(way);
        if (!recovering && (stuck || circling)) {
            recovering = true;
            forProgress = !stuck;
            startX = x;
            startY = y;
            startWay = way;
            decisions = 0;
        } else if (recovering && !stuck && (forProgress ? way <= startWay - RobotPolicy.RECOVERY_PROGRESS
                : Math.hypot(x - startX, y - startY) >= RobotPolicy.RECOVERY_DISTANCE)) {
            // On its way again: the network drives, with a whole window before the next recovery for circling.
            recovering = false;
            ways = 0;
        } else if (recovering && decisions >= longest) {
            // The planner has not got the robot out either: the network drives again, and the progress checks start
            // over (the caller resets the shield's, see expired()), so it has a whole window before the next recovery.
            recovering = false;
            expired = true;
            ways = 0;
        }
        if (recovering) {
            decisions++;
        }
        return recovering;
    }

    /** Whether the planner drove the last decision. */
    boolean recovering() {
        return recovering;
    }

    /** Whether the last {@link #next} ended a recovery at its longest: the shield's progress check starts over too. */
    boolean expired() {
        return expired;
    }

    /** Notes the way to the goal; whether it shrank by less than the progress needed over the window. */
    private boolean noProgress(double way) {
        int n = pastWay.length;
        int k = ways % n;
        boolean full = ways >= n;
        double then = pastWay[k];
        pastWay[k] = way;
        ways++;
        return full && then - way < RobotPolicy.ROUTE_PROGRESS;
    }
}
