package dev.wayfinder.inference.backend;

import dev.wayfinder.inference.backend.scalar.ScalarBackend;
import dev.wayfinder.inference.graph.GraphBuilder;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.graph.ShapeInference;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The convolution code paths that random shapes in {@link OpParityTest} reach only by chance, against the scalar
 * reference on every available backend: narrow outputs whose width divides the vector length (row-grouped
 * copies; stride-2 rows up to a vector wide take the shuffled copy), other narrow outputs (gathered columns),
 * wide rows, and the policy network's own conv shapes. A failure prints the seed; rerun one case with
 * -Dwayfinder.test.seed=SEED.
 */
class ConvPathsTest {
    private static final long BASE = Long.getLong("wayfinder.test.seed", 20261130L);
    private static final int TRIALS = 40;

    @Test
    void randomNarrowAndWideConvsMatchScalar() throws Exception {
        for (Backend backend : Backends.available()) {
            for (int t = 0; t < TRIALS; t++) {
                long seed = BASE + t;
                check(backend, seed, randomShape(new SplittableRandom(seed), t));
            }
        }
    }

    @Test
    void policyShapesMatchScalar() throws Exception {
        int[][] shapes = {{3, 64, 64, 16}, {16, 32, 32, 32}, {32, 16, 16, 32}, {32, 8, 8, 32}, {8, 4, 4, 16}};
        for (Backend backend : Backends.available()) {
            for (int i = 0; i < shapes.length; i++) {
                int[] s = shapes[i];
                // c, h, w, m, kh, kw, sh, sw, dh, dw, pads t l b r, group, batch
                check(backend, BASE + 1000 + i, new int[] {s[0], s[1], s[2], s[3], 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, 2});
            }
        }
    }

    /**
     * Two convolutions in a row, the first with rows of two vectors, the second with stride-2 columns: the
     * backend may let the first write straight into the second's input copy. Random kernels, pads, strides and
     * dilations around that case (some link, some do not), and the same graph with the intermediate value also
     * an output (which must not link).
     */
    @Test
    void chainedConvsMatchScalar() throws Exception {
        for (Backend backend : Backends.available()) {
            for (int t = 0; t < 40; t++) {
                long seed = BASE + 2000 + t;
                SplittableRandom rnd = new SplittableRandom(seed);
                int c = rnd.nextInt(1, 5), m1 = 8 * rnd.nextInt(1, 4), m2 = rnd.nextInt(1, 20);
                // Widths 64 and 32 give first-conv rows of two and one vectors (phase-split and row-grouped
                // readers); t % 8 == 1 is the policy network's conv2 -> conv3 case.
                int w = t % 4 == 3 ? rnd.nextInt(20, 70) : t % 4 == 1 ? 32 : 64;
                int h = rnd.nextInt(2, 40);
                int k2 = rnd.nextInt(1, 5), p2 = rnd.nextInt(0, 3), s2 = t % 5 == 4 ? 1 : 2;
                int d2 = t % 6 == 5 ? 2 : 1;
                if (t % 8 == 1) {
                    k2 = 3;
                    p2 = 1;
                    s2 = 2;
                    d2 = 1;
                }
                boolean alsoOutput = t % 7 == 6;
                boolean relu = rnd.nextBoolean();
                GraphBuilder b = new GraphBuilder("chain");
                String x = b.input("x", -1, c, h, w);
                String y = b.apply(new Op.Conv(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1, 1, 1},
                        new int[] {1, 1}, 1), x, b.constant(Graphs.tensor(rnd, m1, c, 3, 3)),
                        b.constant(Graphs.tensor(rnd, m1)));
                if (relu) {
                    y = b.relu(y);
                }
                int oh = (h - 1) / 2 + 1;
                int ow = (w - 1) / 2 + 1;
                try {
                    ShapeInference.outExtent(oh, k2, s2, p2, p2, d2);
                    ShapeInference.outExtent(ow, k2, s2, p2, p2, d2);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                String z = b.relu(b.apply(new Op.Conv(new int[] {k2, k2}, new int[] {s2, s2}, new int[] {p2, p2, p2, p2},
                        new int[] {d2, d2}, 1), y, b.constant(Graphs.tensor(rnd, m2, m1, k2, k2)),
                        b.constant(Graphs.tensor(rnd, m2))));
                b.output(z);
                if (alsoOutput) {
                    b.output(y);
                }
                var g = b.build();
                int batch = rnd.nextInt(1, 4);
                float[] in = Graphs.random(rnd, batch * c * h * w);
                float[] want = Graphs.run(g, new ScalarBackend(), batch, false, in);
                float[] got = Graphs.run(g, backend, batch, false, in);
                double worst = Graphs.worst(got, want, 1e-4, 1e-4);
                String what = "c" + c + " " + h + "x" + w + " m" + m1 + " -> k" + k2 + " s" + s2 + " p" + p2 + " d" + d2
                        + " m" + m2 + (alsoOutput ? " (intermediate also an output)" : "") + " batch " + batch;
                assertTrue(worst <= 1, () -> backend.name() + " chained conv " + what + " differs from scalar by "
                        + worst + "x tolerance; seed " + seed);
            }
        }
    }

