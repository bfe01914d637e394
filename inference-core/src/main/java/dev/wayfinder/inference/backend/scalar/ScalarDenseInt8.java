package dev.wayfinder.inference.backend.scalar;

import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;

/** Weight-only INT8 fully connected layer by definition: dequantize, then multiply. */
final class ScalarDenseInt8 implements Kernel {
    private final KernelSpec.DenseInt8 s;

    ScalarDenseInt8(KernelSpec.DenseInt8 s) {
        this.s = s;
    }

    @Override
    public void run(float[] a, int[] in, int out, int scratch) {
        int k = s.k();
        byte[] q = s.q();
        for (int n = 0; n < s.n(); n++) {
            for (int m = 0; m < s.m(); m++) {
                double acc = 0;
                for (int i = 0; i < k; i++) {
                    acc += (double) a[in[0] + n * k + i] * q[m * k + i];
                }
                a[out + n * s.m() + m] = s.activation().apply((float) (acc * s.scale()[m] + s.bias()[m]));
            }
        }
    }
}
