package dev.wayfinder.scenarios.model;

/**
 * Widens randomization ranges with training progress p in [0, 1]: every range is shrunk toward its
 * nominal value to the fraction {@code initialWidth} of its width at p = 0 and grows linearly to full
 * width at p = {@code fullWidthAt}.
 *
 * @param initialWidth fraction of each range used at the start, in [0, 1]
 * @param fullWidthAt  progress at which ranges reach full width, in (0, 1]
 */
public record Curriculum(double initialWidth, double fullWidthAt) {
    public Curriculum {
        Checks.range("initialWidth", initialWidth, 0, 1);
        Checks.range("fullWidthAt", fullWidthAt, 0, 1);
        if (fullWidthAt <= 0) {
            throw new IllegalArgumentException("fullWidthAt must be > 0, got " + fullWidthAt);
        }
    }

    /** Fraction of full width to use at training progress {@code progress} (clamped to [0, 1]). */
    public double widthAt(double progress) {
        double p = Math.clamp(progress, 0, 1);
        return Math.min(1, initialWidth + (1 - initialWidth) * p / fullWidthAt);
    }
}
