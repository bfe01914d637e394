package dev.wayfinder.studio.sim;

/** Who chooses the robot's actions in the simulation panel. */
public enum Driver {
    /** physics-sim's privileged expert: the planner on the true map and state. */
    EXPERT("Expert"),
    /** A trained camera policy through the robot boundary (the shipped model unless another is chosen). */
    MODEL("Trained model"),
    /** The arrow keys (or W A S D) on the viewport. */
    TELEOP("Keyboard");

    private final String label;

    Driver(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
