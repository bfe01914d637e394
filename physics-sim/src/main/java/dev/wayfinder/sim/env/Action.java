package dev.wayfinder.sim.env;

/** An action for {@link Env#step}: an index into the discrete action set, or a velocity command. */
public sealed interface Action permits Action.Discrete, Action.Velocity {
    /**
     * Index into the env's {@link ActionSet}.
     *
     * @param index 0-based, &gt;= 0 (the env checks the upper bound)
     */
    record Discrete(int index) implements Action {
        public Discrete {
            if (index < 0) {
                throw new IllegalArgumentException("action index must be >= 0, got " + index);
            }
        }
    }

    /**
     * A body velocity command; the robot clamps it to its limits.
     *
     * @param v     forward speed, metres per second, finite
     * @param omega yaw rate, radians per second (counter-clockwise), finite
     */
    record Velocity(double v, double omega) implements Action {
        public Velocity {
            if (!Double.isFinite(v) || !Double.isFinite(omega)) {
                throw new IllegalArgumentException("velocity command must be finite, got v=" + v + ", omega=" + omega);
            }
        }
    }
}
