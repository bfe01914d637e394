package dev.wayfinder.studio.settings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudioSettingsTest {
    @TempDir
    Path dir;

    @Test
    void layoutThemeAndRecentFilesSurviveARestart() {
        Path f = dir.resolve("sub/studio.properties");
        StudioSettings s = StudioSettings.load(f);
        assertArrayEquals(new double[] {0.2, 0.8}, s.dividers("columns", 0.2, 0.8));
        s.setDividers("columns", 0.25, 0.7);
        s.setWindowSize(1000, 700);
        s.setDark(true);
        for (int i = 0; i < 10; i++) {
            s.addRecent(dir.resolve("f" + i + ".yaml"));
        }
        s.addRecent(dir.resolve("f3.yaml"));
        assertTrue(s.save());
        StudioSettings t = StudioSettings.load(f);
        assertArrayEquals(new double[] {0.25, 0.7}, t.dividers("columns", 0.2, 0.8), 1e-4);
        assertArrayEquals(new double[] {1000, 700}, t.windowSize(1440, 900));
        assertTrue(t.dark());
        assertEquals(StudioSettings.MAX_RECENT, t.recentFiles().size());
        assertEquals(dir.resolve("f3.yaml"), t.recentFiles().get(0), "newest first, once");
        assertEquals(dir.resolve("f9.yaml"), t.recentFiles().get(1));
    }

    @Test
    void aDamagedFileGivesTheDefaults() throws Exception {
        Path f = dir.resolve("studio.properties");
        Files.writeString(f, "dividers.columns=abc,0.5\nwindow.width=-3\ndividers.middle=0.5,0.6\n");
        StudioSettings s = StudioSettings.load(f);
        assertArrayEquals(new double[] {0.2, 0.8}, s.dividers("columns", 0.2, 0.8));
        assertArrayEquals(new double[] {0.7}, s.dividers("middle", 0.7), "wrong count");
        assertArrayEquals(new double[] {1440, 900}, s.windowSize(1440, 900));
    }
}
