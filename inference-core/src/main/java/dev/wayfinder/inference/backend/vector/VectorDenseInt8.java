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
        for (int i = 0; i < n; i++) {
            int x = in[0] + i * k;
            int o = out + i * m;
            int j = 0;
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

    /** Vectors of output columns, which {@link #runPart} shares out. */
    @Override
    public int splitUnits() {
        return mp / L;
    }

    /**
     * Part {@code part} of {@code parts}: an equal share of whole vectors of output columns, for every row; each
     * column sums in k order with one accumulator, as in {@link #run}, so the result is bit for bit the same.
     */
    @Override
    public void runPart(float[] a, int[] in, int out, int scratch, int part, int parts) {
        int vectors = mp / L;
        int j0 = (int) ((long) vectors * part / parts) * L;
        int j1 = (int) ((long) vectors * (part + 1) / parts) * L;
        if (j0 >= j1) {
            return;
        }
        for (int i = 0; i < n; i++) {
            int x = in[0] + i * k;
            int o = out + i * m;
            int j = j0;
            for (; j + 4 * L <= j1; j += 4 * L) {
                cols4(a, x, o, j);
            }
            for (; j < j1; j += L) {
                cols1(a, x, o, j);
            }
        }
        if (Epilogue.needed(activation)) {
            int len = Math.min(j1, m) - j0;
            for (int r = 0; r < n && len > 0; r++) {
                Epilogue.apply(activation, a, out + r * m + j0, len);
            }
        }
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
