package dev.wayfinder.scenarios.model;

/**
 * A disc.
 *
 * @param center metres
 * @param radius metres, finite, &gt;= 0 (0 = a single point)
 */
public record CircleRegion(Vec2 center, double radius) implements Region {
    public CircleRegion {
        Checks.notNull("center", center);
        Checks.nonNegative("radius", radius);
    }

    @Override
    public boolean contains(Vec2 p) {
        return p.distanceTo(center) <= radius;
    }

    @Override
    public Vec2 min() {
        return new Vec2(center.x() - radius, center.y() - radius);
    }

    @Override
    public Vec2 max() {
        return new Vec2(center.x() + radius, center.y() + radius);
    }
}
