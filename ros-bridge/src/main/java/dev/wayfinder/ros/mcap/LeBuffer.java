package dev.wayfinder.ros.mcap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** A growing little-endian byte buffer that MCAP records are serialized into. Not thread-safe. */
final class LeBuffer {
    private byte[] buf;
    private int size;

    LeBuffer(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            long cap = Math.max((long) buf.length * 2, (long) size + n);
            if (cap > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("MCAP record buffer above 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) cap);
        }
    }

    LeBuffer u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    LeBuffer u16(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        return this;
    }

    LeBuffer u32(long v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    LeBuffer u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Overwrites 8 bytes at {@code at} (a length written before its content was known). */
    void putU64(int at, long v) {
        for (int i = 0; i < 8; i++) {
            buf[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** Overwrites 4 bytes at {@code at}. */
    void putU32(int at, long v) {
        for (int i = 0; i < 4; i++) {
            buf[at + i] = (byte) (v >>> (8 * i));
        }
    }

    LeBuffer bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    LeBuffer bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** A String: uint32 byte length, UTF-8 bytes. */
    LeBuffer string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length);
        return bytes(b);
    }

    /** A Map&lt;string, string&gt;: uint32 byte length of the entries, then key/value strings. */
    LeBuffer stringMap(Map<String, String> m) {
        int at = size;
        u32(0);
        m.forEach((k, v) -> string(k).string(v));
        putU32(at, size - at - 4);
        return this;
    }

    /** Starts a record: opcode and a length to be filled in by {@link #endRecord}; returns its start. */
    int beginRecord(int opcode) {
        int at = size;
        u8(opcode);
        u64(0);
        return at;
    }

    /** Fills in the content length of the record begun at {@code start}. */
    void endRecord(int start) {
        putU64(start + 1, size - start - Mcap.RECORD_PREFIX);
    }
}
