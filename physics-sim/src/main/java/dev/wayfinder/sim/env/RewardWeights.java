package dev.wayfinder.sim.env;

/**
 * Reward per step: {@code progress * (d_before - d_after) - time + success (on reaching the goal) -
 * collision (on touching anything)}, d the true Euclidean distance from base_link to the goal in metres.
 *
 * @param progress  reward per metre of progress, finite, &gt;= 0
 * @param success   bonus on success, finite, &gt;= 0
 * @param collision penalty on collision, finite, &gt;= 0
 * @param time      penalty per control step, finite, &gt;= 0
 */
public record RewardWeights(double progress, double success, double collision, double time) {
    /** progress 1/m, success 10, collision 10, time 0.01 per step. */
    public static final RewardWeights DEFAULT = new RewardWeights(1, 10, 10, 0.01);

    public RewardWeights {
        check("progress", progress);
        check("success", success);
        check("collision", collision);
        check("time", time);
    }

    private static void check(String name, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException(name + " weight must be finite and >= 0, got " + v);
        }
    }
}
