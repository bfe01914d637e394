package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.Activation;
import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;
import dev.wayfinder.inference.backend.scalar.ScalarBackend;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each input layout of the vector convolution on a shape chosen to land in it (asserted, so a change of the layout
 * thresholds shows here rather than as lost coverage): two groups with channel counts that leave single channels
 * after the blocks of eight, an activation that runs as an epilogue, a batch of two, against the scalar kernel, and
 * split into 2 and 3 parts ({@link Kernel#runPart}) bit for bit equal to the unsplit run.
 */
class VectorConvLayoutsTest {
    private static final int L = FloatVector.SPECIES_PREFERRED.length();

    @Test
    void phaseSplitRows() {
        // Output 2L + 3 wide: two tiles and a masked one per row.
        check(spec(2, 4, 9, 2 * L + 3, 22, 3, 3, 1, 1), PhaseSplitConv.class);
        check(spec(2, 4, 9, 4 * L, 22, 3, 3, 2, 2), PhaseSplitConv.class);
    }

    @Test
    void rowGroupedNarrowRows() {
        // Output width L / 2 (divides the vector length): stride-2 rows of one vector, three kernel columns.
        check(spec(2, 4, 12, L, 22, 3, 3, 2, 2), RowGroupedConv.class);
        check(spec(2, 4, 7, 4, 22, 2, 3, 1, 1), RowGroupedConv.class);
    }

    @Test
    void tapColumnsNarrowRows() {
        // Output width 3 (does not divide the vector length).
        check(spec(2, 4, 8, 6, 22, 3, 3, 2, 2), TapColumnsConv.class);
        check(spec(2, 4, 5, 5, 22, 3, 3, 1, 1), TapColumnsConv.class);
    }

    /** n images of c x h x w, m output channels in two groups, kh x kw kernel, stride, pad 1, tanh. */
    private static KernelSpec.Conv2d spec(int n, int c, int h, int w, int m, int kh, int kw, int sh, int sw) {
        SplittableRandom r = new SplittableRandom(h * 31L + w);
        int oh = (h + 2 - kh) / sh + 1;
        int ow = (w + 2 - kw) / sw + 1;
        float[] weight = new float[m * (c / 2) * kh * kw];
        float[] bias = new float[m];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < m; i++) {
            bias[i] = (float) r.nextDouble(-1, 1);
        }
        return new KernelSpec.Conv2d(n, c, h, w, m, kh, kw, sh, sw, 1, 1, 1, 1, 2, oh, ow, weight, bias,
                new Activation(Activation.Kind.TANH, 0f));
    }

    private static void check(KernelSpec.Conv2d s, Class<?> layout) {
        Kernel vector = VectorConv.of(s);
        assertEquals(layout, vector.getClass(), "layout for output width " + s.ow());
        Kernel scalar = new ScalarBackend().kernel(s);
        int inFloats = s.n() * s.c() * s.h() * s.w();
        int outFloats = s.n() * s.m() * s.oh() * s.ow();
        float[] input = new float[inFloats];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < inFloats; i++) {
            input[i] = (float) r.nextDouble(-1, 1);
        }
        float[] want = runOnce(scalar, s, input, 1);
        float[] whole = runOnce(vector, s, input, 1);
        for (int i = 0; i < outFloats; i++) {
            assertTrue(Math.abs(whole[i] - want[i]) <= 1e-4 + 1e-4 * Math.abs(want[i]),
                    layout.getSimpleName() + " output " + i + ": " + whole[i] + " vs scalar " + want[i]);
        }
        for (int parts = 2; parts <= 3; parts++) {
            assertArrayEquals(whole, runOnce(vector, s, input, parts), layout.getSimpleName() + " in " + parts + " parts");
        }
    }

    /** Runs the kernel twice on fresh scratch (the first time on other data) and returns the output. */
    private static float[] runOnce(Kernel k, KernelSpec.Conv2d s, float[] input, int parts) {
        int inFloats = input.length;
        int outFloats = s.n() * s.m() * s.oh() * s.ow();
        int scratch = Math.max(k.scratchFloats(), 1);
        float[] a = new float[inFloats + outFloats + parts * scratch];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < inFloats; i++) {
                a[i] = round == 0 ? 0.5f - input[i] : input[i];
            }
            if (parts == 1 || k.splitUnits() <= 1) {
                k.run(a, new int[] {0}, inFloats, inFloats + outFloats);
            } else {
                for (int p = 0; p < parts; p++) {
                    k.runPart(a, new int[] {0}, inFloats, inFloats + outFloats + p * scratch, p, parts);
                }
            }
        }
        return java.util.Arrays.copyOfRange(a, inFloats, inFloats + outFloats);
    }
}
