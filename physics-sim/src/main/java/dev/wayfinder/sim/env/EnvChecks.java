package dev.wayfinder.sim.env;

import java.util.random.RandomGenerator;

/** Small helpers around spaces and actions. */
public final class EnvChecks {
    private EnvChecks() {
    }

    /** A uniformly random action of {@code actionSpace} (a {@link DiscreteSpace} or a 2-d {@link BoxSpace}). */
    public static Action sample(Space actionSpace, RandomGenerator rng) {
        if (actionSpace instanceof DiscreteSpace d) {
            return new Action.Discrete(d.sample(rng));
        }
        if (actionSpace instanceof BoxSpace b && b.size() == 2) {
            float[] x = b.sample(rng);
            return new Action.Velocity(x[0], x[1]);
        }
        throw new IllegalArgumentException("not an action space: " + actionSpace);
    }
}
