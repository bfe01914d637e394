package dev.wayfinder.inference.backend.scalar;

import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;

/** Numerically stable softmax (max subtracted) along the middle axis. */
final class ScalarSoftmax implements Kernel {
    private final KernelSpec.Softmax s;

    ScalarSoftmax(KernelSpec.Softmax s) {
        this.s = s;
    }

    @Override
    public void run(float[] a, int[] in, int out, int scratch) {
        int ax = s.axis();
        int inner = s.inner();
        for (int o = 0; o < s.outer(); o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * ax * inner + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < ax; j++) {
                    max = Math.max(max, a[in[0] + base + j * inner]);
                }
                double sum = 0;
                for (int j = 0; j < ax; j++) {
                    double e = Math.exp(a[in[0] + base + j * inner] - max);
                    a[out + base + j * inner] = (float) e;
                    sum += e;
                }
                for (int j = 0; j < ax; j++) {
                    a[out + base + j * inner] = (float) (a[out + base + j * inner] / sum);
                }
            }
        }
    }
}
