package dev.wayfinder.scenarios.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {
    private static BufferedImage noise(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(37, 23, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        return img;
    }

    @Test
    void roundTripsEveryPixelAndIsDeterministic() throws IOException {
        long seed = 17;
        BufferedImage img = noise(seed);
        byte[] a = Png.encode(img);
        assertArrayEquals(a, Png.encode(noise(seed)), "same image, same bytes (seed " + seed + ")");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(a));
        assertEquals(img.getWidth(), back.getWidth());
        assertEquals(img.getHeight(), back.getHeight());
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                assertEquals(img.getRGB(x, y), back.getRGB(x, y), "pixel " + x + "," + y + " (seed " + seed + ")");
            }
        }
    }

    @Test
    void writesTheEncodedBytesIntoNewFoldersAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        BufferedImage img = noise(3);
        Path file = dir.resolve("a/b/map.png");
        Png.write(img, file);
        assertArrayEquals(Png.encode(img), Files.readAllBytes(file));
        Png.write(noise(4), file);
        assertArrayEquals(Png.encode(noise(4)), Files.readAllBytes(file), "an existing file is replaced");
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(1, s.count(), "only the PNG is left in its folder");
        }
    }

    @Test
    void aFolderInTheWayIsAnError(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("taken.png/inner"));
        assertThrows(IOException.class, () -> Png.write(noise(1), folder.getParent()));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left beside it");
        }
    }
}
