package dev.wayfinder.studio.editor;

import dev.wayfinder.scenarios.draw.MapLayout;
import dev.wayfinder.scenarios.model.Arena;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/**
 * Zoom and pan of the top-down editor: how much larger than "the arena fits" the map is drawn, and how far its
 * middle is moved from the middle of the view, in pixels. Zooming at a point keeps the world point under it where it
 * is. The {@link MapLayout} it gives is the one the editor draws and picks with, so clicks stay exact at any zoom.
 * Properties change on the calling thread (the FX thread). Not thread-safe.
 */
public final class MapView {
    /** Smallest zoom: the arena at half the size that fits. */
    public static final double MIN_ZOOM = 0.5;
    /** Largest zoom. */
    public static final double MAX_ZOOM = 40;
    /** Zoom factor of one + or - key press. */
    public static final double KEY_STEP = 1.25;

    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);
    private final ReadOnlyDoubleWrapper panX = new ReadOnlyDoubleWrapper(this, "panX", 0);
    private final ReadOnlyDoubleWrapper panY = new ReadOnlyDoubleWrapper(this, "panY", 0);

    /**
     * The layout that draws {@code arena} into a {@code width x height} view: at zoom 1 and no pan the arena with its
     * walls fits, centred, with {@code pad} pixels around.
     */
    public MapLayout layout(Arena arena, double width, double height, double pad) {
        double ex = arena.halfX() + arena.wallThickness();
        double ey = arena.halfY() + arena.wallThickness();
        double fit = Math.max(1e-3, Math.min((width - 2 * pad) / (2 * ex), (height - 2 * pad) / (2 * ey)));
        int size = Math.max(1, (int) Math.round(fit * zoom.get() * 2 * Math.max(ex, ey)));
        MapLayout l = MapLayout.of(arena, size);
        return l.shifted(width / 2 + panX.get() - l.px(0), height / 2 + panY.get() - l.py(0));
    }

    /**
     * Zooms by {@code factor} (clamped to {@link #MIN_ZOOM}..{@link #MAX_ZOOM}) keeping the world point under view
     * pixel ({@code x}, {@code y}) under it.
     */
    public void zoomAt(double factor, double x, double y, Arena arena, double width, double height, double pad) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("zoom factor must be a positive number, got " + factor);
        }
        MapLayout before = layout(arena, width, height, pad);
        double wx = before.worldX(x);
        double wy = before.worldY(y);
        double next = Math.clamp(zoom.get() * factor, MIN_ZOOM, MAX_ZOOM);
        if (next == zoom.get()) {
            return;
        }
        zoom.set(next);
        MapLayout after = layout(arena, width, height, pad);
        panX.set(panX.get() + x - after.px(wx));
        panY.set(panY.get() + y - after.py(wy));
    }

    /** Moves the map by ({@code dx}, {@code dy}) pixels. */
    public void panBy(double dx, double dy) {
        panX.set(panX.get() + dx);
        panY.set(panY.get() + dy);
    }

    /** Back to the arena fitting the view, centred. */
    public void fit() {
        zoom.set(1);
        panX.set(0);
        panY.set(0);
    }

    /** 1: the arena fits; 2: twice as large. */
    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    /** Pixels the map's middle is moved right of the view's middle. */
    public ReadOnlyDoubleProperty panXProperty() {
        return panX.getReadOnlyProperty();
    }

    /** Pixels the map's middle is moved below the view's middle. */
    public ReadOnlyDoubleProperty panYProperty() {
        return panY.getReadOnlyProperty();
    }
}
