package dev.wayfinder.render.effects;

import dev.wayfinder.scenarios.model.CameraEffects;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Applies an episode's {@link CameraEffects} to successive RGB frames of one camera stream, in place and
 * without allocating: exposure and gamma ({@code out = clamp(exposure * in, 0, 1)^gamma} per channel,
 * values in [0, 1]), motion blur (exponential blend with the previous blurred frame, weight
 * {@code motionBlur}), additive Gaussian noise ({@code noiseStd} of full scale) and dead pixels (a fixed
 * set of pixels stuck at black, {@code deadPixelFraction} of them).
 *
 * <p>Deterministic: the noise stream and the dead pixels follow from the seed alone; {@link #reset()}
 * starts the stream again. Not thread-safe: one instance per camera stream.
 */
public final class CameraPostProcess {
    private static final int NOISE_BITS = 12;
    private static final int NOISE_MASK = (1 << NOISE_BITS) - 1;

    private final CameraEffects effects;
    private final int pixels;
    private final long seed;
    private final byte[] tone = new byte[256];
    private final boolean toneIdentity;
    private final int[] noiseTable;
    private final float[] history;
    private final int[] deadPixels;
    private long state;
    private boolean hasHistory;

    /**
     * Effects for a {@code width x height} RGB stream.
     *
     * @param seed drives the noise and the choice of dead pixels
     */
    public CameraPostProcess(CameraEffects effects, int width, int height, long seed) {
        this.effects = effects;
        this.pixels = width * height;
        this.seed = seed;
        boolean identity = true;
        for (int i = 0; i < 256; i++) {
            double v = Math.pow(Math.min(1.0, effects.exposure() * i / 255.0), effects.gamma());
            int o = (int) Math.round(v * 255.0);
            tone[i] = (byte) o;
            identity &= o == i;
        }
        toneIdentity = identity;
        noiseTable = effects.noiseStd() > 0 ? noiseTable(effects.noiseStd() * 255.0, seed) : null;
        history = effects.motionBlur() > 0 ? new float[pixels * 3] : null;
        deadPixels = deadPixels(effects.deadPixelFraction(), pixels, seed);
        reset();
    }

    /** Whether these effects leave every frame unchanged. */
    public boolean isIdentity() {
        return toneIdentity && noiseTable == null && history == null && deadPixels.length == 0;
    }

    /** Forgets the previous frame and restarts the noise stream from the seed. */
    public void reset() {
        state = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E5L;
        hasHistory = false;
    }

    /** The effects applied. */
    public CameraEffects effects() {
        return effects;
    }

    /** Sorted indices (row-major, v * width + u) of the dead pixels. */
    public int[] deadPixels() {
        return deadPixels.clone();
    }

    /** Applies the effects to {@code rgb} (HxWx3 bytes from index 0; modified in place). */
    public void apply(byte[] rgb) {
        int n = pixels * 3;
        if (!toneIdentity) {
            for (int i = 0; i < n; i++) {
                rgb[i] = tone[rgb[i] & 0xff];
            }
        }
        if (history != null) {
            float w = (float) effects.motionBlur();
            if (!hasHistory) {
                for (int i = 0; i < n; i++) {
                    history[i] = rgb[i] & 0xff;
                }
                hasHistory = true;
            } else {
                for (int i = 0; i < n; i++) {
                    float v = (1 - w) * (rgb[i] & 0xff) + w * history[i];
                    history[i] = v;
                    rgb[i] = (byte) (int) (v + 0.5f);
                }
            }
        }
        if (noiseTable != null) {
            long s = state;
            int i = 0;
            while (i < n) {
                s += 0x9E3779B97F4A7C15L;
                long z = mix(s);
                for (int k = 0; k < 5 && i < n; k++, i++) {
                    int v = (rgb[i] & 0xff) + noiseTable[(int) (z >>> (k * NOISE_BITS)) & NOISE_MASK];
                    rgb[i] = (byte) Math.clamp(v, 0, 255);
                }
            }
            state = s;
        }
        for (int p : deadPixels) {
            int o = p * 3;
            rgb[o] = 0;
            rgb[o + 1] = 0;
            rgb[o + 2] = 0;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 4096 quantiles of N(0, std^2) in 8-bit levels, rounded, sorted. */
    private static int[] noiseTable(double std, long seed) {
        // Sorted samples approximate the quantiles; a fixed internal seed keeps the table identical for
        // every stream, so only the stream seed changes the noise.
        SplittableRandom r = new SplittableRandom(0x5EEDL);
        int size = 1 << NOISE_BITS;
        double[] samples = new double[size * 16];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = r.nextGaussian();
        }
        Arrays.sort(samples);
        int[] t = new int[size];
        for (int i = 0; i < size; i++) {
            t[i] = (int) Math.round(std * samples[i * 16 + 8]);
        }
        return t;
    }

    private static int[] deadPixels(double fraction, int pixels, long seed) {
        int count = (int) Math.round(fraction * pixels);
        if (count == 0) {
            return new int[0];
        }
        int[] all = new int[pixels];
        for (int i = 0; i < pixels; i++) {
            all[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0xDEADB1A5L);
        for (int i = 0; i < count; i++) {
            int j = i + r.nextInt(pixels - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        int[] dead = Arrays.copyOf(all, count);
        Arrays.sort(dead);
        return dead;
    }
}
