package dev.wayfinder.robot.net;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Greedy orders follow the logits; sampled orders are draws from the softmax, reproducible under a seed. */
class ActionPreferenceTest {
    @Test
    void greedyIsTheLogitOrderWithTiesInActionOrder() {
        ActionPreference p = ActionPreference.greedy(5);
        assertArrayEquals(new int[] {2, 0, 3, 4, 1}, p.rank(new float[] {1, -2, 4, 0.5f, 0.5f}, 0));
        float[] rows = {9, 9, 9, 0, 1, 0, 3, 0};
        assertArrayEquals(new int[] {3, 1, 0, 2, 4}, p.rank(rows, 3), "reads the row at the offset");
        assertEquals(0, p.temperature());
    }

    @Test
    void sampledFirstChoicesFollowTheSoftmax() {
        long seed = 20261130L;
        float[] logits = {2, 1, 0, -1};
        for (double t : new double[] {1, 2}) {
            ActionPreference p = new ActionPreference(4, t, seed);
            int draws = 40_000;
            int[] first = new int[4];
            int[] secondAfterZero = new int[4];
            int zeroFirst = 0;
            for (int k = 0; k < draws; k++) {
                int[] order = p.rank(logits, 0);
                int[] sorted = order.clone();
                Arrays.sort(sorted);
                assertArrayEquals(new int[] {0, 1, 2, 3}, sorted, "every action once (seed " + seed + ")");
                first[order[0]]++;
                if (order[0] == 0) {
                    zeroFirst++;
                    secondAfterZero[order[1]]++;
                }
            }
            double z = 0;
            for (float l : logits) {
                z += Math.exp(l / t);
            }
            for (int a = 0; a < 4; a++) {
                double expected = Math.exp(logits[a] / t) / z;
                assertEquals(expected, first[a] / (double) draws, 0.01,
                        "P(first = " + a + ") at T " + t + " (seed " + seed + ")");
            }
            // Without replacement: after action 0, the next follows the softmax of the rest.
            double rest = z - Math.exp(logits[0] / t);
            for (int a = 1; a < 4; a++) {
                assertEquals(Math.exp(logits[a] / t) / rest, secondAfterZero[a] / (double) zeroFirst, 0.015,
                        "P(second = " + a + " | first = 0) at T " + t + " (seed " + seed + ")");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameOrders() {
        float[] logits = {0.3f, 0.1f, 0.2f, 0, 0.25f, 0.05f};
        ActionPreference a = new ActionPreference(6, 1, 7);
        ActionPreference b = new ActionPreference(6, 1, 7);
        ActionPreference c = new ActionPreference(6, 1, 8);
        boolean differs = false;
        for (int k = 0; k < 50; k++) {
            int[] x = a.rank(logits, 0).clone();
            assertArrayEquals(x, b.rank(logits, 0));
            differs |= !Arrays.equals(x, c.rank(logits, 0));
        }
        assertTrue(differs, "another seed, other orders");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ActionPreference(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ActionPreference(3, -0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new ActionPreference(3, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new ActionPreference(3, 11, 1));
        ActionPreference p = ActionPreference.greedy(3);
        assertThrows(IllegalArgumentException.class, () -> p.rank(new float[4], 2));
    }
}
