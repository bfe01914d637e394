package dev.wayfinder.sim.core;

/** Why an episode was cut short (Gymnasium's "truncated"), or {@link #NONE}. */
public enum Truncation {
    /** Still running. */
    NONE("none"),
    /** The episode's step limit was reached. */
    TIME_LIMIT("time_limit"),
    /** A position or velocity became NaN or infinite. */
    NAN("nan"),
    /** The robot moved implausibly fast: the integration diverged. */
    EXPLODING_VELOCITY("exploding_velocity"),
    /** The robot left the arena (through or over a wall). */
    LEFT_ARENA("left_arena"),
    /** The robot fell through the floor. */
    FELL_THROUGH_FLOOR("fell_through_floor");

    private final String key;

    Truncation(String key) {
        this.key = key;
    }

    /** The reason as written in step info and recordings. */
    public String key() {
        return key;
    }
}
