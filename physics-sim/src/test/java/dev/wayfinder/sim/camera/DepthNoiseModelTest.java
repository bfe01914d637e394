package dev.wayfinder.sim.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.DepthEffects;
import dev.wayfinder.scenarios.model.Pose3;
import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The RGB-D depth model: its statistics, quantization, invalid pixels and determinism. */
class DepthNoiseModelTest {
    private static final int W = 64;
    private static final int H = 48;
    private static final float INF = Float.POSITIVE_INFINITY;

    private static DepthEffects noise(double a, double b) {
        return new DepthEffects(a, b, 0, 0, INF, INF, 0);
    }

    private static float[] flat(float z) {
        float[] d = new float[W * H];
        Arrays.fill(d, z);
        return d;
    }

    @Test
    void axialNoiseGrowsWithTheSquareOfTheDistance() {
        double a = 0.002;
        double b = 0.008;
        for (double z : new double[] {1.0, 3.0}) {
            double sum = 0;
            double sq = 0;
            long n = 0;
            for (long seed = 11; seed < 16; seed++) {
                DepthNoiseModel m = new DepthNoiseModel(noise(a, b), W, H, seed);
                float[] truth = flat((float) z);
                float[] out = new float[W * H];
                for (int frame = 0; frame < 10; frame++) {
                    m.apply(truth, out);
                    for (float v : out) {
                        assertFalse(Float.isNaN(v), "seed " + seed + ": noise alone invalidates nothing");
                        double e = v - z;
                        sum += e;
                        sq += e * e;
                        n++;
                    }
                }
            }
            double mean = sum / n;
            double std = Math.sqrt(sq / n - mean * mean);
            double expected = a + b * z * z;
            // 153,600 samples: the sample std lies within 1% of the true one with overwhelming probability.
            assertEquals(expected, std, 0.02 * expected, "std at " + z + " m (seeds 11..15)");
            assertEquals(0, mean, 5 * expected / Math.sqrt(n), "unbiased at " + z + " m (seeds 11..15)");
        }
    }

