package dev.wayfinder.scenarios.draw;

import dev.wayfinder.scenarios.model.Arena;
import java.util.Objects;

/**
 * Where the parts of a top-down map lie in its image, and the world-to-pixel transform of the map area (+x
 * right, +y up, as seen from above): a title band on top, the arena with its walls scaled to fit the size asked
 * for, a footer (scale bar, axes, legend) below. {@link MapDrawer} draws with it, and whoever draws over a map
 * (trajectories, robots) uses the same object, {@link #shifted} where the map is placed inside a larger picture.
 * Immutable.
 */
public final class MapLayout {
    private static final int MARGIN = 16;
    private static final int TITLE = 34;
    private static final int FOOTER = 62;
    private static final int MIN_WIDTH = 420;

    private final double extentX;
    private final double extentY;
    private final double ppm;
    private final int width;
    private final int height;
    private final double left;
    private final double top;

    private MapLayout(double extentX, double extentY, double ppm, int width, int height, double left, double top) {
        this.extentX = extentX;
        this.extentY = extentY;
        this.ppm = ppm;
        this.width = width;
        this.height = height;
        this.left = left;
        this.top = top;
    }

    /**
     * The layout of a map of {@code arena} whose longer side (walls included) spans {@code size} pixels: the one
     * {@link MapDrawer} draws with for {@link MapDrawer.Options#size()} {@code = size}.
     */
    public static MapLayout of(Arena arena, int size) {
        Objects.requireNonNull(arena, "arena");
        if (size <= 0) {
            throw new IllegalArgumentException("size must be > 0 pixels, got " + size);
        }
        double ex = arena.halfX() + arena.wallThickness();
        double ey = arena.halfY() + arena.wallThickness();
        double ppm = size / (2 * Math.max(ex, ey));
        int w = Math.max((int) Math.ceil(2 * ex * ppm) + 2 * MARGIN, MIN_WIDTH);
        int h = (int) Math.ceil(2 * ey * ppm) + TITLE + FOOTER;
        return new MapLayout(ex, ey, ppm, w, h, (w - 2 * ex * ppm) / 2, TITLE);
    }

    /** This map drawn with its top left corner at ({@code dx}, {@code dy}) of a larger image. */
    public MapLayout shifted(double dx, double dy) {
        return new MapLayout(extentX, extentY, ppm, width, height, left + dx, top + dy);
    }

    /** Image x of world x (metres), pixels. */
    public double px(double x) {
        return left + (x + extentX) * ppm;
    }

    /** Image y of world y (metres), pixels; y up in the world is up in the image. */
    public double py(double y) {
        return top + (extentY - y) * ppm;
    }

    /** World x (metres) of image x {@code px} (pixels): the inverse of {@link #px}, for pointers over a map. */
    public double worldX(double px) {
        return (px - left) / ppm - extentX;
    }

    /** World y (metres) of image y {@code py} (pixels): the inverse of {@link #py}. */
    public double worldY(double py) {
        return extentY - (py - top) / ppm;
    }

    /** Scale, pixels per metre. */
    public double pixelsPerMetre() {
        return ppm;
    }

    /** Half the drawn extent along x, metres: the arena's half size plus its wall thickness. */
    public double extentX() {
        return extentX;
    }

    /** Half the drawn extent along y, metres: the arena's half size plus its wall thickness. */
    public double extentY() {
        return extentY;
    }

    /** Width of the map image, pixels. */
    public int width() {
        return width;
    }

    /** Height of the map image, pixels: title band, map area and footer. */
    public int height() {
        return height;
    }

    /** Height of the title band above the map area, pixels. */
    public int titleHeight() {
        return TITLE;
    }

    /** Height of the footer below the map area (scale bar, axes, legend), pixels. */
    public int footerHeight() {
        return FOOTER;
    }

    /** Left and right margin of the title and footer, pixels. */
    public int margin() {
        return MARGIN;
    }
}
