package dev.wayfinder.randomization.rng;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A SplitMix64 pseudo-random generator with named, independent sub-streams.
 *
 * <p>A stream is identified by a root seed and a path of names, e.g. {@code (42, "floor_friction")} or
 * {@code (42, "obstacle_hue", "crate-3")}. Its starting state is a strong 64-bit mix of the seed and a
 * stable hash (FNV-1a over the UTF-8 bytes, then mixed) of each path element in order, so streams with
 * different paths are statistically independent and adding a new named stream never changes the values of
 * another. Every operation is integer arithmetic or {@link StrictMath}: the same seed and path give the
 * same numbers on any JDK and machine.
 *
 * <p>Not thread-safe: one instance per thread (streams are cheap, derive a new one instead of sharing).
 */
public final class Rng {
    /** The golden-ratio increment of SplitMix64 (odd, so the state sequence has full period 2^64). */
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;
    private static final double TWO_PI = 2 * StrictMath.PI;

    private long state;

    private Rng(long state) {
        this.state = state;
    }

    /** A generator whose sequence is fully determined by {@code seed} (no path). */
    public static Rng of(long seed) {
        return new Rng(mix64(seed));
    }

    /**
     * The independent stream named {@code path} under {@code seed}.
     *
     * @param seed root seed, any value
     * @param path names of the stream from the outside in, e.g. parameter key then obstacle id; non-null
     */
    public static Rng stream(long seed, String... path) {
        return new Rng(streamSeed(seed, path));
    }

    /** The initial state of {@link #stream(long, String...)}, exposed for tests and digests. */
    public static long streamSeed(long seed, String... path) {
        Objects.requireNonNull(path, "path");
        long h = mix64(seed);
        for (String part : path) {
            h = mix64(h + GAMMA) ^ hash(Objects.requireNonNull(part, "path element"));
        }
        return mix64(h ^ path.length);
    }

    /** A sub-stream of this one named {@code name}; this generator's state is read, not advanced. */
    public Rng split(String name) {
        return new Rng(mix64(mix64(state + GAMMA) ^ hash(name)));
    }

    /** A stable 64-bit hash of {@code text}: FNV-1a over its UTF-8 bytes, then mixed. */
    public static long hash(String text) {
        long h = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= FNV_PRIME;
        }
        return mix64(h);
    }

    /** The SplitMix64 finaliser: a bijection on 64-bit values with strong avalanche. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 uniformly distributed bits. */
    public long nextLong() {
        state += GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, 1), a multiple of 2^-53. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [min, max] (max itself only when min == max), clamped against rounding. */
    public double uniform(double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("need min <= max, got [" + min + ", " + max + "]");
        }
        double v = min + nextDouble() * (max - min);
        return Math.min(max, Math.max(min, v));
    }

    /** Uniform integer in [0, bound), bound &gt; 0; unbiased (rejection sampling). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        // 2^64 mod bound: the accepted range [threshold, 2^64) holds a whole number of residue cycles.
        long threshold = Long.remainderUnsigned(-(long) bound, bound);
        while (true) {
            long r = nextLong();
            if (Long.compareUnsigned(r, threshold) >= 0) {
                return (int) Long.remainderUnsigned(r, bound);
            }
        }
    }

    /** With probability {@code p} (clamped to [0, 1]). */
    public boolean chance(double p) {
        return nextDouble() < p;
    }

    /** A standard normal value (Box-Muller with StrictMath; one value per two uniforms). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(TWO_PI * u2);
    }
}
