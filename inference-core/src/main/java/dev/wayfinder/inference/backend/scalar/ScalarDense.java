package dev.wayfinder.inference.backend.scalar;

import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;

/** Fully connected layer by definition. */
final class ScalarDense implements Kernel {
    private final KernelSpec.Dense s;

    ScalarDense(KernelSpec.Dense s) {
        this.s = s;
    }

    @Override
    public void run(float[] a, int[] in, int out, int scratch) {
        int k = s.k();
        float[] w = s.weight();
        for (int n = 0; n < s.n(); n++) {
            for (int m = 0; m < s.m(); m++) {
                double acc = s.bias()[m];
                for (int i = 0; i < k; i++) {
                    acc += (double) a[in[0] + n * k + i] * w[m * k + i];
                }
                a[out + n * s.m() + m] = s.activation().apply((float) acc);
            }
        }
    }
}
