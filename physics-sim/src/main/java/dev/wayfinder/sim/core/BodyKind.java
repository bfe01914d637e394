package dev.wayfinder.sim.core;

/** What a {@link Body} is and how it moves. */
public enum BodyKind {
    /** The differential-drive robot: dynamic, driven through its wheels. */
    ROBOT,
    /** An obstacle fixed in place. */
    STATIC,
    /** A dynamic obstacle with mass. */
    PUSHABLE,
    /** A kinematic obstacle following its patrol path. */
    MOVING
}
