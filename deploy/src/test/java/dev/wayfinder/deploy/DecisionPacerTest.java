package dev.wayfinder.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecisionPacerTest {
    private static final long MS = 1_000_000L;

    /** Decisions taken from {@code frames} frames at {@code cameraHz} (stamps jittered by up to jitterMs). */
    private static int[] taken(double decisionHz, double cameraHz, int frames, double jitterMs, long seed) {
        DecisionPacer p = new DecisionPacer(decisionHz);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] out = new int[frames];
        int n = 0;
        for (int i = 0; i < frames; i++) {
            long stamp = Math.round(1e9 * i / cameraHz + (jitterMs == 0 ? 0 : rnd.nextDouble(-jitterMs, jitterMs) * MS));
            if (p.take(5_000_000_000L + stamp)) {
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    @Test
    void aThirtyHertzCameraAndATenHertzPolicyDecideOnEveryThirdFrame() {
        long seed = 3;
        int[] t = taken(10, 30, 300, 2, seed);
        for (int i = 1; i < t.length; i++) {
            assertEquals(3, t[i] - t[i - 1], "gap after decision " + i + " (seed " + seed + ")");
        }
        assertEquals(100, t.length, "10 s at 10 Hz");
    }

    @Test
    void aCameraAsFastAsThePolicyHasEveryFrameTakenDespiteJitter() {
        long seed = 11;
        int[] t = taken(30, 30, 300, 3, seed);
        assertEquals(300, t.length, "every frame of a 30 Hz camera at a 30 Hz decision rate (seed " + seed + ")");
        assertEquals(200, taken(30, 20, 200, 0, seed).length, "a slower camera: every frame");
    }

    @Test
    void aFifteenHertzCameraAndATenHertzPolicyAverageTenHertz() {
        int[] t = taken(10, 15, 150, 0, 1);
        assertTrue(Math.abs(t.length - 100) <= 1, "10 s of a 15 Hz camera at 10 Hz: " + t.length + " decisions");
        for (int i = 1; i < t.length; i++) {
            int gap = t[i] - t[i - 1];
            assertTrue(gap == 1 || gap == 2, "gaps of one or two frames, got " + gap + " at " + i);
        }
    }

    @Test
    void aStampGoingBackStartsOverAndAPausedCameraResumesAtOnce() {
        DecisionPacer p = new DecisionPacer(10);
        long t0 = 100_000 * MS;
        assertTrue(p.take(t0));
        assertFalse(p.take(t0 + 33 * MS));
        assertTrue(p.take(t0 - 50_000 * MS), "the simulation reset: decide on the first frame of the new time");
        assertFalse(p.take(t0 - 50_000 * MS + 33 * MS));
        assertTrue(p.take(t0 - 40_000 * MS), "after a 10 s pause the first frame is taken");
        assertFalse(p.take(t0 - 40_000 * MS + 33 * MS), "and the rate holds after it");
        assertThrows(IllegalArgumentException.class, () -> new DecisionPacer(0));
    }
}
