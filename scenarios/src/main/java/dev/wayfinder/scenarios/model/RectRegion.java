package dev.wayfinder.scenarios.model;

/**
 * An axis-aligned rectangle. A zero size denotes a single point (or segment).
 *
 * @param center metres
 * @param size   full extents, metres, each finite and &gt;= 0
 */
public record RectRegion(Vec2 center, Vec2 size) implements Region {
    public RectRegion {
        Checks.notNull("center", center);
        Checks.notNull("size", size);
        Checks.nonNegative("size.x", size.x());
        Checks.nonNegative("size.y", size.y());
    }

    /** A single point. */
    public static RectRegion point(Vec2 p) {
        return new RectRegion(p, Vec2.ZERO);
    }

    @Override
    public boolean contains(Vec2 p) {
        return Math.abs(p.x() - center.x()) <= size.x() / 2 && Math.abs(p.y() - center.y()) <= size.y() / 2;
    }

    @Override
    public Vec2 min() {
        return new Vec2(center.x() - size.x() / 2, center.y() - size.y() / 2);
    }

    @Override
    public Vec2 max() {
        return new Vec2(center.x() + size.x() / 2, center.y() + size.y() / 2);
    }
}
