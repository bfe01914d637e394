package dev.wayfinder.inference.quant;

import dev.wayfinder.inference.backend.Activation;
import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.backend.Graphs;
import dev.wayfinder.inference.backend.KernelSpec;
import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.compile.CompileOptions;
import dev.wayfinder.inference.compile.Compiler;
import dev.wayfinder.inference.compile.ExecutionContext;
import dev.wayfinder.inference.graph.Graph;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Int8QuantizerTest {

    @Test
    void roundingErrorIsAtMostHalfAStepPerChannel() {
        long seed = 31;
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = 7, k = 50;
        float[] w = Graphs.random(rnd, m * k);
        for (int i = 0; i < k; i++) {
            w[3 * k + i] = 0f; // an all-zero channel must not divide by zero
        }
        KernelSpec.DenseInt8 q = Int8Quantizer.quantize(new KernelSpec.Dense(1, k, m, w, new float[m], Activation.NONE));
        for (int j = 0; j < m; j++) {
            int maxQ = 0;
            for (int i = 0; i < k; i++) {
                int v = q.q()[j * k + i];
                assertTrue(v >= -127 && v <= 127);
                maxQ = Math.max(maxQ, Math.abs(v));
                float err = Math.abs(v * q.scale()[j] - w[j * k + i]);
                assertTrue(err <= q.scale()[j] / 2 + 1e-7f, "channel " + j + " error " + err + " seed " + seed);
            }
            assertEquals(j == 3 ? 0 : 127, maxQ, "the largest weight of a channel maps to +-127");
        }
    }

    /** The INT8 policy picks the same action (argmax) as the float one on >= 99% of a seeded calibration set. */
    @Test
    void int8PolicyAgreesWithFloatOnTheCalibrationSet() throws Exception {
        long seed = 2026;
        Graph g = PolicyCnn.build(seed);
        int batch = 32, batches = 16;
        ExecutionContext f = Compiler.compile(g, new CompileOptions(batch, Backends.preferred(), false)).newContext();
        ExecutionContext q = Compiler.compile(g, new CompileOptions(batch, Backends.preferred(), true)).newContext();
        SplittableRandom rnd = new SplittableRandom(seed);
        int agree = 0, total = 0;
        double worst = 0;
        float[] a = new float[batch * PolicyCnn.ACTIONS];
        float[] b = new float[batch * PolicyCnn.ACTIONS];
        for (int i = 0; i < batches; i++) {
            float[] x = calibrationImages(rnd, batch);
            f.run(x, a);
            q.run(x, b);
            worst = Math.max(worst, Graphs.maxAbs(a, b));
            for (int n = 0; n < batch; n++) {
                agree += argmax(a, n) == argmax(b, n) ? 1 : 0;
                total++;
            }
        }
        double rate = agree / (double) total;
        System.out.printf("int8 calibration: argmax agreement %d/%d (%.2f%%), max |logit diff| %.4g%n", agree, total,
                100 * rate, worst);
        assertTrue(rate >= 0.99, "argmax agreement " + rate + " < 0.99 (seed " + seed + ")");
    }

    /** Images with structure (a bright blob at a random place on a random background), not just noise. */
    static float[] calibrationImages(SplittableRandom rnd, int batch) {
        int c = PolicyCnn.C, h = PolicyCnn.H, w = PolicyCnn.W;
        float[] x = new float[batch * c * h * w];
        for (int n = 0; n < batch; n++) {
            double cy = rnd.nextDouble() * h, cx = rnd.nextDouble() * w, r = 4 + rnd.nextDouble() * 16;
            for (int ch = 0; ch < c; ch++) {
                double bg = rnd.nextDouble() * 0.5, fg = rnd.nextDouble();
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        double d2 = (y - cy) * (y - cy) + (xx - cx) * (xx - cx);
                        x[((n * c + ch) * h + y) * w + xx] = (float) ((d2 < r * r ? fg : bg) + 0.05 * rnd.nextDouble());
                    }
                }
            }
        }
        return x;
    }

    private static int argmax(float[] v, int row) {
        int best = 0;
        for (int j = 1; j < PolicyCnn.ACTIONS; j++) {
            if (v[row * PolicyCnn.ACTIONS + j] > v[row * PolicyCnn.ACTIONS + best]) {
                best = j;
            }
        }
        return best;
    }
}
