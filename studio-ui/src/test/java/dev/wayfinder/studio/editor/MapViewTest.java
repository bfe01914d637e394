package dev.wayfinder.studio.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.draw.MapLayout;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.studio.Fixtures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Zoom and pan of the editor's map, without the toolkit. */
class MapViewTest {
    private static final double W = 900;
    private static final double H = 600;
    private static final double PAD = 24;
    private final Arena arena = Fixtures.bundled("warehouse-aisles").arena();

    @Test
    void atFirstTheArenaFitsCentred() {
        MapView v = new MapView();
        MapLayout l = v.layout(arena, W, H, PAD);
        double left = l.px(-l.extentX());
        double right = l.px(l.extentX());
        double top = l.py(l.extentY());
        double bottom = l.py(-l.extentY());
        assertTrue(left >= PAD - 1 && right <= W - PAD + 1 && top >= PAD - 1 && bottom <= H - PAD + 1,
                "inside the padding: " + left + " " + right + " " + top + " " + bottom);
        assertTrue(Math.min(left - PAD, top - PAD) < 1.5, "touches the padding on one side");
        assertEquals(W / 2, l.px(0), 1e-9);
        assertEquals(H / 2, l.py(0), 1e-9);
    }

    @Test
    void zoomingKeepsThePointUnderThePointerAndHomeFitsAgain() {
        long seed = 20_261_207L;
        SplittableRandom r = new SplittableRandom(seed);
        MapView v = new MapView();
        MapLayout fitted = v.layout(arena, W, H, PAD);
        for (int i = 0; i < 200; i++) {
            double x = r.nextDouble(0, W);
            double y = r.nextDouble(0, H);
            double factor = Math.exp(r.nextDouble(-0.7, 0.7));
            MapLayout before = v.layout(arena, W, H, PAD);
            double wx = before.worldX(x);
            double wy = before.worldY(y);
            double zoom = v.zoomProperty().get();
            v.zoomAt(factor, x, y, arena, W, H, PAD);
            MapLayout after = v.layout(arena, W, H, PAD);
            int n = i;
            assertEquals(x, after.px(wx), 1e-6, () -> "seed " + seed + " step " + n);
            assertEquals(y, after.py(wy), 1e-6, () -> "seed " + seed + " step " + n);
            double expected = Math.clamp(zoom * factor, MapView.MIN_ZOOM, MapView.MAX_ZOOM);
            assertEquals(expected, v.zoomProperty().get(), 1e-12, () -> "seed " + seed + " step " + n);
            assertEquals(expected / zoom, after.pixelsPerMetre() / before.pixelsPerMetre(), 0.02,
                    () -> "seed " + seed + " step " + n + ": the scale follows the zoom");
        }
        v.fit();
        MapLayout back = v.layout(arena, W, H, PAD);
        assertEquals(fitted.px(1.5), back.px(1.5), 1e-9);
        assertEquals(fitted.py(-2), back.py(-2), 1e-9);
    }

    @Test
    void panningMovesTheMapByThePixelsDragged() {
        MapView v = new MapView();
        v.zoomAt(3, 100, 80, arena, W, H, PAD);
        MapLayout before = v.layout(arena, W, H, PAD);
        v.panBy(37, -12.5);
        MapLayout after = v.layout(arena, W, H, PAD);
        assertEquals(before.px(0.7) + 37, after.px(0.7), 1e-9);
        assertEquals(before.py(-1.1) - 12.5, after.py(-1.1), 1e-9);
        assertEquals(before.pixelsPerMetre(), after.pixelsPerMetre());
    }

    @Test
    void zoomStopsAtItsLimits() {
        MapView v = new MapView();
        for (int i = 0; i < 50; i++) {
            v.zoomAt(2, W / 2, H / 2, arena, W, H, PAD);
        }
        assertEquals(MapView.MAX_ZOOM, v.zoomProperty().get());
        for (int i = 0; i < 50; i++) {
            v.zoomAt(0.5, W / 2, H / 2, arena, W, H, PAD);
        }
        assertEquals(MapView.MIN_ZOOM, v.zoomProperty().get());
    }
}
