package dev.wayfinder.sim.env;

import java.util.random.RandomGenerator;

/**
 * A declared set of valid observations or actions (Gymnasium's {@code spaces}). Implementations are immutable
 * and thread-safe.
 */
public sealed interface Space permits BoxSpace, DiscreteSpace, ImageSpace, DictSpace {
    /** Whether {@code value} is a member of this space (false for values of the wrong type). */
    boolean contains(Object value);

    /** A uniformly random member (for unbounded dimensions: a standard normal draw). */
    Object sample(RandomGenerator rng);
}
