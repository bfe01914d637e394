package dev.wayfinder.randomization;

/**
 * The scenario's ranges make it impossible to draw a valid episode within its retry budget (for example
 * the minimum start-goal distance exceeds what the regions allow, or extra obstacles block every path).
 * The message names the scenario, the seed and what could not be achieved.
 */
public final class RandomizationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String scenarioName;

    /**
     * @param scenarioName the scenario that could not be randomized
     * @param message      what is impossible, already naming the scenario
     */
    public RandomizationException(String scenarioName, String message) {
        super(message);
        this.scenarioName = scenarioName;
    }

    /** Name of the scenario that could not be randomized. */
    public String scenarioName() {
        return scenarioName;
    }
}
