package dev.wayfinder.scenarios.model;

/**
 * A round robot.
 *
 * @param radius metres, finite, &gt; 0
 */
public record CircleFootprint(double radius) implements Footprint {
    public CircleFootprint {
        Checks.positive("radius", radius);
    }

    @Override
    public double boundingRadius() {
        return radius;
    }
}
