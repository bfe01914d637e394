package dev.wayfinder.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which JavaFX platform the studio starts on: a real window wherever there is a display, Monocle only otherwise. */
class GlassTest {
    @Test
    void aDisplayGivesARealWindow() {
        Glass g = Glass.choose(Map.of("DISPLAY", ":99"), "Linux", null, false);
        assertFalse(g.headless());
        assertEquals("DISPLAY=:99", g.reason());
        assertFalse(Glass.choose(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null, false).headless(),
                "a Wayland session (GTK reaches it through XWayland)");
    }

    @Test
    void noDisplayOnLinuxGivesMonocle() {
        Glass g = Glass.choose(Map.of(), "Linux", null, false);
        assertTrue(g.headless());
        assertTrue(g.reason().contains("no display"), g.reason());
        assertTrue(Glass.choose(Map.of("DISPLAY", "  "), "Linux", null, false).headless(), "a blank DISPLAY is none");
    }

    @Test
    void askingForHeadlessWinsOverADisplay() {
        assertTrue(Glass.choose(Map.of("DISPLAY", ":0"), "Linux", null, true).headless());
        Glass set = Glass.choose(Map.of("DISPLAY", ":0"), "Linux", "Monocle", false);
        assertTrue(set.headless(), "glass.platform=Monocle, as the studio's tests set it");
        assertEquals("glass.platform=Monocle is set", set.reason());
    }

    @Test
    void anotherPlatformSetOrAnotherSystemKeepsTheWindow() {
        assertFalse(Glass.choose(Map.of(), "Linux", "gtk", false).headless());
        assertFalse(Glass.choose(Map.of(), "Mac OS X", null, false).headless(), "macOS needs no DISPLAY");
        assertFalse(Glass.choose(Map.of(), "Windows 11", null, false).headless());
    }

    @Test
    void theHeadlessChoiceSetsMonocleAndTheWindowChoiceSetsNothing() {
        // configure() writes JVM-wide properties: check the window choice first, on a clean slate for these keys.
        String before = System.getProperty("headless.geometry");
        try {
            System.clearProperty("headless.geometry");
            new Glass(false, "DISPLAY=:0").configure(2000, 1000);
            assertEquals(null, System.getProperty("headless.geometry"), "a window sets no Monocle property");
            new Glass(true, "no display").configure(2000, 1000);
            assertEquals("2000x1000-32", System.getProperty("headless.geometry"));
            assertEquals("Monocle", System.getProperty("glass.platform"));
            assertEquals("sw", System.getProperty("prism.order"));
        } finally {
            if (before == null) {
                System.clearProperty("headless.geometry");
            } else {
                System.setProperty("headless.geometry", before);
            }
        }
    }
}
