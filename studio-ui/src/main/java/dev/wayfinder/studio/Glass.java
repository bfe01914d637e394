package dev.wayfinder.studio;

import java.util.Locale;
import java.util.Map;

/**
 * Which JavaFX platform the studio starts on: a real window on the desktop's display (GTK 3 on Linux, the platform's
 * own elsewhere), or Monocle's headless platform with the software renderer. The window is the default wherever
 * there is a display; Monocle is used only when asked for ({@code --headless}, or {@code glass.platform=Monocle}
 * already set, as the studio's tests set it) or, for pictures and measurements, when Linux has no display at all.
 * JavaFX reads the platform from system properties once, when its toolkit starts, so the choice is made before.
 *
 * @param headless whether Monocle's headless platform is used
 * @param reason   why, in words for a log line
 */
record Glass(boolean headless, String reason) {
    /**
     * The choice for this process.
     *
     * @param env           the environment ({@code DISPLAY}, {@code WAYLAND_DISPLAY})
     * @param osName        {@code os.name}
     * @param glassPlatform {@code glass.platform}, or null when unset
     * @param headlessAsked whether the user asked for the headless platform
     */
    static Glass choose(Map<String, String> env, String osName, String glassPlatform, boolean headlessAsked) {
        if (headlessAsked) {
            return new Glass(true, "asked for (--headless)");
        }
        if (glassPlatform != null && glassPlatform.equalsIgnoreCase("Monocle")) {
            return new Glass(true, "glass.platform=Monocle is set");
        }
        if (glassPlatform != null && !glassPlatform.isBlank()) {
            return new Glass(false, "glass.platform=" + glassPlatform + " is set");
        }
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            return new Glass(false, "the desktop of " + osName);
        }
        String display = env.get("DISPLAY");
        if (display != null && !display.isBlank()) {
            return new Glass(false, "DISPLAY=" + display);
        }
        String wayland = env.get("WAYLAND_DISPLAY");
        if (wayland != null && !wayland.isBlank()) {
            return new Glass(false, "WAYLAND_DISPLAY=" + wayland);
        }
        return new Glass(true, "no display (DISPLAY is not set)");
    }

    /** The choice for this JVM: its environment and system properties. */
    static Glass ofThisProcess(boolean headlessAsked) {
        return choose(System.getenv(), System.getProperty("os.name", ""), System.getProperty("glass.platform"),
                headlessAsked);
    }

    /**
     * Sets the system properties JavaFX reads when its toolkit starts: for the headless platform, Monocle with the
     * software renderer and a screen of {@code screenWidth x screenHeight} that holds the whole window; for a window,
     * nothing (JavaFX picks GTK and the best renderer the display offers).
     */
    void configure(int screenWidth, int screenHeight) {
        if (headless) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.lcdtext", "false");
            // Monocle's headless screen must hold the whole window (its default, 1280x800, is smaller).
            System.setProperty("headless.geometry", screenWidth + "x" + screenHeight + "-32");
        }
    }

    /**
     * The platform and renderer JavaFX runs on, once its toolkit started: e.g. "GTK window, prism sw" or "Monocle
     * headless, prism sw". Reads JavaFX's own classes (on the class path, so reachable); "unknown" where they moved.
     */
    static String describeRunning() {
        String glass;
        String prism;
        try {
            String app = com.sun.glass.ui.Application.GetApplication().getClass().getSimpleName();
            glass = switch (app) {
                case "GtkApplication" -> "GTK window";
                case "MonocleApplication" -> "Monocle headless";
                default -> app.replace("Application", "") + " window";
            };
        } catch (RuntimeException | LinkageError e) {
            glass = "unknown platform";
        }
        try {
            String p = com.sun.prism.GraphicsPipeline.getPipeline().getClass().getSimpleName();
            prism = switch (p) {
                case "SWPipeline" -> "prism sw (software)";
                case "ES2Pipeline" -> "prism es2 (OpenGL)";
                default -> "prism " + p.replace("Pipeline", "").toLowerCase(Locale.ROOT);
            };
        } catch (RuntimeException | LinkageError e) {
            prism = "unknown renderer";
        }
        return glass + ", " + prism;
    }
}
