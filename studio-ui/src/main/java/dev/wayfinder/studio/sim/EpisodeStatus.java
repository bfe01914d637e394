package dev.wayfinder.studio.sim;

/** Where the simulated episode stands. */
public enum EpisodeStatus {
    /** Reset, not stepped yet. */
    READY("ready", false),
    /** Stepped at least once and still going. */
    RUNNING("running", false),
    /** The robot reached the goal. */
    SUCCESS("reached the goal", true),
    /** The robot touched something. */
    COLLISION("collision", true),
    /** The episode's step limit was reached. */
    TIME_LIMIT("time limit", true),
    /** The physics diverged and the episode was cut short. */
    DIVERGED("diverged", true),
    /** The simulation could not start or its driver failed; the frame's detail says why. */
    ERROR("error", true);

    private final String text;
    private final boolean over;

    EpisodeStatus(String text, boolean over) {
        this.text = text;
        this.over = over;
    }

    /** Words for a status bar. */
    public String text() {
        return text;
    }

    /** Whether no further step can be taken before a reset. */
    public boolean over() {
        return over;
    }
}
