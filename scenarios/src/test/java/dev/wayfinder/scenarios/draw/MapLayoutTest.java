package dev.wayfinder.scenarios.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Scenario;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MapLayoutTest {
    private static final double EPS = 1e-9;

    private static Scenario wide() throws ScenarioException {
        return ScenarioLoader.parse("""
                name: wide
                arena: {size: [8, 4], wall_thickness: 0.1, floor_material: "#ffffff", wall_material: "#0000ff"}
                obstacles:
                  - {id: mark, shape: box, size: [0.4, 0.4, 0.5], pose: [2.5, 1.0], material: "#ff0000"}
                starts: [{center: [-3, -1]}]
                goals: [{center: [-3, 1]}]
                """, "wide");
    }

    @Test
    void theLongerSideSpansTheSizeBelowTheTitleBand() throws ScenarioException {
        Arena a = wide().arena();
        MapLayout l = MapLayout.of(a, 410);
        assertEquals(410 / 8.2, l.pixelsPerMetre(), EPS);
        double left = l.px(-4.1);
        double right = l.px(4.1);
        assertEquals(410, right - left, EPS, "walls included, the long side spans the size");
        assertEquals(l.width() / 2.0, (left + right) / 2, EPS, "the map area is centred");
        assertEquals(l.titleHeight(), l.py(2.1), EPS, "the top wall's outer edge meets the title band");
        assertEquals(l.height() - l.footerHeight(), l.py(-2.1), 1.0, "the bottom wall meets the footer");
        assertTrue(l.py(1) < l.py(0), "+y is up in the image");
        assertThrows(IllegalArgumentException.class, () -> MapLayout.of(a, 0));
    }

    @Test
    void worldCoordinatesInvertThePixelOnes() throws ScenarioException {
        MapLayout l = MapLayout.of(wide().arena(), 537).shifted(31, -12);
        for (double x = -4.1; x <= 4.1; x += 0.37) {
            double y = -x / 2;
            assertEquals(x, l.worldX(l.px(x)), EPS, "x " + x);
            assertEquals(y, l.worldY(l.py(y)), EPS, "y " + y);
        }
    }

    @Test
    void shiftingMovesEveryPointByTheSameOffset() throws ScenarioException {
        MapLayout l = MapLayout.of(wide().arena(), 300);
        MapLayout s = l.shifted(250, 7);
        for (double x = -4; x <= 4; x += 0.5) {
            assertEquals(l.px(x) + 250, s.px(x), EPS, "x " + x);
            assertEquals(l.py(x / 2) + 7, s.py(x / 2), EPS, "y " + x / 2);
        }
        assertEquals(l.width(), s.width());
        assertEquals(l.height(), s.height());
    }

    @Test
    void theDrawerDrawsWhereTheLayoutSays() throws ScenarioException {
        Scenario sc = wide();
        for (int size : new int[] {200, 333, 800}) {
            MapLayout l = MapLayout.of(sc.arena(), size);
            BufferedImage scenarioMap = MapDrawer.draw(sc, new MapDrawer.Options(size, false, Optional.of("t")));
            BufferedImage episodeMap = MapDrawer.draw(Episode.nominal(sc),
                    new MapDrawer.Options(size, false, Optional.of("t")));
            for (BufferedImage img : new BufferedImage[] {scenarioMap, episodeMap}) {
                assertEquals(l.width(), img.getWidth(), "width at size " + size);
                assertEquals(l.height(), img.getHeight(), "height at size " + size);
                int mark = img.getRGB((int) l.px(2.5), (int) l.py(1.0)) & 0xffffff;
                assertEquals(0xff0000, mark, "the red box's centre at size " + size);
                int beside = img.getRGB((int) l.px(3.2), (int) l.py(1.0)) & 0xffffff;
                assertEquals(0xffffff, beside, "floor beside the box at size " + size);
            }
        }
    }
}