    @Test
    void quantizationStepsInInverseDepthSoTheStepGrowsWithTheSquareOfTheDistance() {
        double q = 0.01;
        DepthNoiseModel m = new DepthNoiseModel(new DepthEffects(0, 0, q, 0, INF, INF, 0), W, H, 3);
        float[] truth = new float[W * H];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (float) (0.5 + 4.5 * i / (truth.length - 1.0)); // a ramp from 0.5 to 5 m
        }
        float[] out = new float[W * H];
        m.apply(truth, out);
        TreeSet<Float> levels = new TreeSet<>();
        for (int i = 0; i < truth.length; i++) {
            double z = truth[i];
            double k = 1 / (out[i] * q);
            assertEquals(Math.rint(k), k, 1e-4 * k, "pixel " + i + ": 1/depth is a whole multiple of the step");
            assertEquals(z, out[i], 0.55 * q * z * z, "pixel " + i + ": within half a step of " + z + " m");
            levels.add(out[i]);
        }
        // Neighbouring levels lie about q z^2 apart: 1 cm near 1 m, 16 cm near 4 m.
        for (double z : new double[] {1.0, 4.0}) {
            float lo = levels.floor((float) z);
            float hi = levels.higher(lo);
            assertEquals(q * z * z, hi - lo, 0.15 * q * z * z, "step near " + z + " m");
        }
    }

    @Test
    void depthsOutsideTheRangeAndMissingReturnsAreNaN() {
        DepthNoiseModel m = new DepthNoiseModel(new DepthEffects(0, 0, 0, 0.5, 4, INF, 0), W, H, 1);
        float[] t = flat(2f);
        float[] head = {0.3f, 0.5f, 2f, 4f, 5f, INF, Float.NaN, 0f};
        System.arraycopy(head, 0, t, 0, head.length);
        float[] out = new float[W * H];
        m.apply(t, out);
        assertTrue(Float.isNaN(out[0]), "0.3 m is nearer than the 0.5 m minimum");
        assertEquals(0.5f, out[1]);
        assertEquals(2f, out[2]);
        assertEquals(4f, out[3]);
        assertTrue(Float.isNaN(out[4]), "5 m is beyond the 4 m maximum");
        assertTrue(Float.isNaN(out[5]), "no return");
        assertTrue(Float.isNaN(out[6]), "no return");
        assertTrue(Float.isNaN(out[7]), "zero depth");
    }

    @Test
    void noiseCanCarryADepthOutOfRange() {
        // At the 2 m maximum, noise of 1 cm pushes about half of the pixels beyond it.
        DepthNoiseModel m = new DepthNoiseModel(new DepthEffects(0.01, 0, 0, 0, 2, INF, 0), W, H, 8);
        float[] out = new float[W * H];
        m.apply(flat(2f), out);
        long nan = 0;
        for (float v : out) {
            nan += Float.isNaN(v) ? 1 : 0;
        }
        assertEquals(0.5, nan / (double) out.length, 0.05, "seed 8");
    }

    @Test
    void pixelsOnDepthEdgesAreInvalidOnBothSides() {
        float[] t = new float[W * H];
        for (int v = 0; v < H; v++) {
            for (int u = 0; u < W; u++) {
                // a box at 1 m in front of a wall at about 3 m; the top row sees the sky
                t[v * W + u] = v == 0 ? INF : u < 20 ? 1f : 3f + 0.001f * u;
            }
        }
        float[] out = new float[W * H];
        new DepthNoiseModel(new DepthEffects(0, 0, 0, 0, INF, 0.1, 0), W, H, 1).apply(t, out);
        for (int v = 2; v < H; v++) {
            assertTrue(Float.isNaN(out[v * W + 19]), "box side of the edge, row " + v);
            assertTrue(Float.isNaN(out[v * W + 20]), "wall side of the edge, row " + v);
            assertEquals(1f, out[v * W + 18], "row " + v);
            assertEquals(t[v * W + 21], out[v * W + 21], "smooth wall, row " + v);
        }
        for (int u = 0; u < W; u++) {
            assertTrue(Float.isNaN(out[u]), "sky");
            assertTrue(Float.isNaN(out[W + u]), "next to the sky");
        }
        new DepthNoiseModel(new DepthEffects(0, 0, 0, 0, INF, 5, 0), W, H, 1).apply(t, out);
        assertEquals(1f, out[5 * W + 19], "a 200% step is no edge for a threshold of 500%");
    }

    @Test
    void dropoutInvalidatesTheGivenFractionAtRandomPlaces() {
        double p = 0.05;
        for (long seed : new long[] {4, 5}) {
            DepthNoiseModel m = new DepthNoiseModel(new DepthEffects(0, 0, 0, 0, INF, INF, p), W, H, seed);
            float[] out = new float[W * H];
            float[] first = null;
            long nan = 0;
            int frames = 20;
            for (int f = 0; f < frames; f++) {
                m.apply(flat(2f), out);
                for (float v : out) {
                    nan += Float.isNaN(v) ? 1 : 0;
                }
                if (f == 0) {
                    first = out.clone();
                }
            }
            long n = (long) frames * W * H;
            double sd = Math.sqrt(n * p * (1 - p));
            assertEquals(n * p, nan, 5 * sd, "seed " + seed + ": invalid pixels of " + n);
            assertFalse(Arrays.equals(first, out), "seed " + seed + ": other pixels drop out in other frames");
        }
    }

    @Test
    void theSameSeedGivesTheSameImagesAndResetRestarts() {
        DepthEffects fx = new DepthEffects(0.002, 0.01, 0.002, 0.15, 6, 0.1, 0.02);
        float[] truth = new float[W * H];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = 0.3f + (i % W) * 0.08f;
        }
        DepthNoiseModel a = new DepthNoiseModel(fx, W, H, 42);
        DepthNoiseModel b = new DepthNoiseModel(fx, W, H, 42);
        DepthNoiseModel c = new DepthNoiseModel(fx, W, H, 43);
        float[] oa = new float[W * H];
        float[] ob = new float[W * H];
        float[] oc = new float[W * H];
        float[] firstFrame = null;
        for (int f = 0; f < 3; f++) {
            a.apply(truth, oa);
            b.apply(truth, ob);
            c.apply(truth, oc);
            assertArrayEquals(oa, ob, "seed 42, frame " + f);
            assertFalse(Arrays.equals(oa, oc), "seeds 42 and 43, frame " + f);
            if (f == 0) {
                firstFrame = oa.clone();
            } else {
                assertFalse(Arrays.equals(firstFrame, oa), "seed 42: frames differ, frame " + f);
            }
        }
        a.reset();
        a.apply(truth, oa);
        assertArrayEquals(firstFrame, oa, "seed 42 after reset");
    }

    @Test
    void aPerfectCameraDeliversTheTruthWhereSomethingWasHit() {
        float[] truth = new float[W * H];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = i % 7 == 0 ? INF : 0.01f + i * 0.001f;
        }
        float[] out = new float[W * H];
        DepthNoiseModel m = new DepthNoiseModel(DepthEffects.NOMINAL, W, H, 9);
        m.apply(truth, out);
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == INF) {
                assertTrue(Float.isNaN(out[i]), "no return at " + i);
            } else {
                assertEquals(Float.floatToRawIntBits(truth[i]), Float.floatToRawIntBits(out[i]), "pixel " + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> m.apply(truth, truth));
        assertThrows(IllegalArgumentException.class, () -> m.apply(new float[3], out));
    }

    @Test
    void framesStartWithoutMeasurementsAndCopiesCarryThem() {
        CameraFrame f = new CameraFrame(new CameraInfo(4, 3, 2, 2, 2, 1.5, 0.05, 10, new Pose3(0, 0, 0.1, 0, 0, 0)));
        assertEquals(12, f.measuredDepth().length);
        assertTrue(Float.isNaN(f.measuredDepth()[0]));
        f.measuredDepth()[3] = 1.5f;
        assertEquals(1.5f, f.copy().measuredDepth()[3]);
        assertEquals(Float.POSITIVE_INFINITY, f.copy().depth()[3]);
    }
}
