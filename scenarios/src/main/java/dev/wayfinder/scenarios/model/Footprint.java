package dev.wayfinder.scenarios.model;

/** The robot's outline on the floor, centred on base_link. */
public sealed interface Footprint permits CircleFootprint, BoxFootprint {
    /** Radius of the smallest circle about base_link enclosing the footprint, metres. */
    double boundingRadius();
}
