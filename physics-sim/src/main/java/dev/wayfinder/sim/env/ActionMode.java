package dev.wayfinder.sim.env;

/** Which action type an env takes. */
public enum ActionMode {
    /** {@link Action.Discrete} indices into an {@link ActionSet}; action space {@link DiscreteSpace}. */
    DISCRETE,
    /** {@link Action.Velocity} (v, omega); action space a 2-dimensional {@link BoxSpace}. */
    CONTINUOUS
}
