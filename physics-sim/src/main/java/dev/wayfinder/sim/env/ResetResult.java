package dev.wayfinder.sim.env;

import java.util.Objects;

/**
 * The outcome of {@link Env#reset}: the first observation and info (the env's live buffers).
 *
 * @param observation what the policy sees at the start
 * @param info        diagnostics and ground truth
 */
public record ResetResult(Observation observation, StepInfo info) {
    public ResetResult {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(info, "info");
    }
}
