package dev.wayfinder.policy.eval;

import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.eval.EvalResult;

import java.util.List;
import java.util.Objects;

/**
 * One line of the evaluation table: a driver on one scenario variant, and physics-sim's aggregate of its episodes.
 *
 * @param scenario scenario name
 * @param variant  "in-distribution", "ood" or "style"
 * @param driver   "policy", "policy+shield" or "policy+pred-shield" (through a safety shield), "expert" or "random"
 * @param result   the episodes' aggregate (success, SPL, collisions, time to goal)
 */
public record EvalRow(String scenario, String variant, String driver, EvalResult result) {
    public EvalRow {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(result, "result");
    }

    /** Aggregates episode outcomes. */
    public static EvalRow of(String scenario, String variant, String driver, List<EpisodeOutcome> eps) {
        return new EvalRow(scenario, variant, driver, EvalResult.of(eps));
    }
}
