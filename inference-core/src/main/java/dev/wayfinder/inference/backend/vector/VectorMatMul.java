package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** Batched product of two runtime matrices: rows of B streamed as vectors, masked at the column tail. */
final class VectorMatMul implements Kernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private final KernelSpec.MatMul s;

    VectorMatMul(KernelSpec.MatMul s) {
        this.s = s;
    }

    @Override
    public void run(float[] a, int[] in, int out, int scratch) {
        int n = s.n();
        int k = s.k();
        int m = s.m();
        for (int b = 0; b < s.batch(); b++) {
            int ao = in[0] + b * s.aBatchStride();
            int bo = in[1] + b * s.bBatchStride();
            int oo = out + b * n * m;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j += L) {
                    VectorMask<Float> mask = S.indexInRange(j, m);
                    FloatVector c = FloatVector.zero(S);
                    for (int t = 0; t < k; t++) {
                        c = FloatVector.fromArray(S, a, bo + t * m + j, mask)
                                .fma(FloatVector.broadcast(S, a[ao + i * k + t]), c);
                    }
                    c.intoArray(a, oo + i * m + j, mask);
                }
            }
        }
    }
}
