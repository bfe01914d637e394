package dev.wayfinder.policy.train;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinePlotTest {
    @Test
    void theYAxisEndsOnRoundTicks() {
        assertArrayEquals(new double[] {0, 1.2}, LinePlot.yAxis(0, 1.1976), 1e-12, "a loss curve from 1.2 down");
        assertArrayEquals(new double[] {0, 1}, LinePlot.yAxis(0, 1), 1e-12, "rates");
        assertArrayEquals(new double[] {-4, 12}, LinePlot.yAxis(-3.2, 7.9), 1e-12, "both signs");
        long seed = 21;
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 2000; trial++) {
            double scale = Math.pow(10, r.nextInt(-4, 5));
            // As the plot draws them: from 0 or below (the axis always shows 0) to a positive top.
            double lo = r.nextBoolean() ? 0 : -r.nextDouble() * scale;
            double hi = (0.01 + r.nextDouble()) * scale;
            double[] axis = LinePlot.yAxis(lo, hi);
            String what = "seed " + seed + " trial " + trial + " [" + lo + ", " + hi + "] -> [" + axis[0] + ", "
                    + axis[1] + "]";
            double step = (axis[1] - axis[0]) / 4;
            assertTrue(axis[0] <= lo + 1e-12 * scale && axis[1] >= hi - 1e-12 * scale, what + ": covers the data");
            assertTrue(axis[1] - axis[0] <= 3 * (hi - lo), what + ": not much wider than the data");
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
            boolean round = false;
            for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
                round |= Math.abs(mantissa - m) < 1e-6;
            }
            assertTrue(round, what + ": spacing " + step);
            double ticks = axis[0] / step;
            assertEquals(Math.rint(ticks), ticks, 1e-6, what + ": ticks on multiples of the spacing");
        }
    }

    @Test
    void tickLabelsHaveTheDecimalsTheirSpacingNeeds() {
        assertEquals("0.3", LinePlot.tickLabel(0.30000000000000004, 0.3));
        assertEquals("0.9", LinePlot.tickLabel(0.8999999999999999, 0.3));
        assertEquals("0.25", LinePlot.tickLabel(0.25, 0.25));
        assertEquals("0", LinePlot.tickLabel(-1e-17, 4));
        assertEquals("12", LinePlot.tickLabel(12, 4));
        assertEquals("0.0015", LinePlot.tickLabel(0.0015, 0.0005));
    }
}
