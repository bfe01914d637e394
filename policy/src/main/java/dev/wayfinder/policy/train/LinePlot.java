package dev.wayfinder.policy.train;

import dev.wayfinder.scenarios.image.Png;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A small line chart drawn with java.awt and written as PNG (headless). Stateless. */
public final class LinePlot {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd)};

    /**
     * One line.
     *
     * @param name legend text
     * @param x    x values
     * @param y    y values (NaN points are skipped), same length as x
     */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": x and y differ in length");
            }
        }
    }

    private LinePlot() {
    }

    /** Tick spacings tried per power of ten, smallest first. */
    private static final double[] NICE = {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};

    /**
     * The y axis for data in [lo, hi] (lo &lt; hi): {@code {from, to}}, with {@code from <= lo}, {@code to >= hi} and
     * the five ticks at {@code from + i * (to - from) / 4} all whole multiples of a round spacing (1, 1.2, 1.5, 2,
     * 2.5, 3, 4, 5, 6 or 8 times a power of ten), so the labels read 0.3, 0.6, 0.9 and not 0.299, 0.599, 0.898.
     */
    static double[] yAxis(double lo, double hi) {
        double raw = (hi - lo) / 4;
        double decade = Math.pow(10, Math.floor(Math.log10(raw)));
        for (int attempt = 0; attempt < 2 * NICE.length; attempt++) {
            double step = NICE[attempt % NICE.length] * decade * (attempt >= NICE.length ? 10 : 1);
            if (step < raw * (1 - 1e-9)) {
                continue;
            }
            double from = Math.floor(lo / step + 1e-9) * step;
            if (from + 4 * step >= hi * (1 - 1e-12) - 1e-12) {
                return new double[] {from, from + 4 * step};
            }
        }
        return new double[] {lo, hi};
    }

    /** A tick value with as many decimals as its spacing needs (0.25, 0.3, 1.2, 40), not padded to 3 digits. */
    static String tickLabel(double v, double spacing) {
        int decimals = 0;
        while (decimals < 6 && Math.abs(spacing * Math.pow(10, decimals) - Math.rint(spacing * Math.pow(10, decimals)))
                > 1e-6 * Math.pow(10, decimals)) {
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < spacing * 1e-9 ? 0.0 : v);
    }

    /** Draws {@code series} and writes a PNG to {@code file} atomically. */
    public static void write(Path file, String title, String xLabel, List<Series> series) throws IOException {
        int w = 640;
        int h = 400;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int left = 60;
        int right = w - 20;
        int top = 54; // title, then a legend row, above the plot: the legend never covers data
        int bottom = h - 50;
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    x0 = Math.min(x0, s.x()[i]);
                    x1 = Math.max(x1, s.x()[i]);
                    y0 = Math.min(y0, s.y()[i]);
                    y1 = Math.max(y1, s.y()[i]);
                }
            }
        }
        if (!Double.isFinite(x0)) {
            x0 = 0;
            x1 = 1;
            y0 = 0;
            y1 = 1;
        }
        if (x1 == x0) {
            x1 = x0 + 1;
        }
        y0 = Math.min(y0, 0);
        if (y0 >= 0 && y1 <= 1) {
            y1 = 1; // rates: always the full [0, 1] scale
        }
        if (y1 <= y0) {
            y1 = y0 + 1;
        }
        double[] axis = yAxis(y0, y1);
        y0 = axis[0];
        y1 = axis[1];
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(left, top, right - left, bottom - top);
        for (int t = 0; t <= 4; t++) {
            double yv = y0 + (y1 - y0) * t / 4;
            int py = bottom - (int) ((bottom - top) * t / 4.0);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(left + 1, py, right - 1, py);
            g.setColor(Color.DARK_GRAY);
            g.drawString(tickLabel(yv, (y1 - y0) / 4), 4, py + 4);
        }
        // Whole-number x axes (iterations, steps) get ticks at whole numbers; others at quarters of the range.
        boolean whole = x0 == Math.rint(x0) && x1 == Math.rint(x1);
        double step = whole ? Math.max(1, Math.ceil((x1 - x0) / 4)) : (x1 - x0) / 4;
        for (int t = 0; t <= 4 && x0 + step * t <= x1 + 1e-9; t++) {
            double xv = x0 + step * t;
            int px = left + (int) ((right - left) * (xv - x0) / (x1 - x0));
            String label = whole ? String.format(Locale.ROOT, "%d", (long) xv) : String.format(Locale.ROOT, "%.3g", xv);
            g.drawString(label, px - 10, bottom + 16);
        }
        g.drawString(xLabel, (left + right) / 2 - 20, h - 12);
        g.setStroke(new BasicStroke(2f));
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            g.setColor(COLORS[k % COLORS.length]);
            int px = -1;
            int py = -1;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) {
                    continue;
                }
                int cx = left + (int) ((s.x()[i] - x0) / (x1 - x0) * (right - left));
                int cy = bottom - (int) ((s.y()[i] - y0) / (y1 - y0) * (bottom - top));
                if (px >= 0) {
                    g.drawLine(px, py, cx, cy);
                }
                g.fillOval(cx - 3, cy - 3, 6, 6);
                px = cx;
                py = cy;
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        var fm = g.getFontMetrics();
        int lx = left;
        for (int k = 0; k < series.size(); k++) {
            g.setColor(COLORS[k % COLORS.length]);
            g.drawLine(lx, 40, lx + 16, 40);
            g.setColor(Color.DARK_GRAY);
            g.drawString(series.get(k).name(), lx + 20, 44);
            lx += 20 + fm.stringWidth(series.get(k).name()) + 18;
        }
        g.dispose();
        dev.wayfinder.policy.data.AtomicFiles.write(file, Png.encode(img));
    }
}
