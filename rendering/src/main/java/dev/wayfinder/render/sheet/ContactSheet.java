package dev.wayfinder.render.sheet;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Tiles images into one sheet, each with a small label underneath, row by row, for example 64 randomized
 * episodes into one PNG. Tiles are scaled to one cell size (nearest neighbour, keeping small camera
 * images crisp). Works headless; labels use a logical font and are left out if no font can be drawn.
 */
public final class ContactSheet {
    private static final int PAD = 4;
    private static final int LABEL_HEIGHT = 14;

    private ContactSheet() {}

    /**
     * A sheet of {@code images} with {@code labels} (same count; a label may be empty).
     *
     * @param columns tiles per row, &gt;= 1 (rows follow from the count)
     * @param cellWidth  width of each tile in pixels, &gt;= 1
     * @param cellHeight height of each tile in pixels, &gt;= 1
     */
    public static BufferedImage of(List<BufferedImage> images, List<String> labels, int columns, int cellWidth,
                                   int cellHeight) {
        if (images.size() != labels.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + labels.size() + " labels");
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a contact sheet needs at least one image");
        }
        if (columns < 1 || cellWidth < 1 || cellHeight < 1) {
            throw new IllegalArgumentException("columns and cell size must be >= 1, got " + columns + ", "
                    + cellWidth + "x" + cellHeight);
        }
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        int tileW = cellWidth + PAD;
        int tileH = cellHeight + LABEL_HEIGHT + PAD;
        BufferedImage sheet = new BufferedImage(cols * tileW + PAD, rows * tileH + PAD, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(new Color(0x20, 0x22, 0x26));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
            g.setFont(font);
            for (int i = 0; i < images.size(); i++) {
                int x = PAD + (i % cols) * tileW;
                int y = PAD + (i / cols) * tileH;
                g.drawImage(images.get(i), x, y, cellWidth, cellHeight, null);
                drawLabel(g, labels.get(i), x, y + cellHeight, cellWidth);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** A sheet with tiles the size of the first image and about as many columns as rows. */
    public static BufferedImage of(List<BufferedImage> images, List<String> labels) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a contact sheet needs at least one image");
        }
        int columns = (int) Math.ceil(Math.sqrt(images.size()));
        return of(images, labels, columns, images.get(0).getWidth(), images.get(0).getHeight());
    }

    private static void drawLabel(Graphics2D g, String label, int x, int y, int width) {
        if (label == null || label.isEmpty()) {
            return;
        }
        try {
            FontMetrics fm = g.getFontMetrics();
            String text = label;
            while (text.length() > 1 && fm.stringWidth(text) > width) {
                text = text.substring(0, text.length() - 1);
            }
            g.setColor(new Color(0xe0, 0xe0, 0xe0));
            g.drawString(text, x, y + LABEL_HEIGHT - 3);
        } catch (RuntimeException | LinkageError | InternalError e) {
            // No usable font on this machine: the tiles stay, the label is left out.
        }
    }
}
