package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.Activation;
import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Weight-only INT8 dense layer: int8 weights packed [k][mp], widened to float in registers, accumulated in
 * float, scaled per output channel at the end. A quarter of the weight bytes of the float kernel: it pays
 * where the layer is memory bound (batch 1), not where it is compute bound.
 */
final class VectorDenseInt8 implements Kernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));

    private final int n;
    private final int k;
    private final int m;
    private final int mp;
    private final byte[] qp;
    private final float[] scale;
    private final float[] bias;
    private final boolean relu;
    private final Activation activation;

    VectorDenseInt8(KernelSpec.DenseInt8 s) {
        n = s.n();
        k = s.k();
        m = s.m();
        mp = (m + L - 1) / L * L;
        qp = new byte[k * mp];
        scale = new float[mp];
        bias = new float[mp];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < k; i++) {
                qp[i * mp + j] = s.q()[j * k + i];
            }
            scale[j] = s.scale()[j];
            bias[j] = s.bias()[j];
        }
        activation = s.activation();
        relu = activation.kind() == Activation.Kind.RELU;
    }

    @Override
    public void run(float[] a, int[] in, int out, int scratch) {
        int i = 0;
        // Four rows at a time share each widened weight vector (the byte-to-float conversion costs as much as
        // the FMA); at batch 32 that makes the layer compute-bound like the float one.
        for (; i + 4 <= n; i += 4) {
            int j = 0;
            for (; j + 4 * L <= mp; j += 4 * L) {
                rows4cols4(a, in[0] + i * k, out + i * m, j);
            }
            for (; j < mp; j += L) {
                for (int r = i; r < i + 4; r++) {
                    cols1(a, in[0] + r * k, out + r * m, j);
                }
            }
        }
        for (; i < n; i++) {
            int x = in[0] + i * k;
            int o = out + i * m;
            int j = 0;
            for (; j + 8 * L <= mp; j += 8 * L) {
                cols8(a, x, o, j);
            }
            for (; j + 4 * L <= mp; j += 4 * L) {
                cols4(a, x, o, j);
            }
            for (; j < mp; j += L) {
                cols1(a, x, o, j);
            }
        }
        if (Epilogue.needed(activation)) {
            Epilogue.apply(activation, a, out, n * m);
        }
    }

    /** Rows x..x+3, four vectors of columns. */
    private void rows4cols4(float[] a, int x, int o, int j) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int x1 = x + k;
        int x2 = x + 2 * k;
        int x3 = x + 3 * k;
        for (int t = 0, w = j; t < k; t++, w += mp) {
            FloatVector w0 = (FloatVector) ByteVector.fromArray(B, qp, w).convertShape(VectorOperators.B2F, S, 0);
            FloatVector w1 = (FloatVector) ByteVector.fromArray(B, qp, w + L).convertShape(VectorOperators.B2F, S, 0);
            FloatVector w2 = (FloatVector) ByteVector.fromArray(B, qp, w + 2 * L).convertShape(VectorOperators.B2F, S, 0);
            FloatVector w3 = (FloatVector) ByteVector.fromArray(B, qp, w + 3 * L).convertShape(VectorOperators.B2F, S, 0);
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
        FloatVector s0 = FloatVector.fromArray(S, scale, j);
        FloatVector s1 = FloatVector.fromArray(S, scale, j + L);
        FloatVector s2 = FloatVector.fromArray(S, scale, j + 2 * L);
        FloatVector s3 = FloatVector.fromArray(S, scale, j + 3 * L);
        FloatVector b0 = FloatVector.fromArray(S, bias, j);
        FloatVector b1 = FloatVector.fromArray(S, bias, j + L);
        FloatVector b2 = FloatVector.fromArray(S, bias, j + 2 * L);
        FloatVector b3 = FloatVector.fromArray(S, bias, j + 3 * L);
        c00 = c00.fma(s0, b0); c01 = c01.fma(s1, b1); c02 = c02.fma(s2, b2); c03 = c03.fma(s3, b3);
        c10 = c10.fma(s0, b0); c11 = c11.fma(s1, b1); c12 = c12.fma(s2, b2); c13 = c13.fma(s3, b3);
        c20 = c20.fma(s0, b0); c21 = c21.fma(s1, b1); c22 = c22.fma(s2, b2); c23 = c23.fma(s3, b3);
        c30 = c30.fma(s0, b0); c31 = c31.fma(s1, b1); c32 = c32.fma(s2, b2); c33 = c33.fma(s3, b3);
        if (relu) {
            c00 = c00.max(0f); c01 = c01.max(0f); c02 = c02.max(0f); c03 = c03.max(0f);
            c10 = c10.max(0f); c11 = c11.max(0f); c12 = c12.max(0f); c13 = c13.max(0f);
            c20 = c20.max(0f); c21 = c21.max(0f); c22 = c22.max(0f); c23 = c23.max(0f);
            c30 = c30.max(0f); c31 = c31.max(0f); c32 = c32.max(0f); c33 = c33.max(0f);
        }
        int o1 = o + m;
        int o2 = o + 2 * m;
        int o3 = o + 3 * m;
        int j1 = j + L;
        int j2 = j + 2 * L;
        int j3 = j + 3 * L;
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

    /** Eight vectors of columns: at 128 outputs one pass over the weights in memory order instead of two. */
    private void cols8(float[] a, int x, int o, int j) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        for (int t = 0, w = j; t < k; t++, w += mp) {
            FloatVector xv = FloatVector.broadcast(S, a[x + t]);
            c0 = ((FloatVector) ByteVector.fromArray(B, qp, w).convertShape(VectorOperators.B2F, S, 0)).fma(xv, c0);
            c1 = ((FloatVector) ByteVector.fromArray(B, qp, w + L).convertShape(VectorOperators.B2F, S, 0)).fma(xv, c1);
            c2 = ((FloatVector) ByteVector.fromArray(B, qp, w + 2 * L).convertShape(VectorOperators.B2F, S, 0)).fma(xv, c2);
            c3 = ((FloatVector) ByteVector.fromArray(B, qp, w + 3 * L).convertShape(VectorOperators.B2F, S, 0)).fma(xv, c3);
            c4 = ((FloatVector) ByteVector.fromArray(B, qp, w + 4 * L).convertShape(VectorOperators.B2F, S, 0)).fma(xv, c4);
            c5 = ((FloatVector) ByteVector.fromArray(B, qp, w + 5 * L).convertShape(VectorOperators.B2F, S, 0)).fma(xv, c5);
            c6 = ((FloatVector) ByteVector.fromArray(B, qp, w + 6 * L).convertShape(VectorOperators.B2F, S, 0)).fma(xv, c6);
            c7 = ((FloatVector) ByteVector.fromArray(B, qp, w + 7 * L).convertShape(VectorOperators.B2F, S, 0)).fma(xv, c7);
        }
        c0 = c0.fma(FloatVector.fromArray(S, scale, j), FloatVector.fromArray(S, bias, j));
        c1 = c1.fma(FloatVector.fromArray(S, scale, j + L), FloatVector.fromArray(S, bias, j + L));
        c2 = c2.fma(FloatVector.fromArray(S, scale, j + 2 * L), FloatVector.fromArray(S, bias, j + 2 * L));
        c3 = c3.fma(FloatVector.fromArray(S, scale, j + 3 * L), FloatVector.fromArray(S, bias, j + 3 * L));
        c4 = c4.fma(FloatVector.fromArray(S, scale, j + 4 * L), FloatVector.fromArray(S, bias, j + 4 * L));
        c5 = c5.fma(FloatVector.fromArray(S, scale, j + 5 * L), FloatVector.fromArray(S, bias, j + 5 * L));
        c6 = c6.fma(FloatVector.fromArray(S, scale, j + 6 * L), FloatVector.fromArray(S, bias, j + 6 * L));
        c7 = c7.fma(FloatVector.fromArray(S, scale, j + 7 * L), FloatVector.fromArray(S, bias, j + 7 * L));
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

    private void cols4(float[] a, int x, int o, int j) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        for (int t = 0, w = j; t < k; t++, w += mp) {
            FloatVector xv = FloatVector.broadcast(S, a[x + t]);
            c0 = ((FloatVector) ByteVector.fromArray(B, qp, w).convertShape(VectorOperators.B2F, S, 0)).fma(xv, c0);
            c1 = ((FloatVector) ByteVector.fromArray(B, qp, w + L).convertShape(VectorOperators.B2F, S, 0)).fma(xv, c1);
            c2 = ((FloatVector) ByteVector.fromArray(B, qp, w + 2 * L).convertShape(VectorOperators.B2F, S, 0)).fma(xv, c2);
            c3 = ((FloatVector) ByteVector.fromArray(B, qp, w + 3 * L).convertShape(VectorOperators.B2F, S, 0)).fma(xv, c3);
        }
        c0 = c0.fma(FloatVector.fromArray(S, scale, j), FloatVector.fromArray(S, bias, j));
        c1 = c1.fma(FloatVector.fromArray(S, scale, j + L), FloatVector.fromArray(S, bias, j + L));
        c2 = c2.fma(FloatVector.fromArray(S, scale, j + 2 * L), FloatVector.fromArray(S, bias, j + 2 * L));
        c3 = c3.fma(FloatVector.fromArray(S, scale, j + 3 * L), FloatVector.fromArray(S, bias, j + 3 * L));
        if (relu) {
            c0 = c0.max(0f); c1 = c1.max(0f); c2 = c2.max(0f); c3 = c3.max(0f);
        }
        c0.intoArray(a, o + j, S.indexInRange(j, m));
        c1.intoArray(a, o + j + L, S.indexInRange(j + L, m));
        c2.intoArray(a, o + j + 2 * L, S.indexInRange(j + 2 * L, m));
        c3.intoArray(a, o + j + 3 * L, S.indexInRange(j + 3 * L, m));
    }

    private void cols1(float[] a, int x, int o, int j) {
        FloatVector c0 = FloatVector.zero(S);
        for (int t = 0, w = j; t < k; t++, w += mp) {
            FloatVector wv = (FloatVector) ByteVector.fromArray(B, qp, w).convertShape(VectorOperators.B2F, S, 0);
            c0 = wv.fma(FloatVector.broadcast(S, a[x + t]), c0);
        }
        c0 = c0.fma(FloatVector.fromArray(S, scale, j), FloatVector.fromArray(S, bias, j));
        if (relu) {
            c0 = c0.max(0f);
        }
        c0.intoArray(a, o + j, S.indexInRange(j, m));
    }
}
