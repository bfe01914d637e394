package dev.wayfinder.sim.env;

import java.util.random.RandomGenerator;

/**
 * The integers {@code 0..n-1}. Members are {@link Integer}s and {@link Action.Discrete} actions.
 *
 * @param n number of elements, &gt;= 1
 */
public record DiscreteSpace(int n) implements Space {
    public DiscreteSpace {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
    }

    @Override
    public boolean contains(Object value) {
        int i;
        if (value instanceof Integer k) {
            i = k;
        } else if (value instanceof Action.Discrete d) {
            i = d.index();
        } else {
            return false;
        }
        return i >= 0 && i < n;
    }

    @Override
    public Integer sample(RandomGenerator rng) {
        return rng.nextInt(n);
    }
}
