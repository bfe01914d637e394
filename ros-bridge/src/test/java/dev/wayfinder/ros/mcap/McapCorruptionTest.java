package dev.wayfinder.ros.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated and corrupted files: the reader must refuse every one with a {@link McapFormatException} that names an
 * offset inside the file, never another exception and never a silently wrong result.
 */
class McapCorruptionTest {
    private static final long SEED = 99_173L;

    @TempDir
    Path dir;

    private byte[] sample(McapWriter.Compression c) throws IOException {
        Path file = dir.resolve("sample-" + c + ".mcap");
        McapRoundTripTest.writeSample(file, McapWriter.Options.ros2().withChunkSize(400).withCompression(c), SEED,
                10, false);
        return Files.readAllBytes(file);
    }

    /** Reads {@code bytes} fully; returns the format error, or fails if there was none or another one. */
    private McapFormatException refuse(byte[] bytes, String what) throws IOException {
        String f = "bad.mcap";
        try (McapReader r = McapReader.open(f, bytes)) {
            r.verify();
        } catch (McapFormatException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= bytes.length, what + ": offset " + e.offset() + " outside the "
                    + bytes.length + "-byte file: " + e.getMessage());
            assertTrue(e.getMessage().startsWith(f + ": offset " + e.offset() + ": "), e.getMessage());
            return e;
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(what + ": expected an McapFormatException, got " + e, e);
        }
        fail(what + ": the reader accepted it");
        return null;
    }

    @Test
    void everyTruncationIsRefusedWithItsOffset() throws IOException {
        for (McapWriter.Compression c : McapWriter.Compression.values()) {
            byte[] whole = sample(c);
            for (int n = 0; n < whole.length; n++) {
                McapFormatException e = refuse(Arrays.copyOf(whole, n), c + " file cut to " + n + " of "
                        + whole.length + " bytes");
                if (n >= 8 + 9 + 8 + 29 + 8) {
                    assertTrue(e.getMessage().contains("truncated"), "cut to " + n + ": " + e.getMessage());
                }
            }
        }
    }

    @Test
    void everyChangedByteIsDetected() throws IOException {
        Random r = new Random(SEED);
        for (McapWriter.Compression c : McapWriter.Compression.values()) {
            byte[] whole = sample(c);
            for (int i = 0; i < whole.length; i++) {
                byte[] bad = whole.clone();
                int flip = 1 + r.nextInt(255);
                bad[i] ^= (byte) flip;
                refuse(bad, c + " file with byte " + i + " of " + whole.length + " xor " + flip + " (seed " + SEED + ")");
            }
        }
    }

    @Test
    void filesAndArraysReadAlike() throws IOException {
        byte[] whole = sample(McapWriter.Compression.ZSTD);
        Path f = dir.resolve("whole.mcap");
        Files.write(f, whole);
        try (McapReader a = McapReader.open(f); McapReader b = McapReader.open("whole.mcap", whole)) {
            assertEquals(a.verify().messageCount(), b.verify().messageCount());
            assertEquals(a.summary(), b.summary());
        }
        Files.write(f, Arrays.copyOf(whole, whole.length - 1));
        try (McapReader r = McapReader.open(f)) {
            fail("a truncated file was opened: " + r.summary());
        } catch (McapFormatException e) {
            assertTrue(e.getMessage().startsWith(f + ": offset "), e.getMessage());
        }
    }

    @Test
    void aFileThatIsNotMcapSaysSo() throws IOException {
        McapFormatException e = refuse("hello, this is text\n".repeat(10).getBytes(StandardCharsets.UTF_8), "text");
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("not an MCAP file"), e.getMessage());
        assertTrue(refuse(new byte[0], "empty").getMessage().contains("empty file"));
    }

    @Test
    void anUnfinishedRecordingSaysItWasNotClosed() throws IOException {
        byte[] whole = sample(McapWriter.Compression.ZSTD);
        McapFormatException e = refuse(Arrays.copyOf(whole, whole.length - 100), "unfinished");
        assertEquals(whole.length - 100 - 8, e.offset());
        assertTrue(e.getMessage().contains("expected the MCAP magic at the end of the file")
                && e.getMessage().contains("not closed"), e.getMessage());
    }

    @Test
    void aCorruptChunkNamesTheChunkAndTheCrc() throws IOException {
        byte[] whole = sample(McapWriter.Compression.NONE);
        // the first chunk's records start after: magic, header, metadata record, chunk prefix and fixed fields
        int chunkAt = indexOf(whole, (byte) Mcap.OP_CHUNK, 8);
        byte[] bad = whole.clone();
        int inRecords = chunkAt + 9 + 8 + 8 + 8 + 4 + 4 + 8 + 20;
        bad[inRecords] ^= 0x40;
        McapFormatException e = refuse(bad, "chunk byte");
        assertTrue(e.getMessage().contains("uncompressed_crc") || e.getMessage().contains("data_section_crc"),
                e.getMessage());
    }

    /** The offset of the first record with {@code op} at or after {@code from}, walking the record chain. */
    private static int indexOf(byte[] b, byte op, int from) {
        int at = from;
        while (at < b.length) {
            if (b[at] == op) {
                return at;
            }
            long len = 0;
            for (int i = 0; i < 8; i++) {
                len |= (long) (b[at + 1 + i] & 0xFF) << (8 * i);
            }
            at += 9 + (int) len;
        }
        throw new AssertionError("no record op " + op);
    }
}
