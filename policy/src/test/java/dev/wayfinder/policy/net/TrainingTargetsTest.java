package dev.wayfinder.policy.net;

import dev.wayfinder.robot.net.NetworkSpec;

import dev.wayfinder.sim.core.SegmentationIds;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The auxiliary depth profile sees walls and obstacles, per vertical strip, and nothing else. */
class TrainingTargetsTest {
    private static final int W = 32;
    private static final int H = 16;

    @Test
    void depthProfileIsTheNearestWallOrObstaclePerStrip() {
        float[] depth = new float[W * H];
        int[] seg = new int[W * H];
        Arrays.fill(depth, 0.3f);
        Arrays.fill(seg, SegmentationIds.FLOOR);
        // strip 2 (columns 8..11): a wall at 1.5 m in two pixels, farther wall pixels elsewhere in the strip
        put(depth, seg, 9, 3, 1.5f, SegmentationIds.WALL);
        put(depth, seg, 10, 3, 2.0f, SegmentationIds.WALL);
        // strip 5 (columns 20..23): an obstacle at 0.6 m, and the goal marker nearer (ignored)
        put(depth, seg, 21, 8, 0.6f, SegmentationIds.obstacle(3));
        put(depth, seg, 22, 8, 0.2f, SegmentationIds.GOAL);
        // strip 7: the robot's own body (ignored) and an obstacle beyond the clip distance
        put(depth, seg, 29, 15, 0.05f, SegmentationIds.ROBOT);
        put(depth, seg, 30, 2, 7.0f, SegmentationIds.obstacle(0));
        // sky: nothing hit
        put(depth, seg, 0, 0, Float.POSITIVE_INFINITY, SegmentationIds.BACKGROUND);
        float[] out = new float[2 + NetworkSpec.AUX_TARGETS];
        out[0] = 42;
        TrainingTargets.depthProfile(depth, seg, W, H, out, 2);
        assertEquals(42, out[0], "writes only from the offset");
        assertArrayEquals(new float[] {1, 1, 0.5f, 1, 1, 0.2f, 1, 1},
                Arrays.copyOfRange(out, 2, out.length), 1e-6f);
        assertThrows(IllegalArgumentException.class,
                () -> TrainingTargets.depthProfile(new float[3], seg, W, H, out, 0));
    }

    @Test
    void expertCostsBecomeADistributionThatExcludesUnsafeActions() {
        double inf = Double.POSITIVE_INFINITY;
        float[] stored = new float[1 + 6];
        TrainingTargets.expertCosts(new double[] {0, 0.02, 0.4, inf, 3.0, Double.NaN}, 6, stored, 1);
        assertArrayEquals(new float[] {0, 0.02f, 0.4f, 1, 1, 1}, Arrays.copyOfRange(stored, 1, 7), 1e-6f,
                "clipped to MAX_COST, unsafe and unknown at 1");
        float[] p = new float[6];
        TrainingTargets.softTarget(stored, 1, 6, 0.05, p, 0);
        double sum = 0;
        for (float v : p) {
            sum += v;
        }
        assertEquals(1, sum, 1e-6);
        assertEquals(0, p[3], 0, "unsafe actions get nothing");
        assertEquals(0, p[4], 0);
        assertEquals(0, p[5], 0);
        assertTrue(p[0] > p[1] && p[1] > p[2] && p[2] > 0, Arrays.toString(p));
        assertEquals(Math.exp(-0.02 / 0.05), p[1] / p[0], 1e-5, "ratio follows exp(-cost / temperature)");
        float[] cold = new float[6];
        TrainingTargets.softTarget(stored, 1, 6, 0.001, cold, 0);
        assertEquals(1, cold[0], 1e-6, "a low temperature gives the expert's choice");
        float[] allUnsafe = {1, 1, 1, 1, 1, 1};
        TrainingTargets.softTarget(allUnsafe, 0, 6, 0.05, p, 0);
        assertEquals(1f / 6, p[2], 1e-6f);
    }

    private static void put(float[] depth, int[] seg, int x, int y, float d, int id) {
        depth[y * W + x] = d;
        seg[y * W + x] = id;
    }
}
