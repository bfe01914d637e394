package dev.wayfinder.policy.net;

import dev.wayfinder.robot.net.Features;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.sim.core.SegmentationIds;

/**
 * Training targets computed from what only the simulator knows (the privileged teacher's side; never a network
 * input): the depth profile of a frame from its ground-truth depth and segmentation, and the expert's action costs.
 * Stateless; writes into caller-owned arrays.
 */
public final class TrainingTargets {
    private TrainingTargets() {
    }

    /**
     * The auxiliary depth profile of a camera frame (a training target, never a network input): for each of
     * {@link NetworkSpec#AUX_TARGETS} vertical strips of the image, the smallest depth of any wall or obstacle
     * pixel in it, {@code min(depth, Features.MAX_DEPTH) / Features.MAX_DEPTH}; 1 where the strip shows only floor and sky. It asks
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
            double best = Features.MAX_DEPTH;
            for (int y = 0; y < height; y++) {
                for (int x = x0; x < x1 && x < width; x++) {
                    int id = segmentation[y * width + x];
                    if (id == SegmentationIds.WALL
                            || (id >= SegmentationIds.obstacle(0) && id < SegmentationIds.GOAL)) {
                        float d = depth[y * width + x];
                        if (d < best) {
                            best = d;
                        }
                    }
                }
            }
            out[at + b] = (float) (Math.max(0, best) / Features.MAX_DEPTH);
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
}
