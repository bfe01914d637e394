package dev.wayfinder.sim.eval;

/**
 * How one episode ended.
 *
 * @param seed           reset seed
 * @param success        goal reached
 * @param collision      ended by touching something
 * @param truncation     truncation reason key, "none" when not truncated
 * @param steps          control steps
 * @param pathLength     ground-truth distance driven, metres
 * @param shortestLength shortest path length from start to goal, metres (SPL reference)
 */
public record EpisodeOutcome(long seed, boolean success, boolean collision, String truncation, int steps,
                             double pathLength, double shortestLength) {
    public EpisodeOutcome {
        java.util.Objects.requireNonNull(truncation, "truncation");
        if (steps < 0 || !(pathLength >= 0) || !(shortestLength >= 0)) {
            throw new IllegalArgumentException("steps and lengths must be >= 0, got " + steps + ", " + pathLength
                    + ", " + shortestLength);
        }
        if (success && collision) {
            throw new IllegalArgumentException("an episode cannot both succeed and collide");
        }
    }

    /** This episode's SPL term: success * shortest / max(driven, shortest). */
    public double spl() {
        return success ? shortestLength / Math.max(pathLength, shortestLength) : 0;
    }
}
