package dev.wayfinder.scenarios.model;

/**
 * Units of randomized parameters: the code unit and how values are written in files (angles in degrees).
 */
public enum ParameterUnit {
    METRE("m", 1),
    /** Radians in code, degrees in files. */
    RADIAN("deg", Math.PI / 180),
    /** Radians per second in code, degrees per second in files. */
    RADIAN_PER_SECOND("deg/s", Math.PI / 180),
    SECOND("s", 1),
    KELVIN("K", 1),
    PER_METRE("1/m", 1),
    /** A dimensionless multiplier of a nominal value. */
    FACTOR("x", 1),
    /** A dimensionless fraction or level, usually 0..1. */
    FRACTION("", 1),
    /** A friction coefficient. */
    COEFFICIENT("", 1),
    /** A whole number; drawn values are rounded to the nearest integer. */
    COUNT("", 1),
    /** An index into {@link RandomParameter#categories()}; files use the category names. */
    CATEGORY("", 1);

    private final String fileSymbol;
    private final double fileToCode;

    ParameterUnit(String fileSymbol, double fileToCode) {
        this.fileSymbol = fileSymbol;
        this.fileToCode = fileToCode;
    }

    /** The unit as written in files and documentation (may be empty). */
    public String fileSymbol() {
        return fileSymbol;
    }

    /** Converts a file value (e.g. degrees) to the code unit (e.g. radians). */
    public double fromFile(double v) {
        return fileToCode == 1 ? v : Math.toRadians(v);
    }

    /** Converts a code value to the file unit. */
    public double toFile(double v) {
        return fileToCode == 1 ? v : Math.toDegrees(v);
    }
}
