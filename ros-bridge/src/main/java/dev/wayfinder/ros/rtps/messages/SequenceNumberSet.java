package dev.wayfinder.ros.rtps.messages;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bitmap of up to 256 sequence numbers starting at a base (spec 9.4.2.6).
 *
 * @param base the first sequence number the bitmap covers (>= 1 on the wire; 0 tolerated)
 * @param numBits number of valid bits (0..256)
 * @param bitmap (numBits+31)/32 words, most significant bit first
 */
public record SequenceNumberSet(long base, int numBits, int[] bitmap) {
    /** Largest bitmap size the spec allows. */
    public static final int MAX_BITS = 256;

    /** Validates sizes and copies the bitmap. */
    public SequenceNumberSet {
        if (numBits < 0 || numBits > MAX_BITS || bitmap == null || bitmap.length != (numBits + 31) / 32 || base < 0) {
            throw new IllegalArgumentException("bad sequence number set: base " + base + ", numBits " + numBits);
        }
        bitmap = bitmap.clone();
    }

    /**
     * Builds a set from a base and the members to mark.
     *
     * @param base first covered number
     * @param members numbers in [base, base+256); others are ignored
     * @return the set, sized to the highest member
     */
    public static SequenceNumberSet of(long base, List<Long> members) {
        int numBits = 0;
        for (long m : members) {
            if (m >= base && m < base + MAX_BITS) {
                numBits = (int) Math.max(numBits, m - base + 1);
            }
        }
        int[] words = new int[(numBits + 31) / 32];
        for (long m : members) {
            if (m >= base && m < base + numBits) {
                int i = (int) (m - base);
                words[i / 32] |= 1 << (31 - (i % 32));
            }
        }
        return new SequenceNumberSet(base, numBits, words);
    }

    /** @return whether a sequence number is marked */
    public boolean contains(long seq) {
        long i = seq - base;
        if (i < 0 || i >= numBits) {
            return false;
        }
        return (bitmap[(int) i / 32] & (1 << (31 - ((int) i % 32)))) != 0;
    }

    /** @return the marked sequence numbers in ascending order */
    public List<Long> members() {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < numBits; i++) {
            if ((bitmap[i / 32] & (1 << (31 - (i % 32)))) != 0) {
                out.add(base + i);
            }
        }
        return out;
    }

    @Override
    public int[] bitmap() {
        return bitmap.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceNumberSet s && s.base == base && s.numBits == numBits
                && Arrays.equals(s.bitmap, bitmap);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(base) * 31 + Arrays.hashCode(bitmap);
    }

    @Override
    public String toString() {
        return "SNSet(" + base + "/" + numBits + " " + members() + ")";
    }
}
