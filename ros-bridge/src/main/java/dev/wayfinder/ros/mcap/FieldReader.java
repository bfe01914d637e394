package dev.wayfinder.ros.mcap;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the fields of one record's content, little endian, refusing to read past its end. Every failure names
 * the absolute file offset of the field, the record and what was expected.
 */
final class FieldReader {
    private final String source;
    private final byte[] b;
    private final int start;
    private final int end;
    private final long base;
    private final String record;
    private int pos;

    /**
     * @param source file name for messages
     * @param b bytes holding the content
     * @param off where the content starts in {@code b}
     * @param len content length
     * @param base the file offset of {@code b[off]} (for chunk contents: of the chunk's records field, and
     *             {@code record} says so)
     * @param record what is being read, for messages ("Channel record")
     */
    FieldReader(String source, byte[] b, int off, int len, long base, String record) {
        this.source = source;
        this.b = b;
        this.start = off;
        this.end = off + len;
        this.base = base;
        this.record = record;
        this.pos = off;
    }

    long offset() {
        return base + (pos - start);
    }

    int remaining() {
        return end - pos;
    }

    McapFormatException error(String problem) {
        return new McapFormatException(source, offset(), record + ": " + problem);
    }

    private void need(int n, String field) throws McapFormatException {
        if (n < 0 || end - pos < n) {
            throw error("the record ends " + (end - pos) + " bytes after here, but its field " + field + " needs "
                    + (n < 0 ? Integer.toUnsignedString(n) : Integer.toString(n)) + " bytes");
        }
    }

    int u8(String field) throws McapFormatException {
        need(1, field);
        return b[pos++] & 0xFF;
    }

    int u16(String field) throws McapFormatException {
        need(2, field);
        int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    long u32(String field) throws McapFormatException {
        need(4, field);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) (b[pos + i] & 0xFF) << (8 * i);
        }
        pos += 4;
        return v;
    }

    long u64(String field) throws McapFormatException {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) (b[pos + i] & 0xFF) << (8 * i);
        }
        pos += 8;
        return v;
    }

    /** A length that must fit what is left of the record. */
    private int length(long n, String field) throws McapFormatException {
        if (n < 0 || n > end - pos) {
            throw error("field " + field + " declares " + Long.toUnsignedString(n) + " bytes, but only "
                    + (end - pos) + " remain in the record");
        }
        return (int) n;
    }

    String string(String field) throws McapFormatException {
        long at = offset();
        int n = length(u32(field + " length"), field);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw new McapFormatException(source, at, record + ": field " + field + " is not valid UTF-8");
        }
    }

    /** uint32 length-prefixed bytes. */
    byte[] bytes32(String field) throws McapFormatException {
        int n = length(u32(field + " length"), field);
        return take(n);
    }

    /** uint64 length-prefixed bytes; returns the count and leaves the position at their start. */
    int length64(String field) throws McapFormatException {
        return length(u64(field + " length"), field);
    }

    /** The next {@code n} bytes. */
    byte[] take(int n) throws McapFormatException {
        need(n, "data");
        byte[] out = new byte[n];
        System.arraycopy(b, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** The rest of the record. */
    byte[] rest() {
        byte[] out = new byte[end - pos];
        System.arraycopy(b, pos, out, 0, out.length);
        pos = end;
        return out;
    }

    int position() {
        return pos;
    }

    void skip(int n) throws McapFormatException {
        need(n, "data");
        pos += n;
    }

    Map<String, String> stringMap(String field) throws McapFormatException {
        int n = length(u32(field + " length"), field);
        int stop = pos + n;
        Map<String, String> m = new LinkedHashMap<>();
        while (pos < stop) {
            String k = string(field + " key");
            String v = string(field + " value");
            if (pos > stop) {
                throw error("an entry of " + field + " runs past the map's declared length");
            }
            m.put(k, v);
        }
        return m;
    }

    Map<Integer, Long> u16u64Map(String field) throws McapFormatException {
        int n = length(u32(field + " length"), field);
        if (n % 10 != 0) {
            throw error("field " + field + " is " + n + " bytes, expected a multiple of 10 (uint16 key, uint64 value)");
        }
        Map<Integer, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < n / 10; i++) {
            m.put(u16(field + " key"), u64(field + " value"));
        }
        return m;
    }
}
