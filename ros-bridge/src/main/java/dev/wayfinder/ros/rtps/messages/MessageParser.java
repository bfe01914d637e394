package dev.wayfinder.ros.rtps.messages;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes RTPS datagrams. Pure and stateless; never throws on bad input: a malformed submessage ends parsing and
 * is reported in {@link ParsedMessage#error()}, keeping what was decoded before it.
 */
public final class MessageParser {
    private static final long FRACTION = 1L << 32;

    private MessageParser() {
    }

    /**
     * Parses one datagram.
     *
     * @param buf datagram bytes (not modified; DATA_FRAG submessages refer to their fragment bytes in it, everything
     *     else is copied)
     * @param length number of valid bytes in buf
     * @return header, submessages and any error
     */
    public static ParsedMessage parse(byte[] buf, int length) {
        List<Submessage> out = new ArrayList<>();
        if (length < Header.LENGTH || length > buf.length || buf[0] != 'R' || buf[1] != 'T' || buf[2] != 'P'
                || buf[3] != 'S') {
            return new ParsedMessage(Optional.empty(), out, 0, Optional.of("not an RTPS message"));
        }
        int major = buf[4] & 0xFF;
        Header header = new Header(major, buf[5] & 0xFF, ((buf[6] & 0xFF) << 8) | (buf[7] & 0xFF),
                GuidPrefix.of(buf, 8));
        if (major != 2) {
            return new ParsedMessage(Optional.of(header), out, 0, Optional.of("unsupported RTPS major " + major));
        }
        int pos = Header.LENGTH;
        int skipped = 0;
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, length);
        while (pos + 4 <= length) {
            int id = buf[pos] & 0xFF;
            int flags = buf[pos + 1] & 0xFF;
            bb.order((flags & 1) != 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            int octets = bb.getShort(pos + 2) & 0xFFFF;
            int body = pos + 4;
            int end;
            if (octets == 0 && id != Submessage.Id.PAD && id != Submessage.Id.INFO_TS) {
                end = length;
            } else {
                end = body + octets;
            }
            if (end > length) {
                return new ParsedMessage(Optional.of(header), out, skipped,
                        Optional.of(String.format("submessage 0x%02x at %d claims %d bytes, only %d left", id, pos,
                                octets, length - body)));
            }
            try {
                Submessage s = decode(bb, id, flags, body, end);
                if (s == null) {
                    skipped++;
                } else {
                    out.add(s);
                }
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                return new ParsedMessage(Optional.of(header), out, skipped,
                        Optional.of(String.format("malformed submessage 0x%02x at %d: %s", id, pos, e.getMessage())));
            }
            pos = end;
        }
        return new ParsedMessage(Optional.of(header), out, skipped, Optional.empty());
    }

    private static Submessage decode(ByteBuffer bb, int id, int flags, int p, int end) {
        switch (id) {
            case Submessage.Id.DATA -> {
                return data(bb, flags, p, end);
            }
            case Submessage.Id.DATA_FRAG -> {
                return dataFrag(bb, flags, p, end);
            }
            case Submessage.Id.HEARTBEAT -> {
                check(p + 28 <= end, "HEARTBEAT too short");
                return new Submessage.Heartbeat(eid(bb, p), eid(bb, p + 4), sn(bb, p + 8), sn(bb, p + 16),
                        bb.getInt(p + 24), (flags & 2) != 0, (flags & 4) != 0);
            }
            case Submessage.Id.ACKNACK -> {
                int[] next = new int[1];
                SequenceNumberSet set = snSet(bb, p + 8, end, next, true);
                check(next[0] + 4 <= end, "ACKNACK missing count");
                return new Submessage.AckNack(eid(bb, p), eid(bb, p + 4), set, bb.getInt(next[0]), (flags & 2) != 0);
            }
            case Submessage.Id.GAP -> {
                check(p + 16 <= end, "GAP too short");
                int[] next = new int[1];
                SequenceNumberSet set = snSet(bb, p + 16, end, next, true);
                return new Submessage.Gap(eid(bb, p), eid(bb, p + 4), sn(bb, p + 8), set);
            }
            case Submessage.Id.NACK_FRAG -> {
                check(p + 16 <= end, "NACK_FRAG too short");
                int[] next = new int[1];
                SequenceNumberSet set = snSet(bb, p + 16, end, next, false);
                check(next[0] + 4 <= end, "NACK_FRAG missing count");
                return new Submessage.NackFrag(eid(bb, p), eid(bb, p + 4), sn(bb, p + 8), set, bb.getInt(next[0]));
            }
            case Submessage.Id.INFO_TS -> {
                if ((flags & 2) != 0) {
                    return new Submessage.InfoTs(-1);
                }
                check(p + 8 <= end, "INFO_TS too short");
                long sec = bb.getInt(p) & 0xFFFF_FFFFL;
                long frac = bb.getInt(p + 4) & 0xFFFF_FFFFL;
                return new Submessage.InfoTs(sec * 1_000_000_000L + (frac * 1_000_000_000L) / FRACTION);
            }
            case Submessage.Id.INFO_DST -> {
                check(p + 12 <= end, "INFO_DST too short");
                return new Submessage.InfoDst(GuidPrefix.of(bb.array(), p));
            }
            case Submessage.Id.INFO_SRC -> {
                check(p + 20 <= end, "INFO_SRC too short");
                return new Submessage.InfoSrc(GuidPrefix.of(bb.array(), p + 8));
            }
            default -> {
                return null;
            }
        }
    }

    private static Submessage data(ByteBuffer bb, int flags, int p, int end) {
        check(p + 20 <= end, "DATA too short");
        int toQos = bb.getShort(p + 2) & 0xFFFF;
        EntityId reader = eid(bb, p + 4);
        EntityId writer = eid(bb, p + 8);
        long seq = sn(bb, p + 12);
        int q = p + 4 + toQos;
        check(q <= end && toQos >= 16, "DATA inline QoS offset out of range");
        byte[] qos = new byte[0];
        if ((flags & 2) != 0) {
            int qend = ParameterList.findEnd(bb, q, end);
            check(qend >= 0, "DATA inline QoS has no sentinel");
            qos = copy(bb, q, qend - q);
            q = qend;
        }
        boolean hasData = (flags & 4) != 0;
        boolean hasKey = (flags & 8) != 0;
        byte[] payload = (hasData || hasKey) ? copy(bb, q, end - q) : new byte[0];
        return new Submessage.Data(reader, writer, seq, qos, (flags & 1) == 0, payload, hasKey && !hasData);
    }

    private static Submessage dataFrag(ByteBuffer bb, int flags, int p, int end) {
        check(p + 32 <= end, "DATA_FRAG too short");
        int toQos = bb.getShort(p + 2) & 0xFFFF;
        EntityId reader = eid(bb, p + 4);
        EntityId writer = eid(bb, p + 8);
        long seq = sn(bb, p + 12);
        long start = bb.getInt(p + 20) & 0xFFFF_FFFFL;
        int count = bb.getShort(p + 24) & 0xFFFF;
        int size = bb.getShort(p + 26) & 0xFFFF;
        long sample = bb.getInt(p + 28) & 0xFFFF_FFFFL;
        int q = p + 4 + toQos;
        check(q <= end && toQos >= 28, "DATA_FRAG inline QoS offset out of range");
        if ((flags & 2) != 0) {
            int qend = ParameterList.findEnd(bb, q, end);
            check(qend >= 0, "DATA_FRAG inline QoS has no sentinel");
            q = qend;
        }
        check(start >= 1 && size > 0 && sample > 0 && count > 0, "DATA_FRAG with zero fragment fields");
        check(end - q >= 0 && end <= bb.limit(), "length out of range");
        // The fragment bytes stay in the datagram: the reader copies them once, into the sample being reassembled.
        return new Submessage.DataFrag(reader, writer, seq, start, count, size, sample, bb.array(), q, end - q);
    }

    private static SequenceNumberSet snSet(ByteBuffer bb, int p, int end, int[] next, boolean sn64) {
        int baseLen = sn64 ? 8 : 4;
        check(p + baseLen + 4 <= end, "number set too short");
        long base = sn64 ? sn(bb, p) : (bb.getInt(p) & 0xFFFF_FFFFL);
        int numBits = bb.getInt(p + baseLen);
        check(numBits >= 0 && numBits <= SequenceNumberSet.MAX_BITS, "number set with " + numBits + " bits");
        int words = (numBits + 31) / 32;
        int q = p + baseLen + 4;
        check(q + 4 * words <= end, "number set bitmap truncated");
        int[] bits = new int[words];
        for (int i = 0; i < words; i++) {
            bits[i] = bb.getInt(q + 4 * i);
        }
        next[0] = q + 4 * words;
        check(base >= 0, "negative sequence number base");
        return new SequenceNumberSet(base, numBits, bits);
    }

    private static long sn(ByteBuffer bb, int p) {
        return ((long) bb.getInt(p) << 32) | (bb.getInt(p + 4) & 0xFFFF_FFFFL);
    }

    private static EntityId eid(ByteBuffer bb, int p) {
        byte[] a = bb.array();
        return new EntityId(((a[p] & 0xFF) << 24) | ((a[p + 1] & 0xFF) << 16) | ((a[p + 2] & 0xFF) << 8)
                | (a[p + 3] & 0xFF));
    }

    private static byte[] copy(ByteBuffer bb, int p, int len) {
        check(len >= 0 && p + len <= bb.limit(), "length out of range");
        byte[] out = new byte[len];
        System.arraycopy(bb.array(), p, out, 0, len);
        return out;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }
}
