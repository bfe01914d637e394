package dev.wayfinder.randomization.layout;

import dev.wayfinder.scenarios.model.Episode;
import java.util.Optional;

/**
 * Decides whether a drawn episode is usable: the robot can get from its start to its goal. Implementations
 * must be deterministic (the same episode always gets the same answer) and thread-safe.
 */
@FunctionalInterface
public interface LayoutCheck {
    /**
     * @return empty when the episode is solvable, else what is wrong, in words (e.g. "no path from (1, 2) to
     *         (4, 0)")
     */
    Optional<String> problem(Episode episode);

    /** Accepts every episode (for tests of everything but solvability). */
    static LayoutCheck acceptAll() {
        return e -> Optional.empty();
    }
}
