package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.Activation;
import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dense layer as a register-blocked GEMM: weights packed once as [k][mp] (output channels contiguous, padded
 * to whole vectors), 4 rows x 4 vectors of accumulators started from the bias, then masked stores.
 */
final class VectorDense implements Kernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Weight rows per cache panel: KC x 4 vectors of 16 floats = 64 KiB, kept in L2 (256 beat 64 and 128 at batch 32). */
    private static final int KC = 256;

    private final int n;
    private final int k;
    private final int m;
    private final int mp;
    private final float[] wp;
    private final float[] bias;
    private final boolean relu;
    private final Activation activation;

    VectorDense(KernelSpec.Dense s) {
        n = s.n();
        k = s.k();
        m = s.m();
        mp = (m + L - 1) / L * L;
        wp = new float[k * mp];
        bias = new float[mp];
        float[] w = s.weight();
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < k; i++) {
                wp[i * mp + j] = w[j * k + i];
            }
            bias[j] = s.bias()[j];
        }
        activation = s.activation();
        relu = activation.kind() == Activation.Kind.RELU;
    }

    @Override
    public void run(float[] a, int[] in, int out, int scratch) {
        int x0 = in[0];
        int i = 0;
        int rows4 = n / 4 * 4;
        int jFull = mp / (4 * L) * (4 * L);
        if (rows4 >= 8) {
            // Cache blocking: a panel of KC weight rows x 4 vectors stays in cache while every 4-row group
            // of the batch uses it; partial sums wait in the output between panels. Each output still sums over
            // k in order, so the result is bit-for-bit that of the unblocked loop.
            for (int j = 0; j < jFull; j += 4 * L) {
                for (int t0 = 0; t0 < k; t0 += KC) {
                    int t1 = Math.min(k, t0 + KC);
                    for (int r = 0; r < rows4; r += 4) {
                        rows4cols4(a, x0 + r * k, out + r * m, j, t0, t1);
                    }
                }
            }
            for (; i < rows4; i += 4) {
                for (int j = jFull; j < mp; j += L) {
                    rows4cols1(a, x0 + i * k, out + i * m, j);
                }
            }
        }
        for (; i + 4 <= n; i += 4) {
            int j = 0;
            for (; j + 4 * L <= mp; j += 4 * L) {
                rows4cols4(a, x0 + i * k, out + i * m, j, 0, k);
            }
            for (; j < mp; j += L) {
                rows4cols1(a, x0 + i * k, out + i * m, j);
            }
        }
        for (; i < n; i++) {
            int j = 0;
            for (; j + 8 * L <= mp; j += 8 * L) {
                rows1cols8(a, x0 + i * k, out + i * m, j);
            }
            for (; j + 4 * L <= mp; j += 4 * L) {
                rows1cols4(a, x0 + i * k, out + i * m, j);
            }
            for (; j < mp; j += L) {
                rows1cols1(a, x0 + i * k, out + i * m, j);
            }
        }
        if (Epilogue.needed(activation)) {
            Epilogue.apply(activation, a, out, n * m);
        }
    }

    /** Vectors of output columns, which {@link #runPart} shares out. */
    @Override
    public int splitUnits() {
        return mp / L;
    }

    /**
     * Part {@code part} of {@code parts}: an equal share of whole vectors of output columns, for every row. Each
     * column gets the arithmetic it gets in {@link #run} (so the result is bit for bit the same): single rows sum
     * the columns {@link #run} gives to {@link #rows1cols8} with one accumulator in k order
     * ({@link #rows1cols4Seq}, {@link #rows1cols1Seq} where a part holds fewer than eight vectors of them), the
     * others with even and odd partial sums; groups of four rows sum in k order either way (without
     * {@link #run}'s cache panels, which do not change the sums; the compiler splits layers only at small batches).
     */
    @Override
    public void runPart(float[] a, int[] in, int out, int scratch, int part, int parts) {
        int vectors = mp / L;
        int j0 = (int) ((long) vectors * part / parts) * L;
        int j1 = (int) ((long) vectors * (part + 1) / parts) * L;
        if (j0 >= j1) {
            return;
        }
        int x0 = in[0];
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int j = j0;
            for (; j + 4 * L <= j1; j += 4 * L) {
                rows4cols4(a, x0 + i * k, out + i * m, j, 0, k);
            }
            for (; j < j1; j += L) {
                rows4cols1(a, x0 + i * k, out + i * m, j);
            }
        }
        // Columns below seqEnd are summed in k order (rows1cols8 in run), the rest with two partial sums.
        int seqEnd = mp / (8 * L) * (8 * L);
        for (; i < n; i++) {
            int x = x0 + i * k;
            int o = out + i * m;
            int j = j0;
            int end = Math.min(j1, seqEnd);
            for (; j + 8 * L <= end; j += 8 * L) {
                rows1cols8(a, x, o, j);
            }
            for (; j + 4 * L <= end; j += 4 * L) {
                rows1cols4Seq(a, x, o, j);
            }
            for (; j < end; j += L) {
                rows1cols1Seq(a, x, o, j);
            }
            for (; j + 4 * L <= j1; j += 4 * L) {
                rows1cols4(a, x, o, j);
            }
            for (; j < j1; j += L) {
                rows1cols1(a, x, o, j);
            }
        }
        if (Epilogue.needed(activation)) {
            int len = Math.min(j1, m) - j0;
            for (int r = 0; r < n && len > 0; r++) {
                Epilogue.apply(activation, a, out + r * m + j0, len);
            }
        }
    }

    /** Four vectors of {@link #rows1cols8}'s columns with its arithmetic (one accumulator per column, k in order). */
    private void rows1cols4Seq(float[] a, int x, int o, int j) {
        FloatVector c0 = FloatVector.fromArray(S, bias, j);
        FloatVector c1 = FloatVector.fromArray(S, bias, j + L);
        FloatVector c2 = FloatVector.fromArray(S, bias, j + 2 * L);
        FloatVector c3 = FloatVector.fromArray(S, bias, j + 3 * L);
        for (int t = 0, w = j; t < k; t++, w += mp) {
            FloatVector a0 = FloatVector.broadcast(S, a[x + t]);
            c0 = FloatVector.fromArray(S, wp, w).fma(a0, c0);
            c1 = FloatVector.fromArray(S, wp, w + L).fma(a0, c1);
            c2 = FloatVector.fromArray(S, wp, w + 2 * L).fma(a0, c2);
            c3 = FloatVector.fromArray(S, wp, w + 3 * L).fma(a0, c3);
        }
        if (relu) {
            c0 = c0.max(0f); c1 = c1.max(0f); c2 = c2.max(0f); c3 = c3.max(0f);
        }
        c0.intoArray(a, o + j, S.indexInRange(j, m));
        c1.intoArray(a, o + j + L, S.indexInRange(j + L, m));
        c2.intoArray(a, o + j + 2 * L, S.indexInRange(j + 2 * L, m));
        c3.intoArray(a, o + j + 3 * L, S.indexInRange(j + 3 * L, m));
    }

    /** One vector of {@link #rows1cols8}'s columns with its arithmetic. */
    private void rows1cols1Seq(float[] a, int x, int o, int j) {
        FloatVector c0 = FloatVector.fromArray(S, bias, j);
        for (int t = 0, w = j; t < k; t++, w += mp) {
            c0 = FloatVector.fromArray(S, wp, w).fma(FloatVector.broadcast(S, a[x + t]), c0);
        }
        if (relu) {
            c0 = c0.max(0f);
        }
        c0.intoArray(a, o + j, S.indexInRange(j, m));
    }

    /**
     * Rows x..x+3, columns j..j+4L, over k in [t0, t1): starts from the bias when t0 = 0, else from the partial
     * sums in the output; applies ReLU only when t1 = k.
     */
    private void rows4cols4(float[] a, int x, int o, int j, int t0, int t1) {
        int j1 = j + L;
        int j2 = j + 2 * L;
        int j3 = j + 3 * L;
        int o1 = o + m;
        int o2 = o + 2 * m;
        int o3 = o + 3 * m;
        FloatVector c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
        if (t0 == 0) {
            c00 = FloatVector.fromArray(S, bias, j);
            c01 = FloatVector.fromArray(S, bias, j1);
            c02 = FloatVector.fromArray(S, bias, j2);
            c03 = FloatVector.fromArray(S, bias, j3);
            c10 = c00; c11 = c01; c12 = c02; c13 = c03;
            c20 = c00; c21 = c01; c22 = c02; c23 = c03;
            c30 = c00; c31 = c01; c32 = c02; c33 = c03;
        } else {
            c00 = FloatVector.fromArray(S, a, o + j, S.indexInRange(j, m));
            c01 = FloatVector.fromArray(S, a, o + j1, S.indexInRange(j1, m));
            c02 = FloatVector.fromArray(S, a, o + j2, S.indexInRange(j2, m));
            c03 = FloatVector.fromArray(S, a, o + j3, S.indexInRange(j3, m));
            c10 = FloatVector.fromArray(S, a, o1 + j, S.indexInRange(j, m));
            c11 = FloatVector.fromArray(S, a, o1 + j1, S.indexInRange(j1, m));
            c12 = FloatVector.fromArray(S, a, o1 + j2, S.indexInRange(j2, m));
            c13 = FloatVector.fromArray(S, a, o1 + j3, S.indexInRange(j3, m));
            c20 = FloatVector.fromArray(S, a, o2 + j, S.indexInRange(j, m));
            c21 = FloatVector.fromArray(S, a, o2 + j1, S.indexInRange(j1, m));
            c22 = FloatVector.fromArray(S, a, o2 + j2, S.indexInRange(j2, m));
            c23 = FloatVector.fromArray(S, a, o2 + j3, S.indexInRange(j3, m));
            c30 = FloatVector.fromArray(S, a, o3 + j, S.indexInRange(j, m));
            c31 = FloatVector.fromArray(S, a, o3 + j1, S.indexInRange(j1, m));
            c32 = FloatVector.fromArray(S, a, o3 + j2, S.indexInRange(j2, m));
            c33 = FloatVector.fromArray(S, a, o3 + j3, S.indexInRange(j3, m));
        }
        int x1 = x + k;
        int x2 = x + 2 * k;
        int x3 = x + 3 * k;
        for (int t = t0, w = j + t0 * mp; t < t1; t++, w += mp) {
            FloatVector w0 = FloatVector.fromArray(S, wp, w);
            FloatVector w1 = FloatVector.fromArray(S, wp, w + L);
            FloatVector w2 = FloatVector.fromArray(S, wp, w + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, wp, w + 3 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[x + t]);
            c00 = w0.fma(a0, c00);
            c01 = w1.fma(a0, c01);
            c02 = w2.fma(a0, c02);
            c03 = w3.fma(a0, c03);
            FloatVector a1 = FloatVector.broadcast(S, a[x1 + t]);
            c10 = w0.fma(a1, c10);
            c11 = w1.fma(a1, c11);
            c12 = w2.fma(a1, c12);
            c13 = w3.fma(a1, c13);
            FloatVector a2 = FloatVector.broadcast(S, a[x2 + t]);
            c20 = w0.fma(a2, c20);
            c21 = w1.fma(a2, c21);
            c22 = w2.fma(a2, c22);
            c23 = w3.fma(a2, c23);
            FloatVector a3 = FloatVector.broadcast(S, a[x3 + t]);
            c30 = w0.fma(a3, c30);
            c31 = w1.fma(a3, c31);
            c32 = w2.fma(a3, c32);
            c33 = w3.fma(a3, c33);
        }
        if (relu && t1 == k) {
            c00 = c00.max(0f); c01 = c01.max(0f); c02 = c02.max(0f); c03 = c03.max(0f);
            c10 = c10.max(0f); c11 = c11.max(0f); c12 = c12.max(0f); c13 = c13.max(0f);
            c20 = c20.max(0f); c21 = c21.max(0f); c22 = c22.max(0f); c23 = c23.max(0f);
            c30 = c30.max(0f); c31 = c31.max(0f); c32 = c32.max(0f); c33 = c33.max(0f);
        }
        c00.intoArray(a, o + j, S.indexInRange(j, m));
        c01.intoArray(a, o + j1, S.indexInRange(j1, m));
        c02.intoArray(a, o + j2, S.indexInRange(j2, m));
        c03.intoArray(a, o + j3, S.indexInRange(j3, m));
        c10.intoArray(a, o1 + j, S.indexInRange(j, m));
        c11.intoArray(a, o1 + j1, S.indexInRange(j1, m));
        c12.intoArray(a, o1 + j2, S.indexInRange(j2, m));
        c13.intoArray(a, o1 + j3, S.indexInRange(j3, m));
        c20.intoArray(a, o2 + j, S.indexInRange(j, m));
        c21.intoArray(a, o2 + j1, S.indexInRange(j1, m));
        c22.intoArray(a, o2 + j2, S.indexInRange(j2, m));
        c23.intoArray(a, o2 + j3, S.indexInRange(j3, m));
        c30.intoArray(a, o3 + j, S.indexInRange(j, m));
        c31.intoArray(a, o3 + j1, S.indexInRange(j1, m));
        c32.intoArray(a, o3 + j2, S.indexInRange(j2, m));
        c33.intoArray(a, o3 + j3, S.indexInRange(j3, m));
    }

    private void rows4cols1(float[] a, int x, int o, int j) {
        FloatVector c0 = FloatVector.fromArray(S, bias, j);
        FloatVector c1 = c0, c2 = c0, c3 = c0;
        int x1 = x + k;
        int x2 = x + 2 * k;
        int x3 = x + 3 * k;
        for (int t = 0, w = j; t < k; t++, w += mp) {
            FloatVector w0 = FloatVector.fromArray(S, wp, w);
            c0 = w0.fma(FloatVector.broadcast(S, a[x + t]), c0);
            c1 = w0.fma(FloatVector.broadcast(S, a[x1 + t]), c1);
            c2 = w0.fma(FloatVector.broadcast(S, a[x2 + t]), c2);
            c3 = w0.fma(FloatVector.broadcast(S, a[x3 + t]), c3);
        }
        if (relu) {
            c0 = c0.max(0f); c1 = c1.max(0f); c2 = c2.max(0f); c3 = c3.max(0f);
        }
        c0.intoArray(a, o + j, S.indexInRange(j, m));
        c1.intoArray(a, o + m + j, S.indexInRange(j, m));
        c2.intoArray(a, o + 2 * m + j, S.indexInRange(j, m));
        c3.intoArray(a, o + 3 * m + j, S.indexInRange(j, m));
    }

    private void rows1cols4(float[] a, int x, int o, int j) {
        // Two partial sums per column (even and odd k) to keep eight independent FMA chains in flight.
        FloatVector c0 = FloatVector.fromArray(S, bias, j);
        FloatVector c1 = FloatVector.fromArray(S, bias, j + L);
        FloatVector c2 = FloatVector.fromArray(S, bias, j + 2 * L);
        FloatVector c3 = FloatVector.fromArray(S, bias, j + 3 * L);
        FloatVector d0 = FloatVector.zero(S), d1 = d0, d2 = d0, d3 = d0;
        int t = 0;
        int w = j;
        for (; t + 2 <= k; t += 2, w += 2 * mp) {
            FloatVector a0 = FloatVector.broadcast(S, a[x + t]);
            FloatVector a1 = FloatVector.broadcast(S, a[x + t + 1]);
            c0 = FloatVector.fromArray(S, wp, w).fma(a0, c0);
            c1 = FloatVector.fromArray(S, wp, w + L).fma(a0, c1);
            c2 = FloatVector.fromArray(S, wp, w + 2 * L).fma(a0, c2);
            c3 = FloatVector.fromArray(S, wp, w + 3 * L).fma(a0, c3);
            d0 = FloatVector.fromArray(S, wp, w + mp).fma(a1, d0);
            d1 = FloatVector.fromArray(S, wp, w + mp + L).fma(a1, d1);
            d2 = FloatVector.fromArray(S, wp, w + mp + 2 * L).fma(a1, d2);
            d3 = FloatVector.fromArray(S, wp, w + mp + 3 * L).fma(a1, d3);
        }
        if (t < k) {
            FloatVector a0 = FloatVector.broadcast(S, a[x + t]);
            c0 = FloatVector.fromArray(S, wp, w).fma(a0, c0);
            c1 = FloatVector.fromArray(S, wp, w + L).fma(a0, c1);
            c2 = FloatVector.fromArray(S, wp, w + 2 * L).fma(a0, c2);
            c3 = FloatVector.fromArray(S, wp, w + 3 * L).fma(a0, c3);
        }
        c0 = c0.add(d0);
        c1 = c1.add(d1);
        c2 = c2.add(d2);
        c3 = c3.add(d3);
        if (relu) {
            c0 = c0.max(0f); c1 = c1.max(0f); c2 = c2.max(0f); c3 = c3.max(0f);
        }
        c0.intoArray(a, o + j, S.indexInRange(j, m));
        c1.intoArray(a, o + j + L, S.indexInRange(j + L, m));
        c2.intoArray(a, o + j + 2 * L, S.indexInRange(j + 2 * L, m));
        c3.intoArray(a, o + j + 3 * L, S.indexInRange(j + 3 * L, m));
    }

    /**
     * One row, eight vectors of columns: at m = 8 vectors (128 outputs) the weights stream through once in
     * memory order, where four-vector passes each read half of every weight row; a single row is bound by
     * that stream (the weights do not stay in cache between calls).
     */
    private void rows1cols8(float[] a, int x, int o, int j) {
        FloatVector c0 = FloatVector.fromArray(S, bias, j);
        FloatVector c1 = FloatVector.fromArray(S, bias, j + L);
        FloatVector c2 = FloatVector.fromArray(S, bias, j + 2 * L);
        FloatVector c3 = FloatVector.fromArray(S, bias, j + 3 * L);
        FloatVector c4 = FloatVector.fromArray(S, bias, j + 4 * L);
        FloatVector c5 = FloatVector.fromArray(S, bias, j + 5 * L);
        FloatVector c6 = FloatVector.fromArray(S, bias, j + 6 * L);
        FloatVector c7 = FloatVector.fromArray(S, bias, j + 7 * L);
        for (int t = 0, w = j; t < k; t++, w += mp) {
            FloatVector a0 = FloatVector.broadcast(S, a[x + t]);
            c0 = FloatVector.fromArray(S, wp, w).fma(a0, c0);
            c1 = FloatVector.fromArray(S, wp, w + L).fma(a0, c1);
            c2 = FloatVector.fromArray(S, wp, w + 2 * L).fma(a0, c2);
            c3 = FloatVector.fromArray(S, wp, w + 3 * L).fma(a0, c3);
            c4 = FloatVector.fromArray(S, wp, w + 4 * L).fma(a0, c4);
            c5 = FloatVector.fromArray(S, wp, w + 5 * L).fma(a0, c5);
            c6 = FloatVector.fromArray(S, wp, w + 6 * L).fma(a0, c6);
            c7 = FloatVector.fromArray(S, wp, w + 7 * L).fma(a0, c7);
        }
        if (relu) {
            c0 = c0.max(0f); c1 = c1.max(0f); c2 = c2.max(0f); c3 = c3.max(0f);
            c4 = c4.max(0f); c5 = c5.max(0f); c6 = c6.max(0f); c7 = c7.max(0f);
        }
        c0.intoArray(a, o + j, S.indexInRange(j, m));
        c1.intoArray(a, o + j + L, S.indexInRange(j + L, m));
        c2.intoArray(a, o + j + 2 * L, S.indexInRange(j + 2 * L, m));
        c3.intoArray(a, o + j + 3 * L, S.indexInRange(j + 3 * L, m));
        c4.intoArray(a, o + j + 4 * L, S.indexInRange(j + 4 * L, m));
        c5.intoArray(a, o + j + 5 * L, S.indexInRange(j + 5 * L, m));
        c6.intoArray(a, o + j + 6 * L, S.indexInRange(j + 6 * L, m));
        c7.intoArray(a, o + j + 7 * L, S.indexInRange(j + 7 * L, m));
    }

    private void rows1cols1(float[] a, int x, int o, int j) {
        FloatVector c0 = FloatVector.fromArray(S, bias, j);
        FloatVector c1 = FloatVector.zero(S);
        int t = 0;
        int w = j;
        for (; t + 2 <= k; t += 2, w += 2 * mp) {
            c0 = FloatVector.fromArray(S, wp, w).fma(FloatVector.broadcast(S, a[x + t]), c0);
            c1 = FloatVector.fromArray(S, wp, w + mp).fma(FloatVector.broadcast(S, a[x + t + 1]), c1);
        }
        if (t < k) {
            c0 = FloatVector.fromArray(S, wp, w).fma(FloatVector.broadcast(S, a[x + t]), c0);
        }
        c0 = c0.add(c1);
        if (relu) {
            c0 = c0.max(0f);
        }
        c0.intoArray(a, o + j, S.indexInRange(j, m));
    }
}
