package dev.wayfinder.robot.net;

/**
 * The network's input preparation, shared by training, rollouts and deployment so that every path sees
 * identically prepared inputs. Stateless; writes into caller-owned arrays and allocates nothing.
 *
 * <ul>
 *   <li>Image: sRGB bytes (height x width x 3, row-major) to floats (3 x height x width), {@code v / 255 - 0.5}.
 *       A camera of another size is resampled to the network's size (nearest pixel).</li>
 *   <li>State: {@code min(distance, 5 m) / 5}, {@code sin(bearing)}, {@code cos(bearing)}, then the previous
 *       action one-hot (all zero at the start of an episode).</li>
 * </ul>
 */
public final class Features {
    /** Goal distances beyond this many metres look alike to the network. */
    public static final double MAX_DISTANCE = 5.0;
    /** Depth-profile distances beyond this many metres look alike. */
    public static final double MAX_DEPTH = 3.0;

    private Features() {
    }

    /**
     * Writes the image of {@code rgb} ({@code srcH x srcW x 3} bytes) into {@code out} at {@code at}.
     *
     * @param out destination with room for {@link NetworkSpec#imageSize()} floats from {@code at}
     */
    public static void image(NetworkSpec spec, byte[] rgb, int srcW, int srcH, float[] out, int at) {
        int w = spec.width();
        int h = spec.height();
        int plane = w * h;
        if (rgb.length < srcW * srcH * 3) {
            throw new IllegalArgumentException("image needs " + srcW * srcH * 3 + " bytes, got " + rgb.length);
        }
        for (int y = 0; y < h; y++) {
            int sy = srcH == h ? y : y * srcH / h;
            for (int x = 0; x < w; x++) {
                int sx = srcW == w ? x : x * srcW / w;
                int s = (sy * srcW + sx) * 3;
                int d = at + y * w + x;
                out[d] = (rgb[s] & 0xff) / 255f - 0.5f;
                out[d + plane] = (rgb[s + 1] & 0xff) / 255f - 0.5f;
                out[d + 2 * plane] = (rgb[s + 2] & 0xff) / 255f - 0.5f;
            }
        }
    }

    /**
     * Writes the state vector into {@code out} at {@code at}.
     *
     * @param distance       goal distance in metres (&gt;= 0; NaN counts as 0)
     * @param bearing        goal bearing in radians, positive to the left
     * @param previousAction index of the previous action, or -1 at the start of an episode
     */
    public static void state(NetworkSpec spec, double distance, double bearing, int previousAction, float[] out,
                             int at) {
        state(spec.actions(), distance, bearing, previousAction, out, at);
    }

    /** {@link #state(NetworkSpec, double, double, int, float[], int)} for {@code actions} discrete actions. */
    public static void state(int actions, double distance, double bearing, int previousAction, float[] out,
                             int at) {
        if (previousAction < -1 || previousAction >= actions) {
            throw new IllegalArgumentException("previous action must be in -1.." + (actions - 1) + ", got "
                    + previousAction);
        }
        double d = Double.isNaN(distance) ? 0 : Math.min(Math.max(distance, 0), MAX_DISTANCE);
        out[at] = (float) (d / MAX_DISTANCE);
        out[at + 1] = (float) Math.sin(bearing);
        out[at + 2] = (float) Math.cos(bearing);
        for (int a = 0; a < actions; a++) {
            out[at + NetworkSpec.GOAL_FEATURES + a] = a == previousAction ? 1f : 0f;
        }
    }

    /**
     * Nearest-pixel resampling of sRGB bytes ({@code sh x sw x 3}) into {@code dst} ({@code dh x dw x 3});
     * a plain copy when the sizes agree.
     */
    public static void resampleRgb(byte[] src, int sw, int sh, byte[] dst, int dw, int dh) {
        if (sw == dw && sh == dh) {
            System.arraycopy(src, 0, dst, 0, dw * dh * 3);
            return;
        }
        for (int y = 0; y < dh; y++) {
            int sy = y * sh / dh;
            for (int x = 0; x < dw; x++) {
                int s = (sy * sw + x * sw / dw) * 3;
                int d = (y * dw + x) * 3;
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }
    }

}
