package dev.wayfinder.inference.backend.scalar;

import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;

/** Batched matrix product of two runtime values by definition. */
final class ScalarMatMul implements Kernel {
    private final KernelSpec.MatMul s;

    ScalarMatMul(KernelSpec.MatMul s) {
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
                for (int j = 0; j < m; j++) {
                    double acc = 0;
                    for (int t = 0; t < k; t++) {
                        acc += (double) a[ao + i * k + t] * a[bo + t * m + j];
                    }
                    a[oo + i * m + j] = (float) acc;
                }
            }
        }
    }
}
