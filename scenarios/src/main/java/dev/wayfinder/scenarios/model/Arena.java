package dev.wayfinder.scenarios.model;

/**
 * The rectangular arena: a floor centred on the origin, surrounded by four walls whose inner faces lie at
 * x = +-size.x/2 and y = +-size.y/2 (the walls stand outside the free area).
 *
 * @param size          free interior, metres, each &gt; 0 and at most {@link #MAX_SIDE}
 * @param wallHeight    metres, &gt; 0
 * @param wallThickness metres, &gt; 0
 * @param wallMaterial  look of the walls
 * @param floorMaterial look of the floor
 * @param floorFriction Coulomb friction coefficient of the floor, finite, &gt;= 0
 */
public record Arena(Vec2 size, double wallHeight, double wallThickness, Material wallMaterial,
                    Material floorMaterial, double floorFriction) {
    /** Largest side accepted, metres. */
    public static final double MAX_SIDE = 1000;

    public Arena {
        Checks.notNull("size", size);
        Checks.range("size.x", size.x(), Double.MIN_VALUE, MAX_SIDE);
        Checks.range("size.y", size.y(), Double.MIN_VALUE, MAX_SIDE);
        Checks.positive("wallHeight", wallHeight);
        Checks.positive("wallThickness", wallThickness);
        Checks.notNull("wallMaterial", wallMaterial);
        Checks.notNull("floorMaterial", floorMaterial);
        Checks.nonNegative("floorFriction", floorFriction);
    }

    /** Half of size.x, metres. */
    public double halfX() {
        return size.x() / 2;
    }

    /** Half of size.y, metres. */
    public double halfY() {
        return size.y() / 2;
    }

    /** Whether {@code p} lies in the free interior (boundary included). */
    public boolean contains(Vec2 p) {
        return Math.abs(p.x()) <= halfX() && Math.abs(p.y()) <= halfY();
    }

    /** Whether a disc of {@code radius} metres around {@code p} lies in the free interior. */
    public boolean containsDisc(Vec2 p, double radius) {
        return Math.abs(p.x()) + radius <= halfX() && Math.abs(p.y()) + radius <= halfY();
    }
}
