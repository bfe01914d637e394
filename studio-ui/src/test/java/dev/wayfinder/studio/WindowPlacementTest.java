package dev.wayfinder.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.studio.settings.StudioSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window's size and position across runs, without the toolkit. */
class WindowPlacementTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1366, 740);
    private static final Rectangle2D RIGHT = new Rectangle2D(1366, 0, 1920, 1050);

    @TempDir
    Path dir;

    @Test
    void aStoredSizeIsFittedToTheScreen() {
        assertArrayEquals(new double[] {1366 - WindowPlacement.MARGIN, 740 - WindowPlacement.MARGIN},
                WindowPlacement.fit(new double[] {1440, 900}, LAPTOP));
        assertArrayEquals(new double[] {1000, 700}, WindowPlacement.fit(new double[] {1000, 700}, RIGHT),
                "a size that fits stays");
        assertArrayEquals(new double[] {WindowPlacement.TINY_WIDTH, WindowPlacement.TINY_HEIGHT},
                WindowPlacement.fit(new double[] {1440, 900}, new Rectangle2D(0, 0, 320, 200)),
                "never below the smallest size kept");
    }

    @Test
    void aStoredPositionIsUsedOnlyWhileItsTitleBarIsOnAScreen() {
        List<Rectangle2D> two = List.of(LAPTOP, RIGHT);
        Optional<double[]> onRight = Optional.of(new double[] {1500, 100});
        assertEquals(onRight, WindowPlacement.position(onRight, 1200, two));
        assertEquals(Optional.empty(), WindowPlacement.position(onRight, 1200, List.of(LAPTOP)),
                "the right monitor unplugged: the window manager places it");
        Optional<double[]> straddling = Optional.of(new double[] {1300, 100});
        assertEquals(straddling, WindowPlacement.position(straddling, 1200, two), "across both screens");
    }

    @Test
    void aPositionWithTooLittleOfItsTitleBarVisibleIsDropped() {
        List<Rectangle2D> one = List.of(LAPTOP);
        assertEquals(Optional.empty(), WindowPlacement.position(Optional.of(new double[] {-1150, 10}), 1200, one),
                "50 px of the title bar on screen");
        assertTrue(WindowPlacement.position(Optional.of(new double[] {-1000, 10}), 1200, one).isPresent(),
                "200 px of it");
        assertEquals(Optional.empty(), WindowPlacement.position(Optional.of(new double[] {100, 730}), 1200, one),
                "title bar below the screen's bottom");
        assertEquals(Optional.empty(), WindowPlacement.position(Optional.empty(), 1200, one));
    }

    @Test
    void positionAndMaximizedStateSurviveARestart() {
        Path f = dir.resolve("studio.properties");
        StudioSettings s = StudioSettings.load(f);
        assertEquals(Optional.empty(), s.windowPosition());
        s.setWindowPosition(60, -20);
        s.setWindowMaximized(true);
        assertTrue(s.save());
        StudioSettings t = StudioSettings.load(f);
        assertArrayEquals(new double[] {60, -20}, t.windowPosition().orElseThrow());
        assertTrue(t.windowMaximized());
    }
}
