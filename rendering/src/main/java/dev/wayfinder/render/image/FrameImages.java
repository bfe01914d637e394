package dev.wayfinder.render.image;

import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.core.SegmentationIds;
import java.awt.image.BufferedImage;
import java.nio.IntBuffer;

/**
 * Converts rendered frames into {@link BufferedImage}s for files and previews (allocates; not for the
 * training loop): RGB as is, depth through a colour map (near = warm, far = dark blue, nothing hit =
 * black), segmentation ids as distinct colours.
 */
public final class FrameImages {
    private FrameImages() {}

    /** The camera's RGB image. */
    public static BufferedImage rgb(CameraFrame f) {
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
        for (int v = 0; v < f.height(); v++) {
            for (int u = 0; u < f.width(); u++) {
                img.setRGB(u, v, f.rgbAt(u, v));
            }
        }
        return img;
    }

    /** The ground-truth depth image through a colour map from 0 to {@code maxDepth} metres (&gt; 0). */
    public static BufferedImage depth(CameraFrame f, double maxDepth) {
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
        for (int v = 0; v < f.height(); v++) {
            for (int u = 0; u < f.width(); u++) {
                float d = f.depthAt(u, v);
                img.setRGB(u, v, Float.isFinite(d) ? colorMap(d / maxDepth) : 0);
            }
        }
        return img;
    }

    /**
     * A depth image ({@code width x height} metres, row-major, row 0 at the top, as
     * {@link CameraFrame#depth()} and {@link CameraFrame#measuredDepth()} hold them) through a colour map from 0 to
     * {@code maxDepth} metres (&gt; 0); pixels without a finite depth (no return, NaN = invalid) are black.
     */
    public static BufferedImage depth(float[] depth, int width, int height, double maxDepth) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                float d = depth[v * width + u];
                img.setRGB(u, v, Float.isFinite(d) ? colorMap(d / maxDepth) : 0);
            }
        }
        return img;
    }

    /** The segmentation image, one colour per id (background black). */
    public static BufferedImage segmentation(CameraFrame f) {
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
        for (int v = 0; v < f.height(); v++) {
            for (int u = 0; u < f.width(); u++) {
                img.setRGB(u, v, idColor(f.segmentationAt(u, v)));
            }
        }
        return img;
    }

    /** A {@code width x height} image from 0xAARRGGBB ints, row 0 at the top (as renderView writes them). */
    public static BufferedImage argb(IntBuffer pixels, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                img.setRGB(u, v, pixels.get(v * width + u) & 0xffffff);
            }
        }
        return img;
    }

    /** A colour for segmentation id {@code id}: black for background, fixed colours for the named ids. */
    public static int idColor(int id) {
        return switch (id) {
            case SegmentationIds.BACKGROUND -> 0x000000;
            case SegmentationIds.FLOOR -> 0x505050;
            case SegmentationIds.WALL -> 0xa0a0a0;
            case SegmentationIds.GOAL -> 0x20e060;
            case SegmentationIds.ROBOT -> 0xff8c1a;
            default -> {
                // Golden-ratio hue steps keep neighbouring ids apart.
                float hue = (float) ((id * 0.6180339887) % 1.0);
                yield java.awt.Color.HSBtoRGB(hue, 0.75f, 0.95f) & 0xffffff;
            }
        };
    }

    /** The colour map's stops, near to far: red, green, blue in [0, 1]. */
    private static final double[][] STOPS = {{1.0, 0.95, 0.35}, {0.95, 0.45, 0.15}, {0.75, 0.15, 0.45},
        {0.35, 0.1, 0.55}, {0.08, 0.05, 0.3}};

    /**
     * Maps {@code t} in [0, 1] (clamped) from warm yellow-red (near) through magenta to dark blue (far). Called per
     * pixel (the studio colours every camera frame's depth with it), so it allocates nothing.
     */
    public static int colorMap(double t) {
        double x = Math.clamp(t, 0, 1);
        double[][] stops = STOPS;
        double p = x * (stops.length - 1);
        int i = Math.min((int) p, stops.length - 2);
        double w = p - i;
        int r = (int) Math.round(255 * (stops[i][0] * (1 - w) + stops[i + 1][0] * w));
        int g = (int) Math.round(255 * (stops[i][1] * (1 - w) + stops[i + 1][1] * w));
        int b = (int) Math.round(255 * (stops[i][2] * (1 - w) + stops[i + 1][2] * w));
        return r << 16 | g << 8 | b;
    }

    /** An image scaled up by an integer {@code factor} (&gt;= 1) with nearest-neighbour sampling. */
    public static BufferedImage upscale(BufferedImage src, int factor) {
        if (factor <= 1) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth() * factor, src.getHeight() * factor,
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, src.getRGB(x / factor, y / factor));
            }
        }
        return out;
    }
}
