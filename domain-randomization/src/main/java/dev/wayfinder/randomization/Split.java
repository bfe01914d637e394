package dev.wayfinder.randomization;

import java.util.Locale;
import java.util.Optional;

/**
 * Named evaluation splits with disjoint seed spaces. Episode {@code i} of a split has the seed
 * {@code tag << 62 | i} (tag 1 = train, 2 = validation, 3 = test; i in [0, 2^62)), so the three sets of
 * seeds can never overlap, whatever indices their users pick. Seeds with tag 0 belong to no split
 * ("raw" seeds). The randomizer mixes every seed through SplitMix64 before use, so neighbouring seeds
 * still give unrelated episodes.
 */
public enum Split {
    /** Episodes a policy is trained on. */
    TRAIN(1),
    /** Episodes used to pick checkpoints and hyper-parameters. */
    VALIDATION(2),
    /** Episodes reported as the final result, never looked at during development. */
    TEST(3);

    /** Largest episode index of a split. */
    public static final long MAX_INDEX = (1L << 62) - 1;

    private final long tag;

    Split(long tag) {
        this.tag = tag;
    }

    /** The seed of episode {@code index} (0 .. {@link #MAX_INDEX}) of this split. */
    public long seed(long index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("split index must be in [0, 2^62 - 1], got " + index);
        }
        return tag << 62 | index;
    }

    /** The index of {@code seed} within this split; the seed must belong to it. */
    public long index(long seed) {
        if (of(seed).orElse(null) != this) {
            throw new IllegalArgumentException("seed " + Long.toUnsignedString(seed) + " is not a " + key() + " seed");
        }
        return seed & MAX_INDEX;
    }

    /** The split {@code seed} belongs to; empty for raw seeds (top two bits 0). */
    public static Optional<Split> of(long seed) {
        int t = (int) (seed >>> 62);
        return switch (t) {
            case 1 -> Optional.of(TRAIN);
            case 2 -> Optional.of(VALIDATION);
            case 3 -> Optional.of(TEST);
            default -> Optional.empty();
        };
    }

    /** The name used on the command line and in files: {@code train}, {@code validation}, {@code test}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The split named {@code key} (case-insensitive). */
    public static Optional<Split> byKey(String key) {
        for (Split s : values()) {
            if (s.key().equalsIgnoreCase(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
