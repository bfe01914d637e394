package dev.wayfinder.sim.env;

import java.util.Optional;

/**
 * The outcome of one {@link VectorEnv#step}, one entry per env; overwritten by the next step.
 * For an env whose episode ended in this step, {@link #reward}, {@link #terminated}, {@link #truncated} and
 * {@link #info} describe the final step, {@link #finalObservation} holds its last observation, and
 * {@link #observation} is already the first observation of the next episode (auto-reset), unless the env went
 * {@linkplain #active idle}.
 * Not thread-safe.
 */
public final class VectorStep {
    final Observation[] observations;
    final Observation[] finals;
    final boolean[] hasFinal;
    final boolean[] active;
    final boolean[] stepped;
    final double[] rewards;
    final boolean[] terminated;
    final boolean[] truncated;
    final StepInfo[] infos;

    VectorStep(int n) {
        observations = new Observation[n];
        finals = new Observation[n];
        hasFinal = new boolean[n];
        active = new boolean[n];
        stepped = new boolean[n];
        rewards = new double[n];
        terminated = new boolean[n];
        truncated = new boolean[n];
        infos = new StepInfo[n];
        for (int i = 0; i < n; i++) {
            infos[i] = new StepInfo();
        }
    }

    /** Number of envs. */
    public int size() {
        return rewards.length;
    }

    /** Whether env {@code i} has an episode in progress (false once its seed schedule ran out). */
    public boolean active(int i) {
        return active[i];
    }

    /** Whether env {@code i} was stepped by the last step (idle and held envs are not). */
    public boolean stepped(int i) {
        return stepped[i];
    }

    /** The current observation of env {@code i} (after auto-reset when its episode ended); null when idle. */
    public Observation observation(int i) {
        return observations[i];
    }

    /** The last observation of the episode that ended in this step, if env {@code i}'s episode ended. */
    public Optional<Observation> finalObservation(int i) {
        return hasFinal[i] ? Optional.of(finals[i]) : Optional.empty();
    }

    /** Reward of env {@code i}. */
    public double reward(int i) {
        return rewards[i];
    }

    /** Whether env {@code i}'s episode terminated in this step. */
    public boolean terminated(int i) {
        return terminated[i];
    }

    /** Whether env {@code i}'s episode was truncated in this step. */
    public boolean truncated(int i) {
        return truncated[i];
    }

    /** Info of env {@code i}'s step (of the final step when its episode ended). */
    public StepInfo info(int i) {
        return infos[i];
    }
}
