package dev.wayfinder.scenarios.model;

/** Procedural surface textures the renderer can draw; written in files in lower case ({@code checker}). */
public enum TextureKind {
    /** One flat colour. */
    SOLID,
    /** Squares of {@code color} and {@code color2}, side {@code scale}. */
    CHECKER,
    /** Parallel stripes, period {@code scale}. */
    STRIPES,
    /** Value noise blending the two colours, feature size {@code scale}. */
    NOISE,
    /** Brick courses in {@code color} with mortar in {@code color2}, brick length {@code scale}. */
    BRICK,
    /** Wood grain, plank width {@code scale}. */
    WOOD,
    /** Speckled concrete, speckle size {@code scale}. */
    CONCRETE;

    /** The name used in files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
