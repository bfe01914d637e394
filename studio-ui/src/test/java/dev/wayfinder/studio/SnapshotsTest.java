package dev.wayfinder.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import dev.wayfinder.render.NeedsEgl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The pictures of 'wayfinder studio --snapshot': written, full size, and showing what each is for (the simulation
 * ones render through Mesa's EGL).
 */
@ExtendWith(NeedsEgl.class)
class SnapshotsTest {
    @TempDir
    Path dir;

    /** Pixels of the problem red (#d1242f) (the goal red, #c62828, is kept apart). */
    private static int problemPixels(BufferedImage img) {
        return pixelsOf(img, 0xd1, 0x24, 0x2f);
    }

    private static int pixelsOf(BufferedImage img, int cr, int cg, int cb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                int r = (c >> 16) & 0xff;
                int g = (c >> 8) & 0xff;
                int b = c & 0xff;
                if (Math.abs(r - cr) < 4 && Math.abs(g - cg) < 4 && Math.abs(b - cb) < 4) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void eachMainViewIsWrittenAndTheValidationOneShowsItsProblem() throws Exception {
        FxToolkit.registerPrimaryStage();
        StringWriter log = new StringWriter();
        List<Path> files = Snapshots.write(dir, Optional.of(Path.of("../models/cluttered-room-rgbd-map")), new PrintWriter(log));
        assertEquals(List.of(dir.resolve("studio-editor.png"), dir.resolve("studio-validation.png"),
                dir.resolve("studio-editor-dark.png"), dir.resolve("studio-patrol.png"),
                dir.resolve("studio-simulation.png"),
                dir.resolve("studio-camera.png"), dir.resolve("studio-evaluation.png"),
                dir.resolve("studio-ros.png"), dir.resolve("studio-randomization.png")), files);
        assertTrue(log.toString().contains("wrote " + files.get(0)), log.toString());
        BufferedImage editor = ImageIO.read(files.get(0).toFile());
        BufferedImage validation = ImageIO.read(files.get(1).toFile());
        assertEquals(Snapshots.WIDTH, editor.getWidth());
        assertEquals(Snapshots.HEIGHT, editor.getHeight());
        assertEquals(0, problemPixels(editor), "a valid scenario shows no problem marks");
        assertTrue(problemPixels(validation) > 300, "the blocked doorway's goal is marked in red: "
                + problemPixels(validation));
        int dark = ImageIO.read(files.get(2).toFile()).getRGB(5, Snapshots.HEIGHT / 2) & 0xff;
        int light = editor.getRGB(5, Snapshots.HEIGHT / 2) & 0xff;
        assertTrue(dark < 80 && light > 180, "dark theme panel " + dark + ", light " + light);
        BufferedImage patrol = ImageIO.read(files.get(3).toFile());
        assertEquals(0, problemPixels(patrol), "the bundled patrols are clear");
        assertTrue(pixelsOf(patrol, 0x09, 0x69, 0xda) > 150, "the selected waypoint is filled in the selection blue: "
                + pixelsOf(patrol, 0x09, 0x69, 0xda) + " pixels");
        BufferedImage sim = ImageIO.read(files.get(4).toFile());
        assertEquals(Snapshots.WIDTH, sim.getWidth());
        assertTrue(pixelsOf(sim, 0x1f, 0x6f, 0xeb) > 150, "the planned route is drawn over the 3D view: "
                + pixelsOf(sim, 0x1f, 0x6f, 0xeb) + " route-blue pixels");
        BufferedImage camera = ImageIO.read(files.get(5).toFile());
        assertTrue(camera.getWidth() >= 2 * 192 && camera.getHeight() >= 2 * 192,
                "four camera pictures, scaled up: " + camera.getWidth() + "x" + camera.getHeight());
        BufferedImage evaluation = ImageIO.read(files.get(6).toFile());
        assertTrue(pixelsOf(evaluation, 0x82, 0x50, 0xdf) > 100, "the replayed trajectory is drawn on the map: "
                + pixelsOf(evaluation, 0x82, 0x50, 0xdf) + " trajectory pixels");
        BufferedImage ros = ImageIO.read(files.get(7).toFile());
        assertEquals(Snapshots.WIDTH, ros.getWidth());
        assertEquals(Snapshots.HEIGHT, ros.getHeight());
        BufferedImage gallery = ImageIO.read(files.get(8).toFile());
        assertEquals(Snapshots.WIDTH, gallery.getWidth());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 120; y < 500; y++) {
            for (int x = 540; x < 1120; x++) {
                colours.add(gallery.getRGB(x, y));
            }
        }
        // Rendered camera views (lit, textured, with sensor noise) have far more colours than drawn maps and panels.
        assertTrue(colours.size() > 10_000, "the gallery shows rendered camera views: " + colours.size()
                + " colours in its area");
    }
}
