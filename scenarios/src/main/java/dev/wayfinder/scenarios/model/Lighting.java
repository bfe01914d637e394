package dev.wayfinder.scenarios.model;

/**
 * One directional light (the sun or a ceiling light far away) plus ambient light, background and fog.
 *
 * @param azimuth    direction the light comes from, radians counter-clockwise from +x
 * @param elevation  angle above the horizon the light comes from, radians, in [0, pi/2]
 * @param color      light colour
 * @param intensity  multiplier of the directional light, in [0, 10]
 * @param ambient    ambient level, in [0, 1]
 * @param background colour behind everything (above the walls)
 * @param fogDensity exponential fog density per metre, &gt;= 0 (0 = no fog)
 */
public record Lighting(double azimuth, double elevation, Rgb color, double intensity, double ambient,
                       Rgb background, double fogDensity) {
    /** A neutral overhead-ish light. */
    public static final Lighting DEFAULT = new Lighting(Math.toRadians(45), Math.toRadians(60), Rgb.WHITE, 1.0,
            0.3, Rgb.of8(0x87, 0xa8, 0xc8), 0);

    public Lighting {
        Checks.finite("azimuth", azimuth);
        Checks.range("elevation", elevation, 0, Math.PI / 2 + 1e-12);
        Checks.notNull("color", color);
        Checks.range("intensity", intensity, 0, 10);
        Checks.range("ambient", ambient, 0, 1);
        Checks.notNull("background", background);
        Checks.range("fogDensity", fogDensity, 0, 10);
    }

    /** Unit vector pointing from the scene toward the light, world frame (x, y, z). */
    public Vec3 towardLight() {
        double c = Math.cos(elevation);
        return new Vec3(c * Math.cos(azimuth), c * Math.sin(azimuth), Math.sin(elevation));
    }
}
