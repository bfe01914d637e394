package dev.wayfinder.sim.env;

import dev.wayfinder.scenarios.model.Episode;

import java.util.Objects;

/**
 * Where an env's episodes come from: a pure function of the reset seed (domain randomization plugs in here,
 * e.g. {@code seed -> randomizer.episode(scenario, seed)}). Must be thread-safe when shared by a
 * {@link VectorEnv}.
 */
@FunctionalInterface
public interface EpisodeSource {
    /**
     * The episode for {@code seed}; the same seed must give an equal episode.
     *
     * @throws Unavailable when this seed has no episode (e.g. no solvable layout); a {@link VectorEnv} skips it
     */
    Episode episode(long seed);

    /** Always {@code episode}; the seed then only drives the noise. */
    static EpisodeSource fixed(Episode episode) {
        Objects.requireNonNull(episode, "episode");
        return seed -> episode;
    }

    /** This seed has no episode (e.g. no solvable layout could be drawn); callers skip to another seed. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
