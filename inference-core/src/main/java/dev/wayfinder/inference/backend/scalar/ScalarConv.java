package dev.wayfinder.inference.backend.scalar;

import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;

/** Direct convolution by definition. */
final class ScalarConv implements Kernel {
    private final KernelSpec.Conv2d s;

    ScalarConv(KernelSpec.Conv2d s) {
        this.s = s;
    }

    @Override
    public void run(float[] a, int[] in, int out, int scratch) {
        int cg = s.c() / s.groups();
        int mg = s.m() / s.groups();
        float[] w = s.weight();
        for (int n = 0; n < s.n(); n++) {
            for (int m = 0; m < s.m(); m++) {
                int g = m / mg;
                for (int oy = 0; oy < s.oh(); oy++) {
                    for (int ox = 0; ox < s.ow(); ox++) {
                        double acc = s.bias()[m];
                        for (int ci = 0; ci < cg; ci++) {
                            int c = g * cg + ci;
                            for (int ky = 0; ky < s.kh(); ky++) {
                                int iy = oy * s.strideH() - s.padTop() + ky * s.dilationH();
                                if (iy < 0 || iy >= s.h()) {
                                    continue;
                                }
                                for (int kx = 0; kx < s.kw(); kx++) {
                                    int ix = ox * s.strideW() - s.padLeft() + kx * s.dilationW();
                                    if (ix < 0 || ix >= s.w()) {
                                        continue;
                                    }
                                    acc += (double) a[in[0] + ((n * s.c() + c) * s.h() + iy) * s.w() + ix]
                                            * w[((m * cg + ci) * s.kh() + ky) * s.kw() + kx];
                                }
                            }
                        }
                        a[out + ((n * s.m() + m) * s.oh() + oy) * s.ow() + ox] = s.activation().apply((float) acc);
                    }
                }
            }
        }
    }
}
