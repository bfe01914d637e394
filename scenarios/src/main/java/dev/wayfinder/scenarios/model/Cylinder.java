package dev.wayfinder.scenarios.model;

/**
 * An upright cylinder.
 *
 * @param radius metres, finite, &gt; 0
 * @param height metres, finite, &gt; 0
 */
public record Cylinder(double radius, double height) implements Shape {
    public Cylinder {
        Checks.positive("radius", radius);
        Checks.positive("height", height);
    }

    @Override
    public double boundingRadius() {
        return radius;
    }

    @Override
    public Cylinder scaled(double factor) {
        return new Cylinder(radius * factor, height * factor);
    }
}
