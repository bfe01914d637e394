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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** The pictures of 'wayfinder studio --snapshot': written, full size, and showing what each is for. */
class SnapshotsTest {
    @TempDir
    Path dir;

    /** Pixels of the problem red (#d1242f) (the goal red, #c62828, is kept apart). */
    private static int problemPixels(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                int r = (c >> 16) & 0xff;
                int g = (c >> 8) & 0xff;
                int b = c & 0xff;
                if (Math.abs(r - 0xd1) < 4 && Math.abs(g - 0x24) < 4 && Math.abs(b - 0x2f) < 4) {
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
                dir.resolve("studio-editor-dark.png"), dir.resolve("studio-simulation.png"),
                dir.resolve("studio-camera.png")), files);
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
    }
}
