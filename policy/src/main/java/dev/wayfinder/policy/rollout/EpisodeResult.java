package dev.wayfinder.policy.rollout;

import java.util.Objects;

/**
 * The outcome of one finished episode.
 *
 * @param scenario     scenario name
 * @param seed         the episode's seed
 * @param success      goal reached
 * @param collision    touched something
 * @param steps        control steps taken, &gt;= 0
 * @param seconds      simulated time, seconds, &gt;= 0
 * @param pathLength   distance driven, metres, &gt;= 0
 * @param shortestPath shortest collision-free path length from start to goal, metres, &gt; 0
 */
public record EpisodeResult(String scenario, long seed, boolean success, boolean collision, int steps,
                            double seconds, double pathLength, double shortestPath) {
    public EpisodeResult {
        Objects.requireNonNull(scenario, "scenario");
        if (steps < 0 || !(seconds >= 0) || !(pathLength >= 0) || !(shortestPath > 0)) {
            throw new IllegalArgumentException("invalid episode result: steps " + steps + ", seconds " + seconds
                    + ", path " + pathLength + ", shortest " + shortestPath);
        }
    }

    /** Success weighted by path length (Anderson et al. 2018): success * shortest / max(path, shortest). */
    public double spl() {
        return success ? shortestPath / Math.max(pathLength, shortestPath) : 0;
    }
}
