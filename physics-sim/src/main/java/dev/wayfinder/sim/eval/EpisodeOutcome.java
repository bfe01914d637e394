package dev.wayfinder.sim.eval;

import java.util.Objects;

/**
 * How one episode ended: the one per-episode result of every evaluation path ({@code wayfinder sim run}, the
 * camera policy's rollouts, {@code wayfinder eval}, DAgger's validation).
 *
 * @param scenario       scenario name
 * @param seed           reset seed
 * @param success        goal reached
 * @param collision      ended by touching something
 * @param truncation     truncation reason key, "none" when not truncated
 * @param steps          control steps
 * @param seconds        simulated time, seconds
 * @param pathLength     ground-truth distance driven, metres
 * @param shortestLength shortest collision-free path length from start to goal, metres (SPL reference)
 *
 * <p>Serializable: outcomes travel from cluster workers to the process that asked for them.
 */
public record EpisodeOutcome(String scenario, long seed, boolean success, boolean collision, String truncation,
                             int steps, double seconds, double pathLength, double shortestLength)
        implements java.io.Serializable {
    public EpisodeOutcome {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(truncation, "truncation");
        if (steps < 0 || !(seconds >= 0) || !(pathLength >= 0) || !(shortestLength >= 0)) {
            throw new IllegalArgumentException("steps, time and lengths must be >= 0, got " + steps + ", " + seconds
                    + ", " + pathLength + ", " + shortestLength);
        }
        if (success && collision) {
            throw new IllegalArgumentException("an episode cannot both succeed and collide");
        }
    }

    /**
     * The outcome of {@code scenario}'s episode {@code seed} as its last step {@code last} leaves it (an episode
     * stopped before it ended has neither success nor collision and truncation "none").
     *
     * @param shortest the shortest collision-free path length from start to goal, metres
     */
    public static EpisodeOutcome of(String scenario, long seed, dev.wayfinder.sim.env.StepInfo last, double shortest) {
        return new EpisodeOutcome(scenario, seed, last.success(), last.collision(), last.truncation().key(),
                last.steps(), last.timeNanos() / 1e9, last.pathLength(), shortest);
    }

    /** This episode's SPL term (Anderson et al. 2018): success * shortest / max(driven, shortest). */
    public double spl() {
        if (!success) {
            return 0;
        }
        double driven = Math.max(pathLength, shortestLength);
        return driven > 0 ? shortestLength / driven : 1;
    }
}
