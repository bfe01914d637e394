package dev.wayfinder.sim.env;

import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.World;

/**
 * An environment with Gymnasium's contract. One env is driven by one thread at a time, and envs that are
 * stepped concurrently must each have been reset on the thread that steps them: JBullet binds its object
 * pools to the thread that builds a dynamics world, and a reset builds a fresh one ({@link VectorEnv} does
 * this for you).
 *
 * <ul>
 *   <li>{@link #reset(long)} must come first and after every finished episode; the seed fully determines
 *       the episode and its noise: same seed and same actions give bit-identical results.</li>
 *   <li>{@link #step} after the episode ended (terminated or truncated) throws {@link IllegalStateException}.</li>
 *   <li>Observations lie in {@link #observationSpace()}; actions must lie in {@link #actionSpace()}.</li>
 * </ul>
 */
public interface Env extends AutoCloseable {
    /** The declared observation space (a {@link DictSpace}). */
    DictSpace observationSpace();

    /** The declared action space: {@link DiscreteSpace} or a 2-dimensional {@link BoxSpace}. */
    Space actionSpace();

    /** Starts a new episode drawn from {@code seed}. */
    ResetResult reset(long seed);

    /**
     * Applies {@code action} for one control period.
     *
     * @throws IllegalStateException    before the first reset or after the episode ended
     * @throws IllegalArgumentException if the action is not in the action space
     */
    StepResult step(Action action);

    /** The compiled world of the current episode (for experts, renderers and recorders). */
    World world();

    /** The live simulation state of the current episode (read-only use). */
    SimState state();

    /** Releases the camera, if any. */
    @Override
    void close();
}
