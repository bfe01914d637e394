package dev.wayfinder.render.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.wayfinder.render.NeedsEgl;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tiles land in a grid of the promised size, each where its index says. */
@ExtendWith(NeedsEgl.class)
class ContactSheetTest {
    @Test
    void tilesAreLaidOutRowByRow() {
        List<BufferedImage> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int[] colors = {0xff0000, 0x00ff00, 0x0000ff, 0xffff00, 0x00ffff};
        for (int c : colors) {
            BufferedImage img = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 16; x++) {
                    img.setRGB(x, y, c);
                }
            }
            images.add(img);
            labels.add(String.format("seed %d", c));
        }
        BufferedImage sheet = ContactSheet.of(images, labels, 3, 32, 24);
        // 3 columns x 2 rows of (32 + 4) x (24 + 14 + 4) plus the outer padding.
        assertEquals(3 * 36 + 4, sheet.getWidth());
        assertEquals(2 * 42 + 4, sheet.getHeight());
        for (int i = 0; i < colors.length; i++) {
            int x = 4 + (i % 3) * 36 + 16;
            int y = 4 + (i / 3) * 42 + 12;
            assertEquals(colors[i], sheet.getRGB(x, y) & 0xffffff, "tile " + i);
        }
        assertEquals(images.size(), labels.size());
        assertThrows(IllegalArgumentException.class, () -> ContactSheet.of(images, List.of("one"), 3, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> ContactSheet.of(List.of(), List.of()));
    }
}
