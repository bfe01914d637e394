package dev.wayfinder.policy.eval;

import dev.wayfinder.policy.rollout.EpisodeResult;

import java.util.List;
import java.util.Objects;

/**
 * One line of the evaluation table: a driver on one scenario variant.
 *
 * @param scenario      scenario name
 * @param variant       "in-distribution" or "ood"
 * @param driver        "policy", "policy+shield" or "policy+pred-shield" (through a safety shield), "expert" or
 *                      "random"
 * @param episodes      finished episodes, &gt;= 0
 * @param success       success rate in [0, 1]
 * @param spl           mean SPL in [0, 1]
 * @param collision     collision rate in [0, 1]
 * @param meanTimeToGoal mean simulated seconds to the goal over successful episodes (NaN when none)
 */
public record EvalRow(String scenario, String variant, String driver, int episodes, double success, double spl,
                      double collision, double meanTimeToGoal) {
    public EvalRow {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(driver, "driver");
        if (episodes < 0) {
            throw new IllegalArgumentException("episodes must be >= 0, got " + episodes);
        }
    }

    /** Aggregates episode results. */
    public static EvalRow of(String scenario, String variant, String driver, List<EpisodeResult> eps) {
        int n = eps.size();
        if (n == 0) {
            return new EvalRow(scenario, variant, driver, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double succ = eps.stream().filter(EpisodeResult::success).count() / (double) n;
        double spl = eps.stream().mapToDouble(EpisodeResult::spl).average().orElse(0);
        double coll = eps.stream().filter(EpisodeResult::collision).count() / (double) n;
        double time = eps.stream().filter(EpisodeResult::success).mapToDouble(EpisodeResult::seconds).average()
                .orElse(Double.NaN);
        return new EvalRow(scenario, variant, driver, n, succ, spl, coll, time);
    }

    /** The mean time to goal with one decimal, or "-" when no episode succeeded. */
    public String timeToGoalText() {
        return Double.isNaN(meanTimeToGoal) ? "-" : String.format(java.util.Locale.ROOT, "%.1f", meanTimeToGoal);
    }
}
