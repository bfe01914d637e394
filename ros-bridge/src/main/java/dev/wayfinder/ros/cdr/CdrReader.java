package dev.wayfinder.ros.cdr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads a serialized payload (encapsulation header first) as XCDR1 or XCDR2, little or big endian.
 * Every read is bounds-checked; malformed input raises {@link CdrException}, never an unchecked index error.
 * Not thread-safe.
 */
public final class CdrReader {
    private final ByteBuffer bb;
    private final int base;
    private final int end;
    private final int maxAlign;
    private final Encapsulation encapsulation;
    private int pos;

    /**
     * Creates a reader over a payload that starts with its encapsulation header.
     *
     * @param payload bytes; not copied and not modified
     * @param offset start of the encapsulation header
     * @param length payload length including the header
     * @throws CdrException if the header is missing or names an unsupported representation
     */
    public CdrReader(byte[] payload, int offset, int length) {
        if (offset < 0 || length < 4 || offset + length > payload.length || offset + length < 0) {
            throw new CdrException("payload too short for an encapsulation header: " + length + " bytes");
        }
        int id = ((payload[offset] & 0xFF) << 8) | (payload[offset + 1] & 0xFF);
        encapsulation = Encapsulation.of(id)
                .orElseThrow(() -> new CdrException(String.format("unsupported encapsulation 0x%04x", id)));
        bb = ByteBuffer.wrap(payload).order(encapsulation.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        base = offset + 4;
        end = offset + length;
        pos = base;
        maxAlign = encapsulation.xcdr2() ? 4 : 8;
    }

    /** @param payload a whole payload including the encapsulation header */
    public CdrReader(byte[] payload) {
        this(payload, 0, payload.length);
    }

    /** @return the encapsulation found in the header */
    public Encapsulation encapsulation() {
        return encapsulation;
    }

    /** @return bytes left to read */
    public int remaining() {
        return end - pos;
    }

    private void align(int a) {
        int eff = Math.min(a, maxAlign);
        int rel = pos - base;
        pos += (eff - (rel % eff)) % eff;
    }

    private void need(int n, String what) {
        if (n < 0 || pos > end || end - pos < n) {
            throw new CdrException("truncated payload reading " + what + " at offset " + (pos - base)
                    + " (need " + n + ", have " + Math.max(0, end - pos) + ")");
        }
    }

    /** @return a boolean (any non-zero byte is true) */
    public boolean readBool() {
        return readInt8() != 0;
    }

    /** @return an int8 (sign-extended); mask with 0xFF for an octet */
    public byte readInt8() {
        need(1, "octet");
        return bb.get(pos++);
    }

    /** @return an int16 (sign-extended) */
    public short readInt16() {
        align(2);
        need(2, "int16");
        short v = bb.getShort(pos);
        pos += 2;
        return v;
    }

    /** @return an int32 or the bit pattern of a uint32 */
    public int readInt32() {
        align(4);
        need(4, "int32");
        int v = bb.getInt(pos);
        pos += 4;
        return v;
    }

    /** @return an int64 or the bit pattern of a uint64 */
    public long readInt64() {
        align(8);
        need(8, "int64");
        long v = bb.getLong(pos);
        pos += 8;
        return v;
    }

    /** @return a float32 */
    public float readFloat32() {
        return Float.intBitsToFloat(readInt32());
    }

    /** @return a float64 */
    public double readFloat64() {
        return Double.longBitsToDouble(readInt64());
    }

    /**
     * Reads a sequence or string length and checks it against the bytes left.
     *
     * @param elementSize minimum bytes per element (>= 1)
     * @return the element count
     */
    public int readLength(int elementSize) {
        int n = readInt32();
        if (n < 0 || (long) n * elementSize > remaining()) {
            throw new CdrException("absurd sequence length " + Integer.toUnsignedString(n) + " at offset "
                    + (pos - base - 4) + " with " + remaining() + " bytes left");
        }
        return n;
    }

    /** @return a string; the terminating NUL is required by XCDR1 but tolerated as missing */
    public String readString() {
        int n = readLength(1);
        if (n == 0) {
            return "";
        }
        int len = bb.get(pos + n - 1) == 0 ? n - 1 : n;
        String s = new String(bb.array(), pos, len, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** @return a copy of a sequence&lt;octet&gt; */
    public byte[] readOctetSequence() {
        int n = readLength(1);
        return readOctets(n);
    }

    /**
     * @param n number of raw octets (no length prefix)
     * @return a copy of them
     */
    public byte[] readOctets(int n) {
        need(n, "octets");
        byte[] out = new byte[n];
        bb.get(pos, out, 0, n);
        pos += n;
        return out;
    }

    /**
     * @param n number of doubles in a fixed-size array
     * @return them
     */
    public double[] readFloat64Array(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = readFloat64();
        }
        return out;
    }

    /** @return a sequence&lt;double&gt; */
    public double[] readFloat64Sequence() {
        return readFloat64Array(readLength(8));
    }

    /** @return a sequence&lt;float&gt; */
    public float[] readFloat32Sequence() {
        int n = readLength(4);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = readFloat32();
        }
        return out;
    }
}
