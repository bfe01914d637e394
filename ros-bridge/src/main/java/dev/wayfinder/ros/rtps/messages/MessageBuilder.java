package dev.wayfinder.ros.rtps.messages;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Encodes one RTPS message (header, then submessages, all little endian). Not thread-safe; one per datagram.
 */
public final class MessageBuilder {
    /** Protocol version sent: 2.3 (what Cyclone DDS 0.10 sends is 2.1; both interoperate). */
    public static final int MINOR_VERSION = 3;
    private byte[] buf;
    private ByteBuffer bb;
    private int pos;

    /**
     * Starts a message.
     *
     * @param vendorId our vendor id
     * @param prefix our participant
     * @param capacity initial capacity in bytes
     */
    public MessageBuilder(int vendorId, GuidPrefix prefix, int capacity) {
        buf = new byte[Math.max(64, capacity)];
        bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        buf[0] = 'R';
        buf[1] = 'T';
        buf[2] = 'P';
        buf[3] = 'S';
        buf[4] = 2;
        buf[5] = MINOR_VERSION;
        buf[6] = (byte) (vendorId >> 8);
        buf[7] = (byte) vendorId;
        System.arraycopy(prefix.toBytes(), 0, buf, 8, 12);
        pos = Header.LENGTH;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private void header(int id, int flags, int length) {
        ensure(4 + length);
        buf[pos] = (byte) id;
        buf[pos + 1] = (byte) (flags | 1);
        bb.putShort(pos + 2, (short) length);
        pos += 4;
    }

    private void eid(EntityId e) {
        bb.order(ByteOrder.BIG_ENDIAN).putInt(pos, e.value()).order(ByteOrder.LITTLE_ENDIAN);
        pos += 4;
    }

    private void sn(long s) {
        bb.putInt(pos, (int) (s >>> 32));
        bb.putInt(pos + 4, (int) s);
        pos += 8;
    }

    private void i32(int v) {
        bb.putInt(pos, v);
        pos += 4;
    }

    private void bytes(byte[] b, int off, int len) {
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    private void set(SequenceNumberSet s, boolean sn64) {
        if (sn64) {
            sn(s.base());
        } else {
            i32((int) s.base());
        }
        i32(s.numBits());
        for (int w : s.bitmap()) {
            i32(w);
        }
    }

    /** @return bytes encoded so far */
    public int size() {
        return pos;
    }

    /**
     * @param nanos source time since the Unix epoch (ns)
     * @return this
     */
    public MessageBuilder infoTs(long nanos) {
        header(Submessage.Id.INFO_TS, 0, 8);
        long sec = Math.floorDiv(nanos, 1_000_000_000L);
        long rem = Math.floorMod(nanos, 1_000_000_000L);
        i32((int) sec);
        i32((int) ((rem << 32) / 1_000_000_000L));
        return this;
    }

    /**
     * @param prefix destination participant
     * @return this
     */
    public MessageBuilder infoDst(GuidPrefix prefix) {
        header(Submessage.Id.INFO_DST, 0, 12);
        bytes(prefix.toBytes(), 0, 12);
        return this;
    }

    /**
     * Appends a DATA submessage.
     *
     * @param reader addressed reader (UNKNOWN for all)
     * @param writer writer
     * @param seq sequence number
     * @param inlineQos encoded inline QoS (little endian, sentinel included) or null
     * @param payload serialized payload including encapsulation header
     * @param key whether the payload is a key only
     * @return this
     */
    public MessageBuilder data(EntityId reader, EntityId writer, long seq, byte[] inlineQos, byte[] payload,
                               boolean key) {
        int qlen = inlineQos == null ? 0 : inlineQos.length;
        int plen = (payload.length + 3) & ~3;
        int flags = (qlen > 0 ? 2 : 0) | (key ? 8 : 4);
        header(Submessage.Id.DATA, flags, 20 + qlen + plen);
        i32(16 << 16);
        eid(reader);
        eid(writer);
        sn(seq);
        if (qlen > 0) {
            bytes(inlineQos, 0, qlen);
        }
        bytes(payload, 0, payload.length);
        pos += plen - payload.length;
        return this;
    }

    /**
     * Appends a DATA_FRAG submessage.
     *
     * @param reader addressed reader
     * @param writer writer
     * @param seq sequence number
     * @param fragmentStart first fragment number (1-based)
     * @param fragments number of fragments included
     * @param fragmentSize fragment size (bytes)
     * @param sample whole serialized sample
     * @return this
     */
    public MessageBuilder dataFrag(EntityId reader, EntityId writer, long seq, int fragmentStart, int fragments,
                                   int fragmentSize, byte[] sample) {
        int from = (fragmentStart - 1) * fragmentSize;
        int to = Math.min(sample.length, from + fragments * fragmentSize);
        int len = to - from;
        int padded = (len + 3) & ~3;
        header(Submessage.Id.DATA_FRAG, 0, 32 + padded);
        i32(28 << 16);
        eid(reader);
        eid(writer);
        sn(seq);
        i32(fragmentStart);
        bb.putShort(pos, (short) fragments);
        bb.putShort(pos + 2, (short) fragmentSize);
        pos += 4;
        i32(sample.length);
        bytes(sample, from, len);
        pos += padded - len;
        return this;
    }

    /**
     * @param reader addressed reader
     * @param writer writer
     * @param first first available number
     * @param last last available number
     * @param count counter
     * @param isFinal whether no answer is needed
     * @return this
     */
    public MessageBuilder heartbeat(EntityId reader, EntityId writer, long first, long last, int count,
                                    boolean isFinal) {
        header(Submessage.Id.HEARTBEAT, isFinal ? 2 : 0, 28);
        eid(reader);
        eid(writer);
        sn(first);
        sn(last);
        i32(count);
        return this;
    }

    /**
     * @param reader our reader
     * @param writer addressed writer
     * @param state acknowledged base and missing numbers
     * @param count counter
     * @param isFinal whether the writer need not answer
     * @return this
     */
    public MessageBuilder ackNack(EntityId reader, EntityId writer, SequenceNumberSet state, int count,
                                  boolean isFinal) {
        header(Submessage.Id.ACKNACK, isFinal ? 2 : 0, 8 + 12 + 4 * state.bitmap().length + 4);
        eid(reader);
        eid(writer);
        set(state, true);
        i32(count);
        return this;
    }

    /**
     * @param reader our reader
     * @param writer addressed writer
     * @param seq sample
     * @param missing missing fragment numbers
     * @param count counter
     * @return this
     */
    public MessageBuilder nackFrag(EntityId reader, EntityId writer, long seq, SequenceNumberSet missing, int count) {
        header(Submessage.Id.NACK_FRAG, 0, 16 + 8 + 4 * missing.bitmap().length + 4);
        eid(reader);
        eid(writer);
        sn(seq);
        set(missing, false);
        i32(count);
        return this;
    }

    /**
     * @param reader addressed reader
     * @param writer writer
     * @param gapStart first irrelevant number
     * @param gapList contiguous gap ends at its base - 1; marked numbers are irrelevant too
     * @return this
     */
    public MessageBuilder gap(EntityId reader, EntityId writer, long gapStart, SequenceNumberSet gapList) {
        header(Submessage.Id.GAP, 0, 16 + 12 + 4 * gapList.bitmap().length);
        eid(reader);
        eid(writer);
        sn(gapStart);
        set(gapList, true);
        return this;
    }

    /** @return the encoded message */
    public byte[] toBytes() {
        return Arrays.copyOf(buf, pos);
    }
}
