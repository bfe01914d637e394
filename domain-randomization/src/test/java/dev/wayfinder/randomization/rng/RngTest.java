package dev.wayfinder.randomization.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void theSeedingSchemeIsPinned() {
        // Published seeds must keep producing the same episodes: these values change only if the
        // scheme (SplitMix64, FNV-1a key hash, path chaining) changes, which must be a deliberate break.
        // The first output of the reference SplitMix64 seeded with 0 is mix64(gamma).
        assertEquals(0xE220A8397B1DCDAFL, Rng.mix64(0x9E3779B97F4A7C15L));
        assertEquals(0xEDCC7DC31DC8A0BCL, Rng.stream(42, "floor_friction").nextLong());
    }

    @Test
    void streamsDependOnSeedPathAndOrder() {
        long a = Rng.streamSeed(7, "obstacle_hue", "crate");
        assertEquals(a, Rng.streamSeed(7, "obstacle_hue", "crate"));
        assertNotEquals(a, Rng.streamSeed(8, "obstacle_hue", "crate"));
        assertNotEquals(a, Rng.streamSeed(7, "obstacle_hue", "crate2"));
        assertNotEquals(a, Rng.streamSeed(7, "crate", "obstacle_hue"));
        assertNotEquals(a, Rng.streamSeed(7, "obstacle_huecrate"));
        assertNotEquals(Rng.streamSeed(7), Rng.streamSeed(7, ""));
    }

    @Test
    void uniformDoublesFillTheUnitIntervalEvenly() {
        Rng r = Rng.stream(12345, "uniformity");
        int[] bins = new int[20];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            assertTrue(u >= 0 && u < 1, "seed 12345 draw " + i + ": " + u);
            bins[(int) (u * bins.length)]++;
        }
        double expected = n / (double) bins.length;
        double chi2 = 0;
        for (int b : bins) {
            chi2 += (b - expected) * (b - expected) / expected;
        }
        // 19 degrees of freedom: 43.8 is the 0.999 quantile.
        assertTrue(chi2 < 43.8, "seed 12345: chi-square " + chi2);
    }

    @Test
    void neighbouringStreamsAreUncorrelated() {
        int n = 50_000;
        double sxy = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double x = Rng.stream(i, "a").nextDouble();
            double y = Rng.stream(i, "b").nextDouble();
            double z = Rng.stream(i + 1, "a").nextDouble();
            sx += x;
            sy += y + z;
            sxy += x * y + x * z;
            sxx += x * x;
            syy += y * y + z * z;
        }
        double cov = sxy / (2 * n) - (sx / n) * (sy / (2 * n));
        double corr = cov / Math.sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / (2 * n) - (sy / (2 * n)) * (sy / (2 * n))));
        assertTrue(Math.abs(corr) < 0.02, "correlation " + corr);
    }

    @Test
    void gaussianHasUnitVarianceAndIntsAreInBounds() {
        Rng r = Rng.stream(99, "gauss");
        double s = 0;
        double ss = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            assertTrue(Double.isFinite(g), "seed 99 draw " + i);
            s += g;
            ss += g * g;
        }
        assertEquals(0, s / n, 0.02, "seed 99 mean");
        assertEquals(1, ss / n - (s / n) * (s / n), 0.02, "seed 99 variance");
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 500, "seed 99 nextInt(7) counts");
        }
    }

    @Test
    void splitDoesNotAdvanceTheParent() {
        Rng a = Rng.of(5);
        Rng b = Rng.of(5);
        a.split("child").nextLong();
        assertEquals(b.nextLong(), a.nextLong());
        assertNotEquals(Rng.of(5).split("x").nextLong(), Rng.of(5).split("y").nextLong());
    }
}
