package dev.wayfinder.policy.net;

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

    /**
     * The auxiliary depth profile of a camera frame (a training target, never a network input): for each of
     * {@link NetworkSpec#AUX_TARGETS} vertical strips of the image, the smallest depth of any wall or obstacle
     * pixel in it, {@code min(depth, MAX_DEPTH) / MAX_DEPTH}; 1 where the strip shows only floor and sky. It asks
     * the convolutions for geometry (how far is free space in each direction) rather than for the randomized
     * colours and textures, which a network fitting the expert's labels alone latches onto.
     *
     * @param depth        metres along the optical axis, height x width
     * @param segmentation ids as in {@code dev.wayfinder.sim.core.World}: 0 none, 1 floor, 2 wall, 3 the robot
     *                     itself, 4.. obstacles; ids of {@code GOAL} and above (the goal marker) are ignored
     */
    public static void depthProfile(float[] depth, int[] segmentation, int width, int height, float[] out, int at) {
        depthProfile(depth, segmentation, width, height, NetworkSpec.AUX_TARGETS, out, at);
    }

    /** {@link #depthProfile(float[], int[], int, int, float[], int)} in {@code bins} strips (1..width). */
    public static void depthProfile(float[] depth, int[] segmentation, int width, int height, int bins, float[] out,
                                    int at) {
        if (depth.length < width * height || segmentation.length < width * height) {
            throw new IllegalArgumentException("depth and segmentation need " + width * height + " pixels");
        }
        if (bins < 1 || bins > width) {
            throw new IllegalArgumentException("a depth profile needs 1.." + width + " strips, got " + bins);
        }
        for (int b = 0; b < bins; b++) {
            int x0 = b * width / bins;
            int x1 = Math.max(x0 + 1, (b + 1) * width / bins);
            double best = MAX_DEPTH;
            for (int y = 0; y < height; y++) {
                for (int x = x0; x < x1 && x < width; x++) {
                    int id = segmentation[y * width + x];
                    if (id == SEG_WALL || (id >= SEG_FIRST_OBSTACLE && id < SEG_GOAL)) {
                        float d = depth[y * width + x];
                        if (d < best) {
                            best = d;
                        }
                    }
                }
            }
            out[at + b] = (float) (Math.max(0, best) / MAX_DEPTH);
        }
    }

    /** Expert action costs above the best one are clipped to this many of the cost's metres when stored. */
    public static final double MAX_COST = 1.0;

    /**
     * Stores the expert's action costs ({@code dev.wayfinder.sim.expert.Expert#lastCosts}: 0 for the chosen action,
     * more for worse ones, infinite for unsafe ones) as {@code min(cost, MAX_COST) / MAX_COST}, so 1 marks an
     * unsafe (or far worse) action.
     */
    public static void expertCosts(double[] costs, int actions, float[] out, int at) {
        for (int a = 0; a < actions; a++) {
            double c = costs[a];
            out[at + a] = (float) (Double.isNaN(c) ? 1 : Math.min(Math.max(c, 0), MAX_COST) / MAX_COST);
        }
    }

    /**
     * The training target of stored costs ({@link #expertCosts}): a distribution over actions proportional to
     * {@code exp(-cost / temperature)}, with unsafe actions (stored cost 1) at exactly 0. The best action gets the
     * most weight; actions the expert finds nearly as good get nearly as much.
     *
     * @param temperature cost scale in the cost's metres, &gt; 0
     */
    public static void softTarget(float[] stored, int at, int actions, double temperature, float[] out, int outAt) {
        double sum = 0;
        for (int a = 0; a < actions; a++) {
            float c = stored[at + a];
            double p = c >= 1f ? 0 : Math.exp(-c * MAX_COST / temperature);
            out[outAt + a] = (float) p;
            sum += p;
        }
        if (sum <= 0) {
            // Every action unsafe by the stored costs: fall back to uniform (cannot happen for expert labels,
            // whose chosen action has cost 0).
            for (int a = 0; a < actions; a++) {
                out[outAt + a] = 1f / actions;
            }
            return;
        }
        for (int a = 0; a < actions; a++) {
            out[outAt + a] = (float) (out[outAt + a] / sum);
        }
    }

    private static final int SEG_WALL = dev.wayfinder.sim.core.World.SEG_WALL;
    private static final int SEG_FIRST_OBSTACLE = dev.wayfinder.sim.core.World.SEG_FIRST_BODY + 1;
    private static final int SEG_GOAL = dev.wayfinder.render.SegmentationIds.GOAL;
}
