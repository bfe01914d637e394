package dev.wayfinder.scenarios.model;

/**
 * A rectangular robot centred on base_link.
 *
 * @param length metres along x (forward), finite, &gt; 0
 * @param width  metres along y (left), finite, &gt; 0
 */
public record BoxFootprint(double length, double width) implements Footprint {
    public BoxFootprint {
        Checks.positive("length", length);
        Checks.positive("width", width);
    }

    @Override
    public double boundingRadius() {
        return 0.5 * Math.hypot(length, width);
    }
}
