package dev.wayfinder.ros.rtps.messages;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parameter list (spec 9.4.2.11): (pid, length, value) entries ended by PID_SENTINEL, used by discovery data and
 * inline QoS. Holds decoded entries; encoding goes through {@link Builder}.
 *
 * @param parameters entries in wire order
 * @param bigEndian byte order of the values
 */
public record ParameterList(List<Parameter> parameters, boolean bigEndian) {
    /** PID_PAD. */
    public static final int PID_PAD = 0x0000;
    /** PID_SENTINEL. */
    public static final int PID_SENTINEL = 0x0001;
    /** Most entries accepted in one list, so a hostile list cannot grow memory without bound. */
    public static final int MAX_PARAMETERS = 512;

    /** Copies the list. */
    public ParameterList {
        parameters = List.copyOf(parameters);
    }

    /**
     * One entry.
     *
     * @param pid parameter id (16 bits; bit 15 = vendor-specific, bit 14 = must understand)
     * @param value raw value bytes
     */
    public record Parameter(int pid, byte[] value) {
        /** Validates the id. */
        public Parameter {
            if (pid < 0 || pid > 0xFFFF || value == null) {
                throw new IllegalArgumentException("bad parameter id " + pid);
            }
        }

        /** @return the value as a buffer in the given order */
        public ByteBuffer buffer(boolean bigEndian) {
            return ByteBuffer.wrap(value).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        }
    }

    /**
     * Finds the end of a list inside a submessage.
     *
     * @param bb buffer in the list's byte order
     * @param p first byte of the list
     * @param end end of the enclosing submessage
     * @return the position after the sentinel, or -1 if there is none
     */
    static int findEnd(ByteBuffer bb, int p, int end) {
        for (int i = 0; i < MAX_PARAMETERS && p + 4 <= end; i++) {
            int pid = bb.getShort(p) & 0xFFFF;
            int len = bb.getShort(p + 2) & 0xFFFF;
            if (pid == PID_SENTINEL) {
                return p + 4;
            }
            p += 4 + len;
        }
        return -1;
    }

    /**
     * Decodes a list.
     *
     * @param data bytes
     * @param off first byte of the first parameter
     * @param len bytes available
     * @param bigEndian byte order
     * @return the list; a missing sentinel at the end of the data is tolerated
     * @throws IllegalArgumentException if an entry runs past the data or there are too many entries
     */
    public static ParameterList parse(byte[] data, int off, int len, boolean bigEndian) {
        ByteBuffer bb = ByteBuffer.wrap(data, off, len).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int p = off;
        int end = off + len;
        List<Parameter> out = new ArrayList<>();
        while (p + 4 <= end) {
            int pid = bb.getShort(p) & 0xFFFF;
            int plen = bb.getShort(p + 2) & 0xFFFF;
            if (pid == PID_SENTINEL) {
                break;
            }
            if (p + 4 + plen > end) {
                throw new IllegalArgumentException(String.format("parameter 0x%04x length %d runs past the data", pid, plen));
            }
            if (out.size() >= MAX_PARAMETERS) {
                throw new IllegalArgumentException("more than " + MAX_PARAMETERS + " parameters");
            }
            if (pid != PID_PAD) {
                byte[] v = new byte[plen];
                System.arraycopy(data, p + 4, v, 0, plen);
                out.add(new Parameter(pid, v));
            }
            p += 4 + plen;
        }
        return new ParameterList(out, bigEndian);
    }

    /**
     * @param pid parameter id (vendor bit included)
     * @return every entry with that id
     */
    public List<Parameter> all(int pid) {
        return parameters.stream().filter(x -> x.pid() == pid).toList();
    }

    /**
     * @param pid parameter id
     * @return the first value as a buffer, or null
     */
    public ByteBuffer first(int pid) {
        for (Parameter x : parameters) {
            if (x.pid() == pid) {
                return x.buffer(bigEndian);
            }
        }
        return null;
    }

    /**
     * Reads a CDR string value.
     *
     * @param v value buffer
     * @return the string without its NUL
     */
    public static String string(ByteBuffer v) {
        int n = v.getInt(0);
        if (n < 0 || n > v.capacity() - 4) {
            throw new IllegalArgumentException("string parameter length " + n + " out of range");
        }
        int len = n > 0 && v.get(4 + n - 1) == 0 ? n - 1 : n;
        return new String(v.array(), 4, len, StandardCharsets.UTF_8);
    }

    /** Encodes a little-endian list with the PL_CDR_LE encapsulation header. Not thread-safe. */
    public static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** Starts a list preceded by the PL_CDR_LE encapsulation header. */
        public Builder() {
            this(true);
        }

        /** @param encapsulated whether to start with the PL_CDR_LE header (false for inline QoS) */
        public Builder(boolean encapsulated) {
            if (encapsulated) {
                out.writeBytes(new byte[] {0, 3, 0, 0});
            }
        }

        /**
         * @param pid id
         * @param value raw bytes, padded to a multiple of 4
         * @return this
         */
        public Builder add(int pid, byte[] value) {
            int padded = (value.length + 3) & ~3;
            ByteBuffer b = ByteBuffer.allocate(4 + padded).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) pid).putShort((short) padded).put(value);
            out.writeBytes(b.array());
            return this;
        }

        /**
         * @param pid id
         * @param fill writes the value in little endian
         * @param size value size before padding
         * @return this
         */
        public Builder add(int pid, int size, java.util.function.Consumer<ByteBuffer> fill) {
            ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            fill.accept(b);
            return add(pid, b.array());
        }

        /**
         * @param pid id
         * @param s string value (CDR string)
         * @return this
         */
        public Builder addString(int pid, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return add(pid, 4 + b.length + 1, v -> v.putInt(b.length + 1).put(b));
        }

        /**
         * @param pid id
         * @param l locator
         * @return this
         */
        public Builder addLocator(int pid, Locator l) {
            return add(pid, 24, v -> v.putInt(Locator.KIND_UDPV4).putInt(l.port()).put(l.address16()));
        }

        /**
         * @param pid id
         * @param g GUID
         * @return this
         */
        public Builder addGuid(int pid, Guid g) {
            return add(pid, g.toBytes());
        }

        /** @return the encoded list, sentinel appended */
        public byte[] build() {
            out.writeBytes(new byte[] {1, 0, 0, 0});
            return out.toByteArray();
        }
    }
}
