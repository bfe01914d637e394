package dev.wayfinder.sim.eval;

/**
 * Aggregate outcome of an evaluation.
 *
 * @param episodes      number of episodes, &gt;= 1
 * @param successRate   fraction that reached the goal, [0, 1]
 * @param spl           success weighted by path length (Anderson et al. 2018), [0, 1]
 * @param collisionRate fraction that ended in a collision, [0, 1]
 * @param truncatedRate fraction cut short (step limit or divergence), [0, 1]
 * @param meanSteps     mean control steps per episode
 */
public record EvalResult(int episodes, double successRate, double spl, double collisionRate, double truncatedRate,
                         double meanSteps) {
    public EvalResult {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        }
        for (double rate : new double[] {successRate, spl, collisionRate, truncatedRate}) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("rates must be in [0, 1], got " + rate);
            }
        }
        if (!(meanSteps >= 0)) {
            throw new IllegalArgumentException("meanSteps must be >= 0, got " + meanSteps);
        }
    }
}
