package dev.wayfinder.scenarios.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.image.Png;
import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Scenario;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapDrawerTest {
    /** A red box in the north-east (+x, +y) must appear right and up in the picture. */
    @Test
    void northEastIsUpperRight() throws ScenarioException {
        Scenario s = ScenarioLoader.parse("""
                name: orient
                arena: {size: [4, 4], floor_material: "#ffffff", wall_material: "#ffffff"}
                obstacles:
                  - {id: ne, shape: box, size: [0.6, 0.6, 0.5], pose: [1.4, 1.4], material: "#ff0000"}
                starts: [{center: [-1, -1]}]
                goals: [{center: [-1, 1]}]
                """, "orient");
        BufferedImage img = MapDrawer.draw(s, new MapDrawer.Options(400, false, Optional.of("orientation")));
        int red = 0xff0000;
        int w = img.getWidth();
        int h = img.getHeight();
        int upperRight = 0;
        int elsewhere = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((img.getRGB(x, y) & 0xffffff) == red) {
                    if (x > w / 2 && y < h / 2) {
                        upperRight++;
                    } else {
                        elsewhere++;
                    }
                }
            }
        }
        assertTrue(upperRight > 500, "red pixels upper right: " + upperRight);
        assertEquals(0, elsewhere);
    }

    @Test
    void drawsEveryBundledScenarioAndItsNominalEpisode(@TempDir Path dir) throws Exception {
        for (String n : ScenarioLibrary.NAMES) {
            Scenario s = ScenarioLibrary.load(n);
            BufferedImage img = MapDrawer.draw(s, MapDrawer.Options.DEFAULT.withSize(300));
            assertTrue(img.getWidth() >= 300 && img.getHeight() >= 200, n);
            assertTrue(MapDrawer.plannedPaths(s).size() == s.starts().size() * s.goals().size(), n);
            BufferedImage ep = MapDrawer.draw(Episode.nominal(s), MapDrawer.Options.DEFAULT.withSize(200));
            Path f = dir.resolve(n + ".png");
            Png.write(ep, f);
            assertTrue(Files.size(f) > 1000, n);
        }
    }
}
