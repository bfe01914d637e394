package dev.wayfinder.sim.env;

import java.util.Objects;

/**
 * How a {@link NavEnv} presents the task.
 *
 * @param actionMode discrete or continuous actions
 * @param actions    the discrete action set (used when {@code actionMode} is DISCRETE)
 * @param reward     reward weights
 */
public record EnvConfig(ActionMode actionMode, ActionSet actions, RewardWeights reward) {
    /** Discrete default actions, default reward. */
    public static final EnvConfig DISCRETE = new EnvConfig(ActionMode.DISCRETE, ActionSet.DEFAULT,
            RewardWeights.DEFAULT);
    /** Continuous (v, omega), default reward. */
    public static final EnvConfig CONTINUOUS = new EnvConfig(ActionMode.CONTINUOUS, ActionSet.DEFAULT,
            RewardWeights.DEFAULT);

    public EnvConfig {
        Objects.requireNonNull(actionMode, "actionMode");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(reward, "reward");
    }

    /** This config with other reward weights. */
    public EnvConfig withReward(RewardWeights w) {
        return new EnvConfig(actionMode, actions, w);
    }
}
