package dev.wayfinder.scenarios.model;

/** An area of the floor, world frame, metres. */
public sealed interface Region permits RectRegion, CircleRegion {
    /** The centre point. */
    Vec2 center();

    /** Whether {@code p} lies in the region (boundary included). */
    boolean contains(Vec2 p);

    /** Lower-left corner of the axis-aligned bounding box. */
    Vec2 min();

    /** Upper-right corner of the axis-aligned bounding box. */
    Vec2 max();
}
