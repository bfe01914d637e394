package dev.wayfinder.ros.cdr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes XCDR1 data into a growing byte array, starting with the 4-byte encapsulation header.
 * Not thread-safe; one writer per sample.
 */
public final class CdrWriter {
    private static final int HEADER = 4;
    private byte[] buf;
    private ByteBuffer bb;
    private int pos;
    private final boolean bigEndian;

    /**
     * Creates a writer that emits an encapsulation header.
     *
     * @param bigEndian true for CDR_BE, false for CDR_LE (what ROS 2 peers send)
     * @param initialCapacity first buffer size in bytes (>= 8)
     */
    public CdrWriter(boolean bigEndian, int initialCapacity) {
        this.bigEndian = bigEndian;
        this.buf = new byte[Math.max(8, initialCapacity)];
        this.bb = wrap(buf);
        buf[0] = 0;
        buf[1] = (byte) (bigEndian ? 0 : 1);
        pos = HEADER;
    }

    /** Creates a little-endian writer. */
    public CdrWriter() {
        this(false, 256);
    }

    private ByteBuffer wrap(byte[] b) {
        return ByteBuffer.wrap(b).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            int cap = Math.max(buf.length * 2, pos + n);
            buf = Arrays.copyOf(buf, cap);
            bb = wrap(buf);
        }
    }

    private void align(int a) {
        int rel = pos - HEADER;
        int pad = (a - (rel % a)) % a;
        ensure(pad);
        for (int i = 0; i < pad; i++) {
            buf[pos++] = 0;
        }
    }

    /** @param v a boolean, as one byte 0 or 1 */
    public void writeBool(boolean v) {
        writeInt8(v ? 1 : 0);
    }

    /** @param v an octet or int8 (low 8 bits are written) */
    public void writeInt8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    /** @param v an int16 or uint16 (low 16 bits) */
    public void writeInt16(int v) {
        align(2);
        ensure(2);
        bb.putShort(pos, (short) v);
        pos += 2;
    }

    /** @param v an int32 or uint32 (bit pattern) */
    public void writeInt32(int v) {
        align(4);
        ensure(4);
        bb.putInt(pos, v);
        pos += 4;
    }

    /** @param v an int64 or uint64 (bit pattern) */
    public void writeInt64(long v) {
        align(8);
        ensure(8);
        bb.putLong(pos, v);
        pos += 8;
    }

    /** @param v a float32 */
    public void writeFloat32(float v) {
        writeInt32(Float.floatToRawIntBits(v));
    }

    /** @param v a float64 */
    public void writeFloat64(double v) {
        writeInt64(Double.doubleToRawLongBits(v));
    }

    /** @param s a string: uint32 length including the terminating NUL, UTF-8 bytes, NUL */
    public void writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt32(b.length + 1);
        ensure(b.length + 1);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        buf[pos++] = 0;
    }

    /**
     * Writes raw octets without a length (a fixed-size octet array).
     *
     * @param b source
     * @param off first byte
     * @param len number of bytes
     */
    public void writeOctets(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** @param b a sequence&lt;octet&gt;: uint32 length, then the bytes */
    public void writeOctetSequence(ByteBuffer b) {
        ByteBuffer src = b.duplicate();
        int n = src.remaining();
        writeInt32(n);
        ensure(n);
        src.get(buf, pos, n);
        pos += n;
    }

    /** @param v a fixed-size double array (no length prefix) */
    public void writeFloat64Array(double[] v) {
        for (double d : v) {
            writeFloat64(d);
        }
    }

    /** @param v a sequence&lt;double&gt;: uint32 length, then the values */
    public void writeFloat64Sequence(double[] v) {
        writeInt32(v.length);
        writeFloat64Array(v);
    }

    /** @param v a sequence&lt;float&gt;: uint32 length, then the values */
    public void writeFloat32Sequence(float[] v) {
        writeInt32(v.length);
        for (float f : v) {
            writeFloat32(f);
        }
    }

    /** @return bytes written so far, including the encapsulation header */
    public int size() {
        return pos;
    }

    /**
     * Returns the payload padded to a multiple of 4 bytes, the padding count in the header's option bits
     * (as RTPS submessages need 4-byte lengths).
     *
     * @return the serialized payload, including the encapsulation header: a copy, or the writer's own buffer when it
     *     is exactly that long (the writer is not written to after this)
     */
    public byte[] toByteArray() {
        int pad = (4 - (pos % 4)) % 4;
        // A buffer grown to exactly the data (an image's pixels end the message) is handed out as it is: no second
        // copy of a megabyte per image. The writer is done once this is called.
        byte[] out = pos + pad == buf.length ? buf : Arrays.copyOf(buf, pos + pad);
        out[3] = (byte) pad;
        return out;
    }
}
