package dev.wayfinder.scenarios.model;

/** The three families of randomized parameters. */
public enum ParameterGroup {
    /** What the camera sees. */
    VISUAL,
    /** How the robot and the world respond. */
    PHYSICAL,
    /** Where things are. */
    LAYOUT;

    /** The name used in files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
