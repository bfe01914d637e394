package dev.wayfinder.scenarios.model;

/**
 * An axis-aligned (in the obstacle frame) box: size.x along the obstacle's heading, size.y across it,
 * size.z its height.
 *
 * @param size full edge lengths in metres, each finite and &gt; 0
 */
public record Box(Vec3 size) implements Shape {
    public Box {
        Checks.notNull("size", size);
        Checks.positive("size.x", size.x());
        Checks.positive("size.y", size.y());
        Checks.positive("size.z", size.z());
    }

    public Box(double x, double y, double z) {
        this(new Vec3(x, y, z));
    }

    @Override
    public double height() {
        return size.z();
    }

    @Override
    public double boundingRadius() {
        return 0.5 * Math.hypot(size.x(), size.y());
    }

    @Override
    public Box scaled(double factor) {
        return new Box(size.x() * factor, size.y() * factor, size.z() * factor);
    }
}