    /** c, h, w, m, kh, kw, sh, sw, dh, dw, pads (4), group, batch; the output width mostly divides 16. */
    private static int[] randomShape(SplittableRandom rnd, int t) {
        while (true) {
            int c = rnd.nextInt(1, 9), kh = rnd.nextInt(1, 5), kw = rnd.nextInt(1, 5);
            int sh = rnd.nextInt(1, 4), sw = t % 3 == 0 ? rnd.nextInt(1, 4) : 2;
            int dh = rnd.nextInt(1, 3), dw = rnd.nextInt(1, 3);
            int pt = rnd.nextInt(0, 3), pl = rnd.nextInt(0, 3), pb = rnd.nextInt(0, 3), pr = rnd.nextInt(0, 3);
            int[] widths = {1, 2, 4, 8, 8, 3, 5, 6, 16, 20};
            int ow = widths[rnd.nextInt(widths.length)];
            // Pick w so that the output has width ow: w = (ow - 1) * sw + (kw - 1) * dw + 1 - pl - pr (+ up to sw - 1).
            int w = (ow - 1) * sw + (kw - 1) * dw + 1 - pl - pr + rnd.nextInt(0, sw);
            int h = rnd.nextInt(1, 20);
            int group = c % 2 == 0 && rnd.nextBoolean() ? 2 : 1;
            int m = group * rnd.nextInt(1, 20);
            if (w < 1) {
                continue;
            }
            try {
                ShapeInference.outExtent(h, kh, sh, pt, pb, dh);
                ShapeInference.outExtent(w, kw, sw, pl, pr, dw);
            } catch (IllegalArgumentException e) {
                continue;
            }
            return new int[] {c, h, w, m, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr, group, rnd.nextInt(1, 4)};
        }
    }

    private static void check(Backend backend, long seed, int[] p) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        int c = p[0], h = p[1], w = p[2], m = p[3], group = p[14], batch = p[15];
        GraphBuilder b = new GraphBuilder("conv");
        String x = b.input("x", -1, c, h, w);
        Op.Conv op = new Op.Conv(new int[] {p[4], p[5]}, new int[] {p[6], p[7]}, new int[] {p[10], p[11], p[12], p[13]},
                new int[] {p[8], p[9]}, group);
        String y = b.relu(b.apply(op, x, b.constant(Graphs.tensor(rnd, m, c / group, p[4], p[5])),
                b.constant(Graphs.tensor(rnd, m))));
        float[] in = Graphs.random(rnd, batch * c * h * w);
        var g = b.output(y).build();
        float[] want = Graphs.run(g, new ScalarBackend(), batch, false, in);
        // Graphs.run runs other data first, so stale scratch from an earlier run would show.
        float[] got = Graphs.run(g, backend, batch, false, in);
        double worst = Graphs.worst(got, want, 1e-4, 1e-4);
        assertTrue(worst <= 1, () -> backend.name() + " conv " + Arrays.toString(p) + " differs from scalar by "
                + worst + "x tolerance; seed " + seed);
    }
}
