package dev.wayfinder.scenarios.model;

/** The solid shape of an obstacle, standing on the floor, centred on its pose. */
public sealed interface Shape permits Box, Cylinder {
    /** Height above the floor, metres. */
    double height();

    /** Radius of the smallest vertical cylinder about the centre that encloses the shape, metres. */
    double boundingRadius();

    /** This shape with every dimension multiplied by {@code factor} (&gt; 0). */
    Shape scaled(double factor);
}
