package dev.wayfinder.scenarios.model;

/** What a moving obstacle does at the end of its patrol path. */
public enum PatrolMode {
    /** Returns straight to the first point and starts again. */
    LOOP,
    /** Retraces the path backwards, then forwards again. */
    PING_PONG;

    /** The name used in files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
