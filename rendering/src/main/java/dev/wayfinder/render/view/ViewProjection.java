package dev.wayfinder.render.view;

/**
 * Where world points land in a free camera's picture: the same view and projection matrices the renderer draws
 * with, for drawing overlays (routes, rays, frusta) on top of a rendered view so that they line up with it.
 * Pixel coordinates have (0, 0) at the picture's top-left corner and grow right and down. Immutable.
 */
public final class ViewProjection {
    /** Points closer than this (clip-space w, metres in front of the eye) count as behind the camera. */
    private static final double NEAR_W = 1e-3;
    private final float[] view = new float[16];
    private final float[] proj = new float[16];
    private final int width;
    private final int height;

    private ViewProjection(FreeCamera camera, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("picture size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        camera.view(view);
        camera.projection(proj, width, height);
    }

    /** The projection of {@code camera} into a {@code width x height} picture. */
    public static ViewProjection of(FreeCamera camera, int width, int height) {
        return new ViewProjection(camera, width, height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Clip coordinates (x, y, z, w) of the world point (x, y, z) into {@code out[0..3]}. */
    public void clip(double x, double y, double z, double[] out) {
        double ex = view[0] * x + view[4] * y + view[8] * z + view[12];
        double ey = view[1] * x + view[5] * y + view[9] * z + view[13];
        double ez = view[2] * x + view[6] * y + view[10] * z + view[14];
        double ew = view[3] * x + view[7] * y + view[11] * z + view[15];
        for (int r = 0; r < 4; r++) {
            out[r] = proj[r] * ex + proj[4 + r] * ey + proj[8 + r] * ez + proj[12 + r] * ew;
        }
    }

    /**
     * The pixel of world point (x, y, z) into {@code out[0..1]}.
     *
     * @return false (and {@code out} unchanged) when the point is behind the camera
     */
    public boolean pixel(double x, double y, double z, double[] out) {
        double[] c = new double[4];
        clip(x, y, z, c);
        if (c[3] < NEAR_W) {
            return false;
        }
        toPixel(c, out, 0);
        return true;
    }

    /**
     * The segment from world point a to world point b as pixels {@code out = {ua, va, ub, vb}}, cut where it passes
     * behind the camera.
     *
     * @return false when all of it is behind the camera
     */
    public boolean segment(double ax, double ay, double az, double bx, double by, double bz, double[] out) {
        double[] a = new double[4];
        double[] b = new double[4];
        clip(ax, ay, az, a);
        clip(bx, by, bz, b);
        if (a[3] < NEAR_W && b[3] < NEAR_W) {
            return false;
        }
        if (a[3] < NEAR_W || b[3] < NEAR_W) {
            double t = (NEAR_W - a[3]) / (b[3] - a[3]);
            double[] cut = new double[4];
            for (int i = 0; i < 4; i++) {
                cut[i] = a[i] + t * (b[i] - a[i]);
            }
            if (a[3] < NEAR_W) {
                a = cut;
            } else {
                b = cut;
            }
        }
        toPixel(a, out, 0);
        toPixel(b, out, 2);
        return true;
    }

    private void toPixel(double[] c, double[] out, int at) {
        // The projections flip y, so normalized y of -1 is the picture's first (top) row.
        out[at] = (c[0] / c[3] + 1) * 0.5 * width;
        out[at + 1] = (c[1] / c[3] + 1) * 0.5 * height;
    }
}
