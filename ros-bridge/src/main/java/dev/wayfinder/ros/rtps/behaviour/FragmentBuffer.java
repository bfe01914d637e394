package dev.wayfinder.ros.rtps.behaviour;

import dev.wayfinder.ros.rtps.messages.SequenceNumberSet;
import dev.wayfinder.ros.rtps.messages.Submessage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Reassembles one fragmented sample; validates every fragment against the first one's geometry. */
final class FragmentBuffer {
    final long seq;
    final int sampleSize;
    final int fragmentSize;
    final int total;
    private final byte[] data;
    private final BitSet received;
    private int count;

    private FragmentBuffer(long seq, int sampleSize, int fragmentSize, byte[] data) {
        this.seq = seq;
        this.sampleSize = sampleSize;
        this.fragmentSize = fragmentSize;
        this.total = (int) (((long) sampleSize + fragmentSize - 1) / fragmentSize);
        this.data = data;
        this.received = new BitSet(total);
    }

    /**
     * @param reuse an array of exactly the sample's size to reassemble into (its old bytes are all overwritten before
     *     the sample is complete), or null for a new one
     * @return a buffer for the fragment's sample, or null if its geometry is invalid or over the size limit
     */
    static FragmentBuffer start(Submessage.DataFrag f, int maxSampleSize, byte[] reuse) {
        if (f.sampleSize() > maxSampleSize || f.sampleSize() <= 0 || f.fragmentSize() <= 0) {
            return null;
        }
        int size = (int) f.sampleSize();
        return new FragmentBuffer(f.seq(), size, f.fragmentSize(),
                reuse != null && reuse.length == size ? reuse : new byte[size]);
    }

    /** @return whether the fragment belonged to this sample and was consistent */
    boolean add(Submessage.DataFrag f) {
        if (f.sampleSize() != sampleSize || f.fragmentSize() != fragmentSize) {
            return false;
        }
        long first = f.fragmentStart();
        long last = first + f.fragmentsInSubmessage() - 1;
        if (first < 1 || last > total) {
            return false;
        }
        long from = (first - 1) * fragmentSize;
        long to = Math.min(sampleSize, last * fragmentSize);
        if (f.dataLength() < to - from) {
            return false;
        }
        System.arraycopy(f.buffer(), f.dataOffset(), data, (int) from, (int) (to - from));
        for (long i = first; i <= last; i++) {
            if (!received.get((int) i - 1)) {
                received.set((int) i - 1);
                count++;
            }
        }
        return true;
    }

    boolean complete() {
        return count == total;
    }

    byte[] data() {
        return data;
    }

    /** @return up to 256 missing fragment numbers, as a set for NACK_FRAG */
    SequenceNumberSet missing() {
        int firstMissing = received.nextClearBit(0);
        List<Long> m = new ArrayList<>();
        for (int i = firstMissing; i < total && i < firstMissing + SequenceNumberSet.MAX_BITS; i++) {
            if (!received.get(i)) {
                m.add((long) i + 1);
            }
        }
        return SequenceNumberSet.of(firstMissing + 1L, m);
    }
}
