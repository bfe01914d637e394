package dev.wayfinder.inference.backend.scalar;

import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;

/** Max or average pooling by definition. */
final class ScalarPool implements Kernel {
    private final KernelSpec.Pool s;

    ScalarPool(KernelSpec.Pool s) {
        this.s = s;
    }

    @Override
    public void run(float[] a, int[] in, int out, int scratch) {
        for (int nc = 0; nc < s.n() * s.c(); nc++) {
            int ib = in[0] + nc * s.h() * s.w();
            for (int oy = 0; oy < s.oh(); oy++) {
                for (int ox = 0; ox < s.ow(); ox++) {
                    float max = Float.NEGATIVE_INFINITY;
                    double sum = 0;
                    int count = 0;
                    for (int ky = 0; ky < s.kh(); ky++) {
                        int iy = oy * s.strideH() - s.padTop() + ky;
                        for (int kx = 0; kx < s.kw(); kx++) {
                            int ix = ox * s.strideW() - s.padLeft() + kx;
                            if (iy < 0 || iy >= s.h() || ix < 0 || ix >= s.w()) {
                                continue;
                            }
                            float v = a[ib + iy * s.w() + ix];
                            max = Math.max(max, v);
                            sum += v;
                            count++;
                        }
                    }
                    int div = s.countIncludePad() ? s.kh() * s.kw() : Math.max(count, 1);
                    a[out + (nc * s.oh() + oy) * s.ow() + ox] = s.max() ? max : (float) (sum / div);
                }
            }
        }
    }
}
