package dev.wayfinder.robot.net;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The integrity check shared by the policy's binary files (weights, checkpoints): the content followed by its
 * CRC32 as an 8-byte big-endian number. Stateless and thread-safe.
 */
public final class Crc32Trailer {
    /** Bytes the trailer adds. */
    public static final int SIZE = 8;

    private Crc32Trailer() {
    }

    /** {@code body} followed by its CRC32 (a new array). */
    public static byte[] append(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        long value = crc.getValue();
        byte[] out = Arrays.copyOf(body, body.length + SIZE);
        for (int i = 0; i < SIZE; i++) {
            out[body.length + i] = (byte) (value >>> (8 * (SIZE - 1 - i)));
        }
        return out;
    }

    /**
     * Checks the trailer of {@code data} and returns the length of the content before it.
     *
     * @param source names the data in messages (a file path)
     * @param what   what the data should be, e.g. "the checkpoint"
     * @throws IOException when the data is shorter than the trailer or the checksum does not match
     */
    public static int verify(byte[] data, String source, String what) throws IOException {
        if (data.length < SIZE) {
            throw new IOException(source + ": truncated, " + data.length + " bytes cannot hold " + what);
        }
        int n = data.length - SIZE;
        CRC32 crc = new CRC32();
        crc.update(data, 0, n);
        long stored = 0;
        for (int i = n; i < data.length; i++) {
            stored = stored << 8 | (data[i] & 0xff);
        }
        if (stored != crc.getValue()) {
            throw new IOException(source + ": checksum mismatch, " + what + " is corrupt");
        }
        return n;
    }
}
