package dev.wayfinder.inference.backend;

import dev.wayfinder.inference.backend.scalar.ScalarBackend;
import dev.wayfinder.inference.graph.GraphBuilder;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dense layers (float and weight-only INT8) wide enough for the kernels' widest column blocks (eight and four vectors, with tails), at batch
 * sizes that take the single-row and four-row paths, against the scalar reference on every available backend.
 * A failure prints the seed; rerun one case with -Dwayfinder.test.seed=SEED.
 */
class DensePathsTest {
    private static final long BASE = Long.getLong("wayfinder.test.seed", 20261131L);

    @Test
    void wideDenseLayersMatchScalar() throws Exception {
        int[] widths = {128, 129, 200, 256, 320, 64, 17};
        int[] batches = {1, 2, 5, 9};
        for (Backend backend : Backends.available()) {
            for (int i = 0; i < widths.length; i++) {
                for (int batch : batches) {
                    long seed = BASE + 100L * i + batch;
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int k = rnd.nextInt(1, 300);
                    int m = widths[i];
                    GraphBuilder b = new GraphBuilder("dense");
                    String x = b.input("x", -1, k);
                    String y = b.relu(b.dense(x, Graphs.tensor(rnd, m, k), Graphs.tensor(rnd, m)));
                    var g = b.output(y).build();
                    float[] in = Graphs.random(rnd, batch * k);
                    for (boolean int8 : new boolean[] {false, true}) {
                        float[] want = Graphs.run(g, new ScalarBackend(), batch, int8, in);
                        float[] got = Graphs.run(g, backend, batch, int8, in);
                        double worst = Graphs.worst(got, want, 1e-4, 1e-4);
                        assertTrue(worst <= 1, () -> backend.name() + (int8 ? " int8" : "") + " dense k" + k + " m" + m
                                + " batch " + batch + " differs from scalar by " + worst + "x tolerance; seed " + seed);
                    }
                }
            }
        }
    }
}
