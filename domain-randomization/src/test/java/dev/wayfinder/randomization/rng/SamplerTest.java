package dev.wayfinder.randomization.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.Distribution;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final List<Distribution> CASES = List.of(
            new Distribution.Fixed(0.25),
            new Distribution.Uniform(-2, 3),
            new Distribution.Uniform(1, 1),
            new Distribution.Normal(0.5, 0.2, 0.0, 1.0),
            new Distribution.Normal(0, 10, -0.1, 0.1),
            new Distribution.Normal(0.9, 5, 0.9, 0.95),
            new Distribution.Normal(1, 0, 0, 2),
            new Distribution.LogUniform(0.01, 100),
            new Distribution.LogUniform(2, 2),
            new Distribution.Choice(List.of(1.0, 2.0, 5.0), List.of(0.0, 3.0, 1.0)));

    @Test
    void everyDrawLiesInTheDistributionsRange() {
        for (int c = 0; c < CASES.size(); c++) {
            Distribution d = CASES.get(c);
            for (long seed = 0; seed < 2000; seed++) {
                double v = Sampler.sample(d, Rng.stream(seed, "case", Integer.toString(c)));
                assertTrue(v >= d.min() && v <= d.max(), "seed " + seed + ": " + v + " from " + d);
            }
        }
    }

    @Test
    void choiceFollowsItsWeightsAndSkipsZeroWeights() {
        Distribution d = CASES.get(9);
        int[] counts = new int[3];
        Rng r = Rng.stream(3, "choice");
        for (int i = 0; i < 40_000; i++) {
            double v = Sampler.sample(d, r);
            counts[v == 1.0 ? 0 : v == 2.0 ? 1 : 2]++;
        }
        assertEquals(0, counts[0], "seed 3: weight-0 value chosen " + Arrays.toString(counts));
        assertEquals(30_000, counts[1], 600, "seed 3: " + Arrays.toString(counts));
    }

    @Test
    void logUniformIsUniformInLogSpace() {
        Distribution d = CASES.get(7);
        Rng r = Rng.stream(4, "log");
        int below1 = 0;
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            if (Sampler.sample(d, r) < 1) {
                below1++;
            }
        }
        assertEquals(n / 2.0, below1, n * 0.015, "seed 4: half the mass lies below the geometric mean 1");
    }

    @Test
    void clippedNormalKeepsItsMeanWhenSymmetric() {
        Distribution d = CASES.get(3);
        Rng r = Rng.stream(5, "normal");
        double s = 0;
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            s += Sampler.sample(d, r);
        }
        assertEquals(0.5, s / n, 0.005, "seed 5 mean");
    }
}
