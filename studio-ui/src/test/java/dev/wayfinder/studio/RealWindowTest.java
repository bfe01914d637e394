package dev.wayfinder.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio in a real window: a child JVM under {@code xvfb-run} (an X server of its own, 1600x1000) opens the main
 * window with JavaFX's GTK platform, as {@code wayfinder studio} does on a desktop, and the window's pixels are read
 * back from the X server. Every other studio test runs on Monocle, which hides what only a window shows (GTK's
 * libraries, native access, the window manager's sizing). Skipped, with the packages to install, where Xvfb is
 * missing; with the environment variable {@code CI} set it fails instead.
 */
class RealWindowTest {
    static final String PACKAGES = "xvfb xauth libgtk-3-0";

    @TempDir
    Path dir;

    @Test
    void theMainWindowOpensUnderXvfbWithGtkAndReachesTheScreen() throws Exception {
        Path xvfbRun = onPath("xvfb-run");
        if (xvfbRun == null) {
            String why = "needs Xvfb for a real window (Debian/Ubuntu: apt-get install " + PACKAGES + ")";
            if (dev.wayfinder.render.NeedsEgl.inCi()) {
                fail(why + " [CI is set, so this fails instead of being skipped]");
            }
            Assumptions.abort(why);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The JVM flags of ./wayfinder (bin/java-env.sh): with them, nothing but the incubator notice reaches stderr.
        List<String> cmd = new ArrayList<>(List.of(xvfbRun.toString(), "-a", "-s", "-screen 0 1600x1000x24", java,
                "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"));
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RealWindowMain.class.getName(),
                dir.toString()));
        Path out = dir.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        // The child chooses its platform as the launcher does: from DISPLAY, which xvfb-run sets; its own config.
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("the studio window did not finish within 3 minutes:\n" + log(out));
        }
        String log = log(out);
        assertEquals(0, p.exitValue(), "exit code; the child said:\n" + log);
        assertTrue(log.contains("platform: GTK window"), "the real GTK platform, not Monocle:\n" + log);
        List<String> warnings = log.lines().filter(l -> l.contains("WARNING") || l.contains("Exception")
                || l.contains("Gtk-") || l.contains("GLib-"))
                .filter(l -> !l.equals("WARNING: Using incubator modules: jdk.incubator.vector")).toList();
        assertEquals(List.of(), warnings, "nothing on stderr but the JVM's incubator notice:\n" + log);
        BufferedImage drawn = ImageIO.read(dir.resolve("studio-editor.png").toFile());
        BufferedImage screen = ImageIO.read(dir.resolve("studio-screen.png").toFile());
        for (BufferedImage img : List.of(drawn, screen)) {
            assertEquals(Snapshots.WIDTH, img.getWidth(), log);
            assertEquals(Snapshots.HEIGHT, img.getHeight(), log);
            assertTrue(colours(img) > 200, "a window with its map, panels and text has many colours, not "
                    + colours(img) + ":\n" + log);
        }
        assertTrue(log.matches("(?s).*studio-screen\\.png \\(the window as the display shows it: (9\\d|100)\\.\\d %.*"),
                "the window as the X server shows it matches what it drew:\n" + log);
    }

    private static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return seen.size();
    }

    private static String log(Path out) throws IOException {
        return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "(no output)";
    }

    private static Path onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
