package dev.wayfinder.scenarios.model;

/** How an obstacle behaves in the simulation. */
public enum ObstacleKind {
    /** Fixed in place (infinite mass). */
    STATIC,
    /** A dynamic body with a mass that the robot can push. */
    PUSHABLE,
    /** Kinematic: follows its patrol path at constant speed, pushed by nothing. */
    MOVING;

    /** The name used in files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
