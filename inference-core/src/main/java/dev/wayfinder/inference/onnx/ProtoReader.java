package dev.wayfinder.inference.onnx;

import dev.wayfinder.inference.format.ModelFormatException;

import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked reader of the protobuf wire format over a slice of a byte array. Not thread-safe.
 * Every length and varint is checked against the slice, so malformed input ends in a
 * {@link ModelFormatException} naming the message being read and the byte offset.
 */
final class ProtoReader {
    static final int VARINT = 0, FIXED64 = 1, LEN = 2, FIXED32 = 5;

    private final byte[] b;
    private final int end;
    private final String what;
    private int pos;
    private int tag;

    ProtoReader(byte[] b, int start, int end, String what) {
        this.b = b;
        this.pos = start;
        this.end = end;
        this.what = what;
    }

    ModelFormatException fail(String problem) {
        return new ModelFormatException("onnx: " + what + " at byte " + pos + ": " + problem);
    }

    /** Advances to the next field; false at the end of the slice. */
    boolean next() throws ModelFormatException {
        if (pos >= end) {
            return false;
        }
        long t = varint();
        if (t >>> 32 != 0 || (t >>> 3) == 0) {
            throw fail("invalid field tag " + t);
        }
        tag = (int) t;
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long varint() throws ModelFormatException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw fail("truncated varint");
            }
            int x = b[pos++];
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                return v;
            }
        }
        throw fail("varint longer than 10 bytes");
    }

    int fixed32() throws ModelFormatException {
        if (end - pos < 4) {
            throw fail("truncated fixed32");
        }
        int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    /** The length of a length-delimited field, checked against the slice; the position is then at its start. */
    int length() throws ModelFormatException {
        if (wireType() != LEN) {
            throw fail("field " + field() + " has wire type " + wireType() + "; expected length-delimited");
        }
        long n = varint();
        if (n < 0 || n > end - pos) {
            throw fail("field " + field() + " declares " + n + " bytes, but only " + (end - pos) + " remain");
        }
        return (int) n;
    }

    /** A reader over the next length-delimited field, which this reader skips. */
    ProtoReader message(String name) throws ModelFormatException {
        int n = length();
        ProtoReader r = new ProtoReader(b, pos, pos + n, name);
        pos += n;
        return r;
    }

    String string() throws ModelFormatException {
        int n = length();
        String s = new String(b, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Start offset and length of a length-delimited field's bytes, skipping them. */
    int[] bytes() throws ModelFormatException {
        int n = length();
        int[] r = {pos, n};
        pos += n;
        return r;
    }

    byte[] array() {
        return b;
    }

    /** A varint field's value, whether the field is packed or not, appended to {@code out}. */
    void int64s(LongList out) throws ModelFormatException {
        if (wireType() == VARINT) {
            out.add(varint());
            return;
        }
        int n = length();
        int stop = pos + n;
        ProtoReader p = new ProtoReader(b, pos, stop, what);
        while (p.pos < stop) {
            out.add(p.varint());
        }
        pos = stop;
    }

    /** A float field's values, packed or not, appended to {@code out}. */
    void floats(FloatList out) throws ModelFormatException {
        if (wireType() == FIXED32) {
            out.add(Float.intBitsToFloat(fixed32()));
            return;
        }
        int n = length();
        if (n % 4 != 0) {
            throw fail("packed floats of " + n + " bytes (not a multiple of 4)");
        }
        for (int i = 0; i < n / 4; i++) {
            out.add(Float.intBitsToFloat(fixed32()));
        }
    }

    void skip() throws ModelFormatException {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> {
                if (end - pos < 8) {
                    throw fail("truncated fixed64");
                }
                pos += 8;
            }
            case LEN -> {
                int n = length(); // not "pos += length()": that would add to the position before the length
                pos += n;
            }
            case FIXED32 -> fixed32();
            default -> throw fail("unsupported wire type " + wireType() + " (field " + field() + ")");
        }
    }

    /** A growable long list without boxing. */
    static final class LongList {
        long[] v = new long[8];
        int n;

        void add(long x) {
            if (n == v.length) {
                v = java.util.Arrays.copyOf(v, n * 2);
            }
            v[n++] = x;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(v, n);
        }
    }

    /** A growable float list without boxing. */
    static final class FloatList {
        float[] v = new float[8];
        int n;

        void add(float x) {
            if (n == v.length) {
                v = java.util.Arrays.copyOf(v, n * 2);
            }
            v[n++] = x;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(v, n);
        }
    }
}
