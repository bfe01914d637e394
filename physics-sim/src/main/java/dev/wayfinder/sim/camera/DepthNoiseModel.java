package dev.wayfinder.sim.camera;

import dev.wayfinder.scenarios.model.DepthEffects;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Turns ground-truth depth images into what an RGB-D camera delivers, frame after frame, by the episode's
 * {@link DepthEffects}: invalid where nothing was hit, on depth edges and at random (dropout); otherwise
 * axial Gaussian noise of standard deviation {@code a + b z^2}, quantization in inverse depth and the range
 * limits. Output in metres along the optical axis, NaN where invalid (REP-118).
 *
 * <p>Deterministic: the noise of frame {@code k} follows from the seed and {@code k} alone (each pixel takes
 * the same number of random draws whatever its depth), so the same episode gives the same images;
 * {@link #reset()} starts the stream again. Allocates nothing per frame. Not thread-safe: one per camera
 * stream.
 */
public final class DepthNoiseModel {
    /** Keeps the depth stream apart from the colour noise stream seeded with the same episode seed. */
    private static final long SALT = 0xD3E9_7B1C_5A2F_4E61L;

    private final DepthEffects effects;
    private final int width;
    private final int height;
    private final long seed;
    private final boolean noiseFree;
    private SplittableRandom rng;

    /**
     * A model for {@code width x height} images.
     *
     * @param seed the stream's seed (the episode seed)
     */
    public DepthNoiseModel(DepthEffects effects, int width, int height, long seed) {
        this.effects = Objects.requireNonNull(effects, "effects");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.seed = seed;
        this.noiseFree = effects.isNoiseFree();
        reset();
    }

    /** The effects applied. */
    public DepthEffects effects() {
        return effects;
    }

    /** Restarts the noise stream from the seed (a new episode of the same stream). */
    public void reset() {
        rng = new SplittableRandom(mix(seed ^ SALT));
    }

    /**
     * Writes the measured depth of one frame into {@code out} from the ground truth {@code truth} (metres along
     * the optical axis, {@code +inf} or NaN where nothing was hit); both row-major, at least width x height
     * long, and distinct arrays.
     */
    public void apply(float[] truth, float[] out) {
        int n = width * height;
        if (truth.length < n || out.length < n) {
            throw new IllegalArgumentException("arrays must hold " + n + " pixels, got " + truth.length + " and "
                    + out.length);
        }
        if (truth == out) {
            throw new IllegalArgumentException("the measured depth needs its own array");
        }
        if (noiseFree) {
            for (int i = 0; i < n; i++) {
                float z = truth[i];
                out[i] = z > 0 && z < Float.POSITIVE_INFINITY ? z : Float.NaN;
            }
            return;
        }
        double a = effects.noiseBase();
        double b = effects.noiseQuadratic();
        boolean noisy = a > 0 || b > 0;
        double q = effects.disparityStep();
        double dropout = effects.dropoutFraction();
        double edge = effects.edgeThreshold();
        boolean edges = edge < Double.POSITIVE_INFINITY;
        double min = effects.minRange();
        double max = effects.maxRange();
        SplittableRandom r = rng;
        for (int v = 0, i = 0; v < height; v++) {
            for (int u = 0; u < width; u++, i++) {
                double g = noisy ? r.nextGaussian() : 0;
                boolean dropped = dropout > 0 && r.nextDouble() < dropout;
                double z = truth[i];
                if (!(z > 0 && z < Double.POSITIVE_INFINITY) || dropped
                        || edges && onEdge(truth, u, v, i, z, edge)) {
                    out[i] = Float.NaN;
                    continue;
                }
                double m = z + (a + b * z * z) * g;
                if (q > 0 && m > 0) {
                    long k = Math.round(1 / (m * q));
                    m = k > 0 ? 1 / (k * q) : Double.POSITIVE_INFINITY;
                }
                out[i] = m > 0 && m >= min && m <= max && m < Double.POSITIVE_INFINITY ? (float) m : Float.NaN;
            }
        }
    }

    /** Whether a 4-neighbour's true depth differs from {@code z} by more than {@code t} times the smaller. */
    private boolean onEdge(float[] truth, int u, int v, int i, double z, double t) {
        return (u > 0 && differs(z, truth[i - 1], t)) || (u < width - 1 && differs(z, truth[i + 1], t))
                || (v > 0 && differs(z, truth[i - width], t)) || (v < height - 1 && differs(z, truth[i + width], t));
    }

    private static boolean differs(double z, double zn, double t) {
        if (!(zn > 0 && zn < Double.POSITIVE_INFINITY)) {
            return true;
        }
        return Math.abs(z - zn) > t * Math.min(z, zn);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
