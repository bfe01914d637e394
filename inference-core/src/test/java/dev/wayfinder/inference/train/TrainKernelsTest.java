package dev.wayfinder.inference.train;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each training kernel against a plain loop, on random sizes that exercise the blocked paths and their tails. */
class TrainKernelsTest {
    private static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    @Test
    void matmulMatchesTheTextbookProduct() {
        long seed = 5;
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 40; trial++) {
            int m = 1 + r.nextInt(11);
            int k = 1 + r.nextInt(40);
            int p = 1 + r.nextInt(150);
            int lda = k + r.nextInt(3);
            int ldb = p + r.nextInt(3);
            int ldc = p + r.nextInt(3);
            float[] a = random(r, m * lda + 2);
            float[] b = random(r, k * ldb + 2);
            float[] bias = random(r, m);
            boolean relu = r.nextBoolean();
            boolean acc = r.nextBoolean();
            float[] c = random(r, m * ldc + 2);
            float[] want = c.clone();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < p; j++) {
                    double s = acc ? c[1 + i * ldc + j] : bias[i];
                    for (int t = 0; t < k; t++) {
                        s += (double) a[1 + i * lda + t] * b[2 + t * ldb + j];
                    }
                    want[1 + i * ldc + j] = (float) (relu ? Math.max(0, s) : s);
                }
            }
            TrainKernels.matmul(a, 1, lda, b, 2, ldb, c, 1, ldc, m, k, p, bias, relu, acc);
            assertArrayClose(want, c, 1e-4 * k, "seed " + seed + " trial " + trial + " (" + m + "x" + k + "x" + p
                    + ")");
        }
    }

    @Test
    void matmulNTMatchesTheTextbookProduct() {
        long seed = 6;
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 40; trial++) {
            int m = 1 + r.nextInt(11);
            int k = 1 + r.nextInt(11);
            int p = 1 + r.nextInt(trial < 4 ? 3000 : 200);
            int lda = p + r.nextInt(3);
            int ldb = p + r.nextInt(3);
            int ldc = k + r.nextInt(3);
            float[] a = random(r, m * lda);
            float[] b = random(r, k * ldb);
            boolean acc = r.nextBoolean();
            float[] c = random(r, m * ldc);
            float[] want = c.clone();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < k; j++) {
                    double s = acc ? c[i * ldc + j] : 0;
                    for (int q = 0; q < p; q++) {
                        s += (double) a[i * lda + q] * b[j * ldb + q];
                    }
                    want[i * ldc + j] = (float) s;
                }
            }
            TrainKernels.matmulNT(a, 0, lda, b, 0, ldb, c, 0, ldc, m, k, p, acc);
            assertArrayClose(want, c, 1e-5 * p + 1e-5, "seed " + seed + " trial " + trial + " (" + m + "x" + k
                    + "x" + p + ")");
        }
    }

    /** Element (k, p) of a tiled patch matrix of {@code rows} rows. */
    private static int tiled(int rows, int k, int p) {
        int t = TrainKernels.tile();
        return (p / t) * rows * t + k * t + p % t;
    }

    @Test
    void im2colGathersPatchesAndCol2imIsItsAdjoint() {
        long seed = 7;
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 24; trial++) {
            int ch = 1 + r.nextInt(4);
            int n = 1 + r.nextInt(3);
            // Small images first (runs shorter than a vector), then rows of up to 40 pixels: runs of one or two
            // whole vectors, starting at the left edge or inside the row, and the scalar tails.
            int h = 2 * (1 + r.nextInt(6));
            int w = 2 * (1 + r.nextInt(trial < 8 ? 6 : 20));
            boolean nchw = r.nextBoolean();
            int cs = nchw ? h * w : n * h * w + r.nextInt(5);
            int is = nchw ? ch * h * w : h * w;
            float[] x = random(r, ch * cs + n * is);
            int oh = h / 2;
            int ow = w / 2;
            int plane = n * oh * ow;
            int pp = TrainKernels.padded(plane);
            int rows = ch * 9;
            float[] cols = random(r, rows * pp);
            TrainKernels.im2col(x, 0, cs, is, ch, n, h, w, cols);
            for (int c = 0; c < ch; c++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        int k = (c * 3 + ky) * 3 + kx;
                        for (int b = 0; b < n; b++) {
                            for (int oy = 0; oy < oh; oy++) {
                                for (int ox = 0; ox < ow; ox++) {
                                    int iy = 2 * oy + ky - 1;
                                    int ix = 2 * ox + kx - 1;
                                    float want = iy < 0 || iy >= h || ix < 0 || ix >= w ? 0f
                                            : x[c * cs + b * is + iy * w + ix];
                                    float got = cols[tiled(rows, k, b * oh * ow + oy * ow + ox)];
                                    assertEquals(want, got, "seed " + seed + " trial " + trial);
                                }
                            }
                        }
                        for (int q = plane; q < pp; q++) {
                            assertEquals(0f, cols[tiled(rows, k, q)], "seed " + seed + " trial " + trial + " padding");
                        }
                    }
                }
            }
            // <im2col(x), g> == <x, col2im(g)> for a channel-major x (padding columns of g are never read back).
            int cm = n * h * w + r.nextInt(5);
            float[] xc = random(r, ch * cm);
            float[] g = random(r, rows * pp);
            TrainKernels.im2col(xc, 0, cm, h * w, ch, n, h, w, cols);
            double lhs = 0;
            for (int i = 0; i < g.length; i++) {
                lhs += (double) cols[i] * g[i];
            }
            float[] back = new float[ch * cm];
            TrainKernels.col2im(g, ch, n, h, w, back, 0, cm);
            double rhs = 0;
            for (int i = 0; i < back.length; i++) {
                rhs += (double) back[i] * xc[i];
            }
            assertEquals(lhs, rhs, 1e-4 * Math.max(1, Math.abs(lhs)), "seed " + seed + " trial " + trial);
        }
    }

    @Test
    void convolutionProductsMatchTheTextbookOnTiledPatches() {
        long seed = 9;
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 20; trial++) {
            int m = 1 + r.nextInt(9);
            int k = 1 + r.nextInt(30);
            int p = 1 + r.nextInt(trial < 3 ? 2500 : 120);
            int pp = TrainKernels.padded(p);
            float[] w = random(r, m * k);
            float[] bias = random(r, m);
            float[] cols = new float[k * pp];
            float[] dense = random(r, k * p);
            for (int i = 0; i < k; i++) {
                for (int q = 0; q < p; q++) {
                    cols[tiled(k, i, q)] = dense[i * p + q];
                }
            }
            String what = "seed " + seed + " trial " + trial + " (" + m + "x" + k + "x" + p + ")";
            // Forward: y = relu(bias + w cols).
            float[] y = new float[m * pp];
            TrainKernels.convForward(w, cols, bias, y, m, k, pp);
            for (int i = 0; i < m; i++) {
                for (int q = 0; q < p; q++) {
                    double s = bias[i];
                    for (int t = 0; t < k; t++) {
                        s += (double) w[i * k + t] * dense[t * p + q];
                    }
                    assertEquals(Math.max(0, s), y[i * pp + q], 1e-4 * k, what + " forward");
                }
            }
            // Weight gradient: dw = dy cols^T (dy's padding columns are 0, as the learner keeps them).
            float[] dy = new float[m * pp];
            for (int i = 0; i < m; i++) {
                for (int q = 0; q < p; q++) {
                    dy[i * pp + q] = (float) (r.nextDouble() * 2 - 1);
                }
            }
            float[] dw = random(r, m * k);
            TrainKernels.convWeightGrad(dy, cols, dw, m, k, pp);
            for (int i = 0; i < m; i++) {
                for (int t = 0; t < k; t++) {
                    double s = 0;
                    for (int q = 0; q < p; q++) {
                        s += (double) dy[i * pp + q] * dense[t * p + q];
                    }
                    assertEquals(s, dw[i * k + t], 1e-5 * p + 1e-5, what + " weight gradient");
                }
            }
            // Input gradient: dcols = w^T dy, tiled.
            float[] wT = new float[k * m];
            for (int i = 0; i < m; i++) {
                for (int t = 0; t < k; t++) {
                    wT[t * m + i] = w[i * k + t];
                }
            }
            float[] dcols = random(r, k * pp);
            TrainKernels.convInputGrad(wT, dy, dcols, m, k, pp);
            for (int t = 0; t < k; t++) {
                for (int q = 0; q < p; q++) {
                    double s = 0;
                    for (int i = 0; i < m; i++) {
                        s += (double) w[i * k + t] * dy[i * pp + q];
                    }
                    assertEquals(s, dcols[tiled(k, t, q)], 1e-4 * m, what + " input gradient");
                }
            }
        }
    }

    @Test
    void reluBackwardMasksAndSums() {
        long seed = 8;
        SplittableRandom r = new SplittableRandom(seed);
        int rows = 5;
        int cols = 37;
        float[] y = random(r, rows * cols);
        for (int i = 0; i < y.length; i += 3) {
            y[i] = Math.max(0, y[i]);
        }
        float[] dy = random(r, rows * cols);
        float[] want = dy.clone();
        float[] sums = new float[rows];
        for (int i = 0; i < want.length; i++) {
            if (y[i] <= 0) {
                want[i] = 0;
            }
        }
        TrainKernels.reluBackward(y, 0, dy, 0, rows, cols, sums);
        assertArrayClose(want, dy, 0, "seed " + seed);
        for (int q = 0; q < rows; q++) {
            double s = 0;
            for (int c = 0; c < cols; c++) {
                s += want[q * cols + c];
            }
            assertEquals(s, sums[q], 1e-5, "seed " + seed + " row " + q);
        }
    }

    @Test
    void adamFollowsItsFormula() {
        Adam adam = new Adam(3);
        float[] w = {1f, -2f, 0.5f};
        float[] g = {0.2f, -9f, 0f};
        adam.update(w, g, 0.01f, 0.1f, 5f);
        // Step 1: the bias-corrected ratio is the sign of the clipped, decayed gradient (|m / sqrt(v)| = 1).
        assertEquals(1f - 0.01f, w[0], 1e-6);
        assertEquals(-2f + 0.01f, w[1], 1e-6);
        assertEquals(0.5f - 0.01f, w[2], 1e-6);
        assertEquals(1, adam.steps());
        assertArrayClose(new float[] {0.2f, -9f, 0f}, g, 0, "the gradient is not changed");
    }

    private static void assertArrayClose(float[] want, float[] got, double tol, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= tol, what + ": element " + i + " is " + got[i] + ", expected "
                    + want[i]);
        }
    }
}
