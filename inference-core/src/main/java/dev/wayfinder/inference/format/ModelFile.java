package dev.wayfinder.inference.format;

import dev.wayfinder.inference.graph.Graph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Reads and writes model files. Layout (all little-endian; see inference-core/README.md for the full table):
 * <pre>
 * magic "WFMD" | u16 version (1) | u16 flags (0) | u32 body length | body | u32 CRC32 of all preceding bytes
 * </pre>
 * Thread-safe (stateless).
 */
public final class ModelFile {

    /** The four magic bytes, "WFMD". */
    static final byte[] MAGIC = {'W', 'F', 'M', 'D'};
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    /** Header bytes before the body. */
    static final int HEADER = 12;
    /** The largest file read by default: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    private ModelFile() {
    }

    /** The file form of {@code graph}. */
    public static byte[] toBytes(Graph graph) {
        return ModelWriter.write(graph);
    }

    /** Writes {@code graph} to {@code path} (replacing it). */
    public static void write(Graph graph, Path path) throws IOException {
        Files.write(path, toBytes(graph));
    }

    /**
     * Reads a model file of at most {@link #DEFAULT_MAX_BYTES}.
     *
     * @throws ModelFormatException naming what is wrong and where
     * @throws IOException          when the file cannot be read at all
     */
    public static Graph read(Path path) throws IOException, ModelFormatException {
        long size = Files.size(path);
        if (size > DEFAULT_MAX_BYTES) {
            throw new ModelFormatException(path + ": file is " + size + " bytes; the limit is " + DEFAULT_MAX_BYTES);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return fromBytes(in.readNBytes((int) size), path.toString());
        }
    }

    /**
     * Parses a model held in memory.
     *
     * @param source names the data in messages (e.g. the file name)
     * @throws ModelFormatException naming what is wrong and where
     */
    public static Graph fromBytes(byte[] data, String source) throws ModelFormatException {
        if (data.length < HEADER + 4) {
            throw new ModelFormatException(source + ": " + data.length + " bytes is too short for a model file (at least "
                    + (HEADER + 4) + ": header and checksum)");
        }
        for (int i = 0; i < 4; i++) {
            if (data[i] != MAGIC[i]) {
                throw new ModelFormatException(source + ": not a Wayfinder model file (magic bytes at offset 0 are not \"WFMD\")");
            }
        }
        int version = u16(data, 4);
        if (version != VERSION) {
            throw new ModelFormatException(source + ": format version " + version + " at offset 4; this reader supports "
                    + VERSION);
        }
        int flags = u16(data, 6);
        if (flags != 0) {
            throw new ModelFormatException(source + ": flags 0x" + Integer.toHexString(flags) + " at offset 6; expected 0");
        }
        long body = Integer.toUnsignedLong(i32(data, 8));
        long expected = HEADER + body + 4;
        if (expected != data.length) {
            throw new ModelFormatException(source + ": header at offset 8 declares a " + body + "-byte body, so "
                    + expected + " bytes in all, but there are " + data.length + (expected > data.length ? " (truncated)" : ""));
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 4);
        int stored = i32(data, data.length - 4);
        if ((int) crc.getValue() != stored) {
            throw new ModelFormatException(source + ": checksum mismatch at offset " + (data.length - 4) + " (stored 0x"
                    + Integer.toHexString(stored) + ", computed 0x" + Long.toHexString(crc.getValue()) + "); the file is corrupted");
        }
        return new ModelReader(data, HEADER, data.length - 4, source).graph();
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static int i32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
}
