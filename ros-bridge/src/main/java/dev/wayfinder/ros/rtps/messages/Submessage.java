package dev.wayfinder.ros.rtps.messages;

/**
 * One decoded RTPS submessage. Interpreter submessages (INFO_TS, INFO_DST, INFO_SRC) change how the ones after
 * them in the same message are read; entity submessages carry protocol data.
 */
public sealed interface Submessage {

    /** Submessage ids (spec 9.4.5.1.1). */
    final class Id {
        /** PAD. */
        public static final int PAD = 0x01;
        /** ACKNACK. */
        public static final int ACKNACK = 0x06;
        /** HEARTBEAT. */
        public static final int HEARTBEAT = 0x07;
        /** GAP. */
        public static final int GAP = 0x08;
        /** INFO_TS. */
        public static final int INFO_TS = 0x09;
        /** INFO_SRC. */
        public static final int INFO_SRC = 0x0c;
        /** INFO_DST. */
        public static final int INFO_DST = 0x0e;
        /** NACK_FRAG. */
        public static final int NACK_FRAG = 0x12;
        /** HEARTBEAT_FRAG. */
        public static final int HEARTBEAT_FRAG = 0x13;
        /** DATA. */
        public static final int DATA = 0x15;
        /** DATA_FRAG. */
        public static final int DATA_FRAG = 0x16;

        private Id() {
        }
    }

    /**
     * DATA: one whole sample.
     *
     * @param readerId addressed reader, or UNKNOWN for all
     * @param writerId sending writer
     * @param seq writer sequence number (>= 1)
     * @param inlineQos raw inline QoS parameter list (little or big endian as flagged), empty if none
     * @param inlineQosBigEndian byte order of the inline QoS
     * @param payload serialized payload including its encapsulation header; empty if none
     * @param key whether the payload is a serialized key (dispose/unregister) rather than data
     */
    record Data(EntityId readerId, EntityId writerId, long seq, byte[] inlineQos, boolean inlineQosBigEndian,
                byte[] payload, boolean key) implements Submessage {
    }

    /**
     * DATA_FRAG: consecutive fragments of one sample.
     *
     * @param readerId addressed reader
     * @param writerId sending writer
     * @param seq writer sequence number
     * @param fragmentStart number of the first fragment here (1-based)
     * @param fragmentsInSubmessage how many fragments follow
     * @param fragmentSize size of every fragment but the last (bytes)
     * @param sampleSize whole sample size (bytes)
     * @param buffer the datagram the fragment bytes lie in (not copied: valid only while that datagram is handled,
     *     so a reader copies the bytes it keeps)
     * @param dataOffset where the fragment bytes start in {@code buffer}
     * @param dataLength how many fragment bytes there are
     */
    record DataFrag(EntityId readerId, EntityId writerId, long seq, long fragmentStart, int fragmentsInSubmessage,
                    int fragmentSize, long sampleSize, byte[] buffer, int dataOffset, int dataLength)
            implements Submessage {
        /** Checks that the fragment bytes lie inside the buffer. */
        public DataFrag {
            if (dataOffset < 0 || dataLength < 0 || dataOffset > buffer.length - dataLength) {
                throw new IllegalArgumentException("fragment bytes " + dataOffset + "+" + dataLength
                        + " outside a buffer of " + buffer.length);
            }
        }

        /** @return a copy of the fragment bytes */
        public byte[] data() {
            return java.util.Arrays.copyOfRange(buffer, dataOffset, dataOffset + dataLength);
        }
    }

    /**
     * HEARTBEAT: which sequence numbers a writer has available.
     *
     * @param readerId addressed reader
     * @param writerId writer
     * @param first first available sequence number
     * @param last last available sequence number
     * @param count monotonically increasing counter
     * @param isFinal whether no response is required
     * @param liveliness liveliness flag
     */
    record Heartbeat(EntityId readerId, EntityId writerId, long first, long last, int count, boolean isFinal,
                     boolean liveliness) implements Submessage {
    }

    /**
     * ACKNACK: a reader acknowledges everything below the base and requests the marked numbers.
     *
     * @param readerId reader
     * @param writerId addressed writer
     * @param state base and missing numbers
     * @param count counter
     * @param isFinal whether the writer need not respond with a heartbeat
     */
    record AckNack(EntityId readerId, EntityId writerId, SequenceNumberSet state, int count, boolean isFinal)
            implements Submessage {
    }

    /**
     * NACK_FRAG: a reader requests missing fragments of one sample.
     *
     * @param readerId reader
     * @param writerId addressed writer
     * @param seq sample
     * @param missing missing fragment numbers (1-based, held as a number set)
     * @param count counter
     */
    record NackFrag(EntityId readerId, EntityId writerId, long seq, SequenceNumberSet missing, int count)
            implements Submessage {
    }

    /**
     * GAP: sequence numbers that will never be sent (irrelevant or gone from the history).
     *
     * @param readerId addressed reader
     * @param writerId writer
     * @param gapStart first number of the contiguous gap
     * @param gapList the gap continues up to gapList.base()-1, plus the marked numbers
     */
    record Gap(EntityId readerId, EntityId writerId, long gapStart, SequenceNumberSet gapList)
            implements Submessage {
    }

    /**
     * INFO_TS: source timestamp for the following submessages.
     *
     * @param nanos time since the Unix epoch in nanoseconds, or -1 when invalidated
     */
    record InfoTs(long nanos) implements Submessage {
    }

    /**
     * INFO_DST: the participant the following submessages are for.
     *
     * @param prefix destination, UNKNOWN for everyone
     */
    record InfoDst(GuidPrefix prefix) implements Submessage {
    }

    /**
     * INFO_SRC: the participant the following submessages come from.
     *
     * @param prefix source
     */
    record InfoSrc(GuidPrefix prefix) implements Submessage {
    }
}
