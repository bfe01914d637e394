package dev.wayfinder.render.effects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.CameraEffects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The camera effects change images as their parameters say, deterministically per seed. */
class CameraPostProcessTest {
    private static final int W = 64;
    private static final int H = 48;

    private static byte[] flat(int value) {
        byte[] b = new byte[W * H * 3];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] bytes(byte[] b) {
        return b.clone();
    }

    @Test
    void nominalEffectsAreTheIdentity() {
        assertTrue(new CameraPostProcess(CameraEffects.NOMINAL, W, H, 1).isIdentity());
    }

    @Test
    void exposureAndGammaFollowTheirFormula() {
        CameraPostProcess p = new CameraPostProcess(new CameraEffects(0, 1.5, 2.0, 0, 0), W, H, 1);
        byte[] b = flat(100);
        p.apply(b);
        int expected = (int) Math.round(Math.pow(1.5 * 100 / 255.0, 2.0) * 255);
        assertEquals(expected, b[0] & 0xff);
        byte[] bright = flat(250);
        p.apply(bright);
        assertEquals(255, bright[5] & 0xff, "exposure saturates at white");
    }

    @Test
    void noiseHasTheRequestedSpreadAndIsSeeded() {
        long seed = 11;
        CameraEffects fx = new CameraEffects(0.04, 1, 1, 0, 0);
        CameraPostProcess a = new CameraPostProcess(fx, W, H, seed);
        byte[] b = flat(128);
        a.apply(b);
        double sum = 0;
        double sq = 0;
        int n = W * H * 3;
        for (int i = 0; i < n; i++) {
            double d = (b[i] & 0xff) - 128;
            sum += d;
            sq += d * d;
        }
        double mean = sum / n;
        double std = Math.sqrt(sq / n - mean * mean);
        assertEquals(0, mean, 0.3, "noise mean (seed " + seed + ")");
        assertEquals(0.04 * 255, std, 0.5, "noise std in 8-bit levels (seed " + seed + ")");

        CameraPostProcess again = new CameraPostProcess(fx, W, H, seed);
        byte[] c = flat(128);
        again.apply(c);
        assertArrayEquals(bytes(b), bytes(c), "same seed, same noise (seed " + seed + ")");
        byte[] next = flat(128);
        again.apply(next);
        assertFalse(java.util.Arrays.equals(bytes(c), bytes(next)), "successive frames get fresh noise");
        again.reset();
        byte[] restarted = flat(128);
        again.apply(restarted);
        assertArrayEquals(bytes(b), bytes(restarted), "reset restarts the noise stream");
    }

    @Test
    void deadPixelsAreBlackAndTheirShareMatches() {
        CameraPostProcess p = new CameraPostProcess(new CameraEffects(0, 1, 1, 0, 0.05), W, H, 5);
        byte[] b = flat(200);
        p.apply(b);
        int black = 0;
        for (int i = 0; i < W * H; i++) {
            if ((b[3 * i] | b[3 * i + 1] | b[3 * i + 2]) == 0) {
                black++;
            }
        }
        assertEquals(Math.round(0.05 * W * H), black);
        assertEquals(black, p.deadPixels().length);
        byte[] second = flat(90);
        p.apply(second);
        for (int d : p.deadPixels()) {
            assertEquals(0, second[3 * d], "dead pixels stay dead at " + d);
        }
    }

    @Test
    void motionBlurBlendsWithThePreviousFrame() {
        CameraPostProcess p = new CameraPostProcess(new CameraEffects(0, 1, 1, 0.5, 0), W, H, 1);
        byte[] first = flat(200);
        p.apply(first);
        assertEquals(200, first[0] & 0xff, "the first frame has nothing to blend with");
        byte[] second = flat(0);
        p.apply(second);
        assertEquals(100, second[0] & 0xff);
        byte[] third = flat(0);
        p.apply(third);
        assertEquals(50, third[7] & 0xff);
    }

    @Test
    void allEffectsTogetherStayInRangeForRandomImages() {
        long seed = new SplittableRandom(3).nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        CameraPostProcess p = new CameraPostProcess(new CameraEffects(0.1, 2, 0.5, 0.3, 0.01), W, H, seed);
        for (int f = 0; f < 3; f++) {
            byte[] b = new byte[W * H * 3];
            for (int i = 0; i < W * H * 3; i++) {
                b[i] = (byte) r.nextInt(256);
            }
            p.apply(b);
            assertEquals(W * H * 3, b.length, "seed " + seed);
        }
    }
}
