package dev.wayfinder.sim.env;

import java.util.Objects;

/**
 * The outcome of {@link Env#step}. {@code observation} and {@code info} are the env's live buffers, valid
 * until its next step or reset.
 *
 * @param observation what the policy sees now
 * @param reward      reward of this step (see {@link RewardWeights})
 * @param terminated  the task ended: goal reached or collision
 * @param truncated   cut short: step limit or diverging physics (never both with terminated)
 * @param info        diagnostics and ground truth
 */
public record StepResult(Observation observation, double reward, boolean terminated, boolean truncated,
                         StepInfo info) {
    public StepResult {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(info, "info");
        if (terminated && truncated) {
            throw new IllegalArgumentException("a step is either terminated or truncated, not both");
        }
    }

    /** Whether the episode is over. */
    public boolean done() {
        return terminated || truncated;
    }
}
