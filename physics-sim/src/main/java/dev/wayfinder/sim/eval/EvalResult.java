package dev.wayfinder.sim.eval;

import java.util.List;
import java.util.Locale;

/**
 * Aggregate outcome of an evaluation: the one aggregation of {@link EpisodeOutcome}s.
 *
 * @param episodes       number of episodes, &gt;= 0 (all rates NaN when 0)
 * @param successRate    fraction that reached the goal, [0, 1]
 * @param spl            success weighted by path length (Anderson et al. 2018), [0, 1]
 * @param collisionRate  fraction that ended in a collision, [0, 1]
 * @param truncatedRate  fraction cut short (step limit or divergence), [0, 1]
 * @param meanSteps      mean control steps per episode
 * @param meanTimeToGoal mean simulated seconds to the goal over successful episodes (NaN when none succeeded)
 */
public record EvalResult(int episodes, double successRate, double spl, double collisionRate, double truncatedRate,
                         double meanSteps, double meanTimeToGoal) {
    public EvalResult {
        if (episodes < 0) {
            throw new IllegalArgumentException("episodes must be >= 0, got " + episodes);
        }
        if (episodes > 0) {
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

    /** Aggregates {@code outcomes} (none gives NaN rates). */
    public static EvalResult of(List<EpisodeOutcome> outcomes) {
        int n = outcomes.size();
        if (n == 0) {
            return new EvalResult(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double succ = 0;
        double spl = 0;
        double coll = 0;
        double trunc = 0;
        double steps = 0;
        double toGoal = 0;
        for (EpisodeOutcome o : outcomes) {
            succ += o.success() ? 1 : 0;
            coll += o.collision() ? 1 : 0;
            trunc += !o.success() && !o.collision() ? 1 : 0;
            spl += o.spl();
            steps += o.steps();
            toGoal += o.success() ? o.seconds() : 0;
        }
        return new EvalResult(n, succ / n, spl / n, coll / n, trunc / n, steps / n, succ > 0 ? toGoal / succ : Double.NaN);
    }

    /** The mean time to goal with one decimal, or "-" when no episode succeeded. */
    public String timeToGoalText() {
        return Double.isNaN(meanTimeToGoal) ? "-" : String.format(Locale.ROOT, "%.1f", meanTimeToGoal);
    }
}
