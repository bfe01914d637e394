package dev.wayfinder.scenarios.model;

/**
 * How a surface looks: a base colour, a procedural texture, its second colour and its scale.
 *
 * @param color   base colour
 * @param texture texture kind; {@link TextureKind#SOLID} ignores {@code color2} and {@code scale}
 * @param color2  second colour of the texture
 * @param scale   texture period in metres, finite, &gt; 0
 */
public record Material(Rgb color, TextureKind texture, Rgb color2, double scale) {
    /** Default texture period, metres. */
    public static final double DEFAULT_SCALE = 0.5;

    public Material {
        Checks.notNull("color", color);
        Checks.notNull("texture", texture);
        Checks.notNull("color2", color2);
        Checks.positive("scale", scale);
    }

    /** A solid colour. */
    public static Material solid(Rgb color) {
        return new Material(color, TextureKind.SOLID, color, DEFAULT_SCALE);
    }
}
