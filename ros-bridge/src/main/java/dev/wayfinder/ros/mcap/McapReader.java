package dev.wayfinder.ros.mcap;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Reads MCAP files strictly. {@link #open} checks both magics, the footer, the summary's CRC and every summary
 * record; {@link #scan} reads the data section record by record: chunk CRCs, zstd frames and sizes, message
 * indexes against the messages they point at, the data section's CRC, and the statistics and chunk indexes
 * against what the data section holds. Anything wrong is a {@link McapFormatException} naming the offset and
 * what was expected there; nothing is skipped or guessed.
 *
 * <p>Reads Schema, Channel, Message, Chunk (uncompressed or zstd), Message Index, Metadata, Attachment (skipped)
 * and application records (op 0x80 and above, skipped). Not thread-safe.
 */
public final class McapReader implements AutoCloseable {
    /** Receives messages in file order. */
    @FunctionalInterface
    public interface MessageVisitor {
        /**
         * @param message the next message
         * @return true to go on, false to stop reading
         * @throws IOException to stop with an error
         * @throws InterruptedException to stop when interrupted
         */
        boolean visit(McapMessage message) throws IOException, InterruptedException;
    }

    private static final int FOOTER_RECORD = Mcap.RECORD_PREFIX + Mcap.FOOTER_CONTENT;
    private static final int MAGIC = 8;
    /** Records larger than this are refused rather than read into memory. */
    private static final long MAX_RECORD = Integer.MAX_VALUE - 64;

    /** Where the bytes come from: a file, or an array. */
    private interface Source extends AutoCloseable {
        long size() throws IOException;

        int read(ByteBuffer into, long position) throws IOException;

        @Override
        void close() throws IOException;
    }

    private final String source;
    private final Source ch;
    private final long size;
    private final long footerAt;
    private final long summaryStart;
    private final long summaryOffsetStart;
    private final String profile;
    private final String library;
    private final McapSummary summary;

    private McapReader(String source, Source ch) throws IOException {
        this.source = source;
        this.ch = ch;
        this.size = ch.size();
        byte[] head = read(0, (int) Math.min(size, MAGIC));
        if (size < MAGIC || !Mcap.isMagic(head)) {
            throw new McapFormatException(source, 0, "not an MCAP file: expected the magic bytes "
                    + hex(Mcap.magic()) + ", found " + (head.length == 0 ? "an empty file" : hex(head)));
        }
        long minimum = MAGIC + Mcap.RECORD_PREFIX + 8 + FOOTER_RECORD + MAGIC;
        if (size < minimum) {
            throw new McapFormatException(source, size, "the file ends after " + size + " bytes; an MCAP file "
                    + "with a header and a footer has at least " + minimum + " (truncated, or a recording that "
                    + "was never closed)");
        }
        if (!Mcap.isMagic(read(size - MAGIC, MAGIC))) {
            throw new McapFormatException(source, size - MAGIC, "expected the MCAP magic at the end of the "
                    + "file, found " + hex(read(size - MAGIC, MAGIC)) + ": the file is truncated or was not closed "
                    + "(a recording killed before it finished, or a full disk)");
        }
        footerAt = size - MAGIC - FOOTER_RECORD;
        byte[] fb = read(footerAt, FOOTER_RECORD);
        FieldReader f = new FieldReader(source, fb, 0, fb.length, footerAt, "Footer record");
        int op = f.u8("opcode");
        long len = f.u64("length");
        if (op != Mcap.OP_FOOTER || len != Mcap.FOOTER_CONTENT) {
            throw new McapFormatException(source, footerAt, "expected the Footer record (op 0x02, 20 bytes) "
                    + "before the closing magic, found op " + String.format("0x%02X", op) + " with length "
                    + Long.toUnsignedString(len));
        }
        summaryStart = f.u64("summary_start");
        summaryOffsetStart = f.u64("summary_offset_start");
        long summaryCrc = f.u32("summary_crc");
        long dataStart = MAGIC;
        if (summaryStart != 0 && (summaryStart < dataStart || summaryStart > footerAt)) {
            throw new McapFormatException(source, footerAt + Mcap.RECORD_PREFIX, "Footer: summary_start "
                    + Long.toUnsignedString(summaryStart) + " is outside the file's records (" + dataStart + ".."
                    + footerAt + ")");
        }
        if (summaryOffsetStart != 0 && (summaryOffsetStart < Math.max(dataStart, summaryStart)
                || summaryOffsetStart > footerAt)) {
            throw new McapFormatException(source, footerAt + Mcap.RECORD_PREFIX + 8, "Footer: summary_offset_start "
                    + Long.toUnsignedString(summaryOffsetStart) + " is outside the summary (" + summaryStart + ".."
                    + footerAt + ")");
        }
        long crcFrom = summaryStart != 0 ? summaryStart : summaryOffsetStart != 0 ? summaryOffsetStart : footerAt;
        if (summaryCrc != 0) {
            CRC32 crc = new CRC32();
            update(crc, crcFrom, footerAt + Mcap.RECORD_PREFIX + 16 - crcFrom);
            if (crc.getValue() != summaryCrc) {
                throw new McapFormatException(source, footerAt + Mcap.RECORD_PREFIX + 16, "Footer: summary_crc is "
                        + String.format("0x%08X", summaryCrc) + " but the summary's bytes from offset " + crcFrom
                        + " have CRC " + String.format("0x%08X", crc.getValue()) + " (the summary is corrupt)");
            }
        }
        byte[] hb = readRecordAt(MAGIC, footerAt, "the Header record");
        FieldReader h = new FieldReader(source, hb, 0, hb.length, MAGIC + Mcap.RECORD_PREFIX, "Header record");
        if ((read(MAGIC, 1)[0] & 0xFF) != Mcap.OP_HEADER) {
            throw new McapFormatException(source, MAGIC, "expected the Header record (op 0x01) after the magic, "
                    + "found " + Mcap.name(read(MAGIC, 1)[0] & 0xFF));
        }
        profile = h.string("profile");
        library = h.string("library");
        summary = summaryStart == 0 ? null
                : readSummary(summaryStart, summaryOffsetStart != 0 ? summaryOffsetStart : footerAt);
        if (summaryOffsetStart != 0) {
            checkSummaryOffsets();
        }
    }

    /**
     * Opens a file and reads its header, footer and summary.
     *
     * @param file the file
     * @return the reader
     * @throws McapFormatException if the file is not valid MCAP
     * @throws IOException if it cannot be read
     */
    public static McapReader open(Path file) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        FileChannel f = ch;
        try {
            return new McapReader(file.toString(), new Source() {
                @Override
                public long size() throws IOException {
                    return f.size();
                }

                @Override
                public int read(ByteBuffer into, long position) throws IOException {
                    return f.read(into, position);
                }

                @Override
                public void close() throws IOException {
                    f.close();
                }
            });
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Reads a file held in memory.
     *
     * @param name what to call it in messages
     * @param bytes the file's bytes (not copied; do not change them while reading)
     * @return the reader
     * @throws McapFormatException if the bytes are not valid MCAP
     * @throws IOException never for an array, but as for files
     */
    public static McapReader open(String name, byte[] bytes) throws IOException {
        return new McapReader(name, new Source() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public int read(ByteBuffer into, long position) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(into.remaining(), bytes.length - position);
                into.put(bytes, (int) position, n);
                return n;
            }

            @Override
            public void close() {
                // nothing to release
            }
        });
    }

    /** @return Header.profile */
    public String profile() {
        return profile;
    }

    /** @return Header.library */
    public String library() {
        return library;
    }

    /** @return the summary section, if the file has one */
    public Optional<McapSummary> summary() {
        return Optional.ofNullable(summary);
    }

    /** @return the file's size in bytes */
    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }

    // ---- low-level reads

    private byte[] read(long at, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(n);
        while (bb.hasRemaining()) {
            int r = ch.read(bb, at + bb.position());
            if (r < 0) {
                throw new McapFormatException(source, at + bb.position(), "the file ends here, " + bb.remaining()
                        + " bytes before what was expected");
            }
        }
        return bb.array();
    }

    private void update(CRC32 crc, long at, long n) throws IOException {
        long done = 0;
        while (done < n) {
            int step = (int) Math.min(1 << 20, n - done);
            crc.update(read(at + done, step));
            done += step;
        }
    }

    /** Reads the content of the record at {@code at}, which must end by {@code limit}. */
    private byte[] readRecordAt(long at, long limit, String what) throws IOException {
        if (limit - at < Mcap.RECORD_PREFIX) {
            throw new McapFormatException(source, at, "expected " + what + ", but only " + (limit - at)
                    + " bytes remain before offset " + limit);
        }
        byte[] p = read(at, Mcap.RECORD_PREFIX);
        long len = new FieldReader(source, p, 1, 8, at + 1, "record").u64("length");
        checkLength(at, len, limit, p[0] & 0xFF);
        return read(at + Mcap.RECORD_PREFIX, (int) len);
    }

    private void checkLength(long at, long len, long limit, int op) throws McapFormatException {
        long room = limit - at - Mcap.RECORD_PREFIX;
        if (len < 0 || len > room) {
            throw new McapFormatException(source, at + 1, Mcap.name(op) + " declares " + Long.toUnsignedString(len)
                    + " bytes of content, but only " + room + " bytes remain before offset " + limit
                    + (limit == footerAt || limit == size ? " (the file is truncated or corrupt)" : ""));
        }
        if (len > MAX_RECORD) {
            throw new McapFormatException(source, at + 1, Mcap.name(op) + " of " + len + " bytes is larger than "
                    + "this reader handles (2 GiB)");
        }
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            s.append(String.format("%02X", x & 0xFF));
        }
        return s.toString();
    }

    // ---- records

    private McapSchema schema(FieldReader r) throws McapFormatException {
        long at = r.offset();
        int id = r.u16("id");
        String name = r.string("name");
        String encoding = r.string("encoding");
        byte[] data = r.bytes32("data");
        if (id == 0) {
            throw new McapFormatException(source, at, "Schema record: id is 0; schema ids start at 1");
        }
        return new McapSchema(id, name, encoding, data);
    }

    private McapChannel channel(FieldReader r) throws McapFormatException {
        int id = r.u16("id");
        int schemaId = r.u16("schema_id");
        String topic = r.string("topic");
        String encoding = r.string("message_encoding");
        Map<String, String> metadata = r.stringMap("metadata");
        return new McapChannel(id, schemaId, topic, encoding, metadata);
    }

    private McapStatistics statistics(FieldReader r) throws McapFormatException {
        return new McapStatistics(r.u64("message_count"), r.u16("schema_count"), r.u32("channel_count"),
                r.u32("attachment_count"), r.u32("metadata_count"), r.u32("chunk_count"),
                r.u64("message_start_time"), r.u64("message_end_time"), r.u16u64Map("channel_message_counts"));
    }

    private McapChunkIndex chunkIndex(FieldReader r) throws McapFormatException {
        long start = r.u64("message_start_time");
        long end = r.u64("message_end_time");
        long offset = r.u64("chunk_start_offset");
        long length = r.u64("chunk_length");
        Map<Integer, Long> offsets = r.u16u64Map("message_index_offsets");
        long indexLength = r.u64("message_index_length");
        String compression = r.string("compression");
        return new McapChunkIndex(start, end, offset, length, offsets, indexLength, compression,
                r.u64("compressed_size"), r.u64("uncompressed_size"));
    }

    private <T> void putUnique(Map<Integer, T> map, int id, T value, long at, String what)
            throws McapFormatException {
        T old = map.putIfAbsent(id, value);
        if (old != null && !old.equals(value)) {
            throw new McapFormatException(source, at, what + " record: id " + id + " was defined before with "
                    + "different content (" + old + "); records sharing an id must be identical");
        }
    }

    // ---- summary

    private McapSummary readSummary(long from, long to) throws IOException {
        Map<Integer, McapSchema> schemas = new LinkedHashMap<>();
        Map<Integer, McapChannel> channels = new LinkedHashMap<>();
        McapStatistics stats = null;
        List<McapChunkIndex> chunks = new ArrayList<>();
        List<String> metadata = new ArrayList<>();
        long at = from;
        while (at < to) {
            int op = read(at, 1)[0] & 0xFF;
            byte[] c = readRecordAt(at, to, "a summary record");
            FieldReader r = new FieldReader(source, c, 0, c.length, at + Mcap.RECORD_PREFIX, Mcap.name(op));
            switch (op) {
                case Mcap.OP_SCHEMA -> {
                    McapSchema s = schema(r);
                    putUnique(schemas, s.id(), s, at, "Schema");
                }
                case Mcap.OP_CHANNEL -> {
                    McapChannel ch = channel(r);
                    if (ch.schemaId() != 0 && !schemas.containsKey(ch.schemaId())) {
                        throw new McapFormatException(source, at, "summary Channel " + ch.id() + " (" + ch.topic()
                                + ") refers to schema " + ch.schemaId() + ", which the summary does not hold before it");
                    }
                    putUnique(channels, ch.id(), ch, at, "Channel");
                }
                case Mcap.OP_STATISTICS -> {
                    if (stats != null) {
                        throw new McapFormatException(source, at, "a second Statistics record; a file holds at most one");
                    }
                    stats = statistics(r);
                }
                case Mcap.OP_CHUNK_INDEX -> chunks.add(chunkIndex(r));
                case Mcap.OP_METADATA_INDEX -> {
                    r.u64("offset");
                    r.u64("length");
                    metadata.add(r.string("name"));
                }
                case Mcap.OP_ATTACHMENT_INDEX -> {
                    // attachments are not read; their index is well-formed if it has the fixed fields
                    r.skip(40);
                    r.string("name");
                    r.string("media_type");
                }
                default -> {
                    if (op < 0x80) {
                        throw new McapFormatException(source, at, "expected a summary record (Schema, Channel, "
                                + "Statistics, Chunk Index, Attachment Index, Metadata Index), found " + Mcap.name(op));
                    }
                }
            }
            at += Mcap.RECORD_PREFIX + c.length;
        }
        if (stats != null) {
            for (int id : stats.channelMessageCounts().keySet()) {
                if (!channels.containsKey(id)) {
                    throw new McapFormatException(source, from, "the Statistics record counts messages on channel "
                            + id + ", but the summary holds no Channel record for it");
                }
            }
        }
        return new McapSummary(schemas, channels, Optional.ofNullable(stats), chunks, metadata);
    }

    private void checkSummaryOffsets() throws IOException {
        long at = summaryOffsetStart;
        long summaryEnd = summaryOffsetStart;
        while (at < footerAt) {
            int op = read(at, 1)[0] & 0xFF;
            byte[] c = readRecordAt(at, footerAt, "a Summary Offset record");
            if (op != Mcap.OP_SUMMARY_OFFSET) {
                throw new McapFormatException(source, at, "expected a Summary Offset record (op 0x0E) in the "
                        + "summary offset section, found " + Mcap.name(op));
            }
            FieldReader r = new FieldReader(source, c, 0, c.length, at + Mcap.RECORD_PREFIX, "Summary Offset record");
            int group = r.u8("group_opcode");
            long start = r.u64("group_start");
            long length = r.u64("group_length");
            if (summaryStart == 0 || start < summaryStart || length < 0 || start + length > summaryEnd
                    || length == 0) {
                throw new McapFormatException(source, at, "Summary Offset: the group of " + Mcap.name(group)
                        + " at " + Long.toUnsignedString(start) + " (" + Long.toUnsignedString(length)
                        + " bytes) is not inside the summary section (" + summaryStart + ".." + summaryEnd + ")");
            }
            int first = read(start, 1)[0] & 0xFF;
            if (first != group) {
                throw new McapFormatException(source, start, "the Summary Offset at " + at + " says a group of "
                        + Mcap.name(group) + " starts here, found " + Mcap.name(first));
            }
            at += Mcap.RECORD_PREFIX + c.length;
        }
    }

    // ---- data section

    /**
     * Reads the data section from the start, checking everything, and hands each message to {@code visitor}.
     *
     * @param visitor gets the messages in file order; returns false to stop early
     * @return what the file holds (counts cover what was read; {@link McapScan#complete()} says whether all was)
     * @throws McapFormatException at the first thing that is not valid MCAP
     * @throws IOException if the file cannot be read or the visitor fails
     * @throws InterruptedException if the visitor was interrupted
     */
    public McapScan scan(MessageVisitor visitor) throws IOException, InterruptedException {
        return new DataScan(visitor).run();
    }

    /**
     * Reads every record and checks everything, delivering no messages.
     *
     * @return what the file holds
     * @throws McapFormatException at the first thing that is not valid MCAP
     * @throws IOException if the file cannot be read
     */
    public McapScan verify() throws IOException {
        try {
            return scan(m -> true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + source, e);
        }
    }

    /** One pass over the data section. */
    private final class DataScan {
        private final MessageVisitor visitor;
        private final Map<Integer, McapSchema> schemas = new HashMap<>();
        private final Map<Integer, McapChannel> channels = new HashMap<>();
        private final Map<Integer, Long> counts = new TreeMap<>();
        private final Set<String> compressions = new HashSet<>();
        private final List<Map.Entry<String, Map<String, String>>> metadata = new ArrayList<>();
        private final List<long[]> chunks = new ArrayList<>();
        private final CRC32 crc = new CRC32();
        private long messages;
        private long start = -1;
        private long end = -1;
        private long compressed;
        private long uncompressed;
        private boolean stopped;
        /** The messages of the last chunk by offset in its records: channel id and log time. */
        private Map<Long, long[]> lastChunk = Map.of();
        private long lastChunkEnd = -1;

        DataScan(MessageVisitor visitor) {
            this.visitor = visitor;
        }

        McapScan run() throws IOException, InterruptedException {
            long limit = summaryStart != 0 ? summaryStart : summaryOffsetStart != 0 ? summaryOffsetStart : footerAt;
            crc.update(read(0, MAGIC));
            long at = MAGIC;
            boolean first = true;
            boolean dataEnd = false;
            while (!stopped) {
                if (at >= limit) {
                    throw new McapFormatException(source, at, "expected a Data End record (op 0x0F) to close the "
                            + "data section before offset " + limit);
                }
                byte[] prefix = read(at, Math.min(Mcap.RECORD_PREFIX, (int) (limit - at)));
                int op = prefix[0] & 0xFF;
                if (prefix.length < Mcap.RECORD_PREFIX) {
                    throw new McapFormatException(source, at, "a record's opcode and length need 9 bytes, only "
                            + prefix.length + " remain before offset " + limit);
                }
                long len = new FieldReader(source, prefix, 1, 8, at + 1, Mcap.name(op)).u64("length");
                checkLength(at, len, limit, op);
                if (first && op != Mcap.OP_HEADER) {
                    throw new McapFormatException(source, at, "expected the Header record (op 0x01) after the magic, "
                            + "found " + Mcap.name(op));
                }
                byte[] c = read(at + Mcap.RECORD_PREFIX, (int) len);
                if (op == Mcap.OP_DATA_END) {
                    long expected = crc.getValue();
                    FieldReader r = new FieldReader(source, c, 0, c.length, at + Mcap.RECORD_PREFIX, "Data End record");
                    long stored = r.u32("data_section_crc");
                    if (stored != 0 && stored != expected) {
                        throw new McapFormatException(source, at + Mcap.RECORD_PREFIX, "Data End: data_section_crc is "
                                + String.format("0x%08X", stored) + " but the data section's bytes have CRC "
                                + String.format("0x%08X", expected) + " (the data section is corrupt)");
                    }
                    at += Mcap.RECORD_PREFIX + len;
                    dataEnd = true;
                    break;
                }
                crc.update(prefix);
                crc.update(c);
                if (first) {
                    first = false;
                } else {
                    dataRecord(op, c, at);
                }
                at += Mcap.RECORD_PREFIX + len;
            }
            if (dataEnd && at != limit) {
                throw new McapFormatException(source, at, "expected the " + (summaryStart != 0 ? "summary section"
                        : summaryOffsetStart != 0 ? "summary offset section" : "Footer record") + " right after the "
                        + "Data End record, at offset " + limit);
            }
            if (dataEnd) {
                crossCheck();
            }
            return new McapScan(profile, library, size, schemas, channels, messages, counts, Math.max(0, start),
                    Math.max(0, end), chunks.size(), compressions, compressed, uncompressed, metadata, dataEnd);
        }

        private void dataRecord(int op, byte[] c, long at) throws IOException, InterruptedException {
            long content = at + Mcap.RECORD_PREFIX;
            FieldReader r = new FieldReader(source, c, 0, c.length, content, Mcap.name(op));
            if (op != Mcap.OP_MESSAGE_INDEX) {
                lastChunk = Map.of();
            }
            switch (op) {
                case Mcap.OP_SCHEMA, Mcap.OP_CHANNEL, Mcap.OP_MESSAGE -> inner(op, r, at, -1);
                case Mcap.OP_CHUNK -> chunk(r, at, c.length);
                case Mcap.OP_MESSAGE_INDEX -> messageIndex(r, at);
                case Mcap.OP_METADATA -> {
                    String name = r.string("name");
                    metadata.add(new AbstractMap.SimpleImmutableEntry<>(name, r.stringMap("metadata")));
                }
                case Mcap.OP_ATTACHMENT -> {
                    // attachments are not delivered; nothing of ours writes them
                }
                default -> {
                    if (op < 0x80) {
                        throw new McapFormatException(source, at, "expected a data section record (Schema, Channel, "
                                + "Message, Chunk, Message Index, Attachment, Metadata or Data End), found "
                                + Mcap.name(op));
                    }
                }
            }
        }

        /** A Schema, Channel or Message record, in the data section or in a chunk at {@code chunkOffset}. */
        private void inner(int op, FieldReader r, long at, long offsetInChunk) throws IOException,
                InterruptedException {
            switch (op) {
                case Mcap.OP_SCHEMA -> {
                    McapSchema s = schema(r);
                    putUnique(schemas, s.id(), s, at, "Schema");
                }
                case Mcap.OP_CHANNEL -> {
                    McapChannel ch = channel(r);
                    if (ch.schemaId() != 0 && !schemas.containsKey(ch.schemaId())) {
                        throw new McapFormatException(source, at, "Channel " + ch.id() + " (" + ch.topic()
                                + ") refers to schema " + ch.schemaId() + ", which no Schema record before it defines");
                    }
                    putUnique(channels, ch.id(), ch, at, "Channel");
                    counts.putIfAbsent(ch.id(), 0L);
                }
                case Mcap.OP_MESSAGE -> {
                    int id = r.u16("channel_id");
                    long seq = r.u32("sequence");
                    long log = r.u64("log_time");
                    long pub = r.u64("publish_time");
                    McapChannel ch = channels.get(id);
                    if (ch == null) {
                        throw new McapFormatException(source, at, "Message on channel " + id + ", which no Channel "
                                + "record before it defines");
                    }
                    messages++;
                    counts.merge(id, 1L, Long::sum);
                    start = start < 0 ? log : Math.min(start, log);
                    end = Math.max(end, log);
                    if (offsetInChunk >= 0) {
                        lastChunk.put(offsetInChunk, new long[] {id, log});
                    }
                    if (!stopped && !visitor.visit(new McapMessage(ch, seq, log, pub, r.rest()))) {
                        stopped = true;
                    }
                }
                default -> throw new McapFormatException(source, at, "expected a Schema, Channel or Message "
                        + "record inside the chunk, found " + Mcap.name(op));
            }
        }

        private void chunk(FieldReader r, long at, int contentLength) throws IOException, InterruptedException {
            long chunkStart = r.u64("message_start_time");
            long chunkEnd = r.u64("message_end_time");
            long rawSize = r.u64("uncompressed_size");
            long rawCrc = r.u32("uncompressed_crc");
            String compression = r.string("compression");
            long recordsAt = r.offset();
            int n = r.length64("records");
            byte[] stored = r.take(n);
            byte[] raw;
            if (rawSize > MAX_RECORD) {
                throw new McapFormatException(source, at, "Chunk: uncompressed_size " + Long.toUnsignedString(rawSize)
                        + " is larger than this reader handles (2 GiB)");
            }
            switch (compression) {
                case "" -> {
                    if (rawSize != n) {
                        throw new McapFormatException(source, recordsAt, "Chunk: uncompressed_size is " + rawSize
                                + " but the uncompressed records field holds " + n + " bytes");
                    }
                    raw = stored;
                }
                case "zstd" -> raw = unzstd(stored, (int) rawSize, recordsAt);
                default -> throw new McapFormatException(source, recordsAt, "Chunk: compression '" + compression
                        + "' is not supported; expected zstd or none");
            }
            if (rawCrc != 0) {
                CRC32 c = new CRC32();
                c.update(raw);
                if (c.getValue() != rawCrc) {
                    throw new McapFormatException(source, recordsAt, "Chunk: uncompressed_crc is "
                            + String.format("0x%08X", rawCrc) + " but the decompressed records have CRC "
                            + String.format("0x%08X", c.getValue()) + " (the chunk is corrupt)");
                }
            }
            compressions.add(compression);
            compressed += n;
            uncompressed += raw.length;
            chunks.add(new long[] {at, Mcap.RECORD_PREFIX + (long) contentLength, chunkStart, chunkEnd});
            Map<Long, long[]> here = new HashMap<>();
            lastChunk = here;
            try {
                readChunkRecords(raw);
            } catch (McapFormatException e) {
                if (e.offset() == recordsAt) {
                    throw e;
                }
                throw new McapFormatException(source, recordsAt, "in the chunk at " + at + ", at offset " + e.offset()
                        + " of its decompressed records: " + e.problem());
            }
            long firstLog = -1;
            long lastLog = -1;
            for (long[] m : here.values()) {
                firstLog = firstLog < 0 ? m[1] : Math.min(firstLog, m[1]);
                lastLog = Math.max(lastLog, m[1]);
            }
            if (!stopped && !here.isEmpty() && (firstLog != chunkStart || lastLog != chunkEnd)) {
                throw new McapFormatException(source, at + Mcap.RECORD_PREFIX, "Chunk: message_start_time/end_time "
                        + "say " + chunkStart + ".." + chunkEnd + " but its messages were logged " + firstLog + ".."
                        + lastLog);
            }
            lastChunkEnd = at + Mcap.RECORD_PREFIX + contentLength;
        }

        private void readChunkRecords(byte[] raw)
                throws IOException, InterruptedException {
            int pos = 0;
            while (pos < raw.length && !stopped) {
                FieldReader p = new FieldReader(source, raw, pos, raw.length - pos, pos, "record");
                int op = p.u8("opcode");
                long len = p.u64("length");
                if (len < 0 || len > raw.length - pos - Mcap.RECORD_PREFIX) {
                    throw new McapFormatException(source, pos, Mcap.name(op) + " declares "
                            + Long.toUnsignedString(len) + " bytes, but only " + (raw.length - pos - Mcap.RECORD_PREFIX)
                            + " remain in the chunk");
                }
                FieldReader inner = new FieldReader(source, raw, pos + Mcap.RECORD_PREFIX, (int) len,
                        pos + Mcap.RECORD_PREFIX, Mcap.name(op));
                inner(op, inner, pos, pos);
                pos += Mcap.RECORD_PREFIX + (int) len;
            }
        }

        private byte[] unzstd(byte[] stored, int rawSize, long recordsAt) throws McapFormatException {
            // the frame says how large it decompresses (zstd-jni and the MCAP libraries write that); check before
            // allocating, so a corrupt size field cannot make the reader allocate gigabytes
            long framed = Zstd.getFrameContentSize(stored);
            if (framed >= 0 && framed != rawSize) {
                throw new McapFormatException(source, recordsAt, "Chunk: uncompressed_size is " + rawSize
                        + " but its zstd frame holds " + framed + " bytes (the chunk is corrupt)");
            }
            if (framed == -2) {
                throw new McapFormatException(source, recordsAt, "Chunk: the records are not a zstd frame (the chunk "
                        + "is corrupt)");
            }
            byte[] raw = new byte[rawSize];
            long got;
            try {
                got = Zstd.decompressByteArray(raw, 0, rawSize, stored, 0, stored.length);
            } catch (RuntimeException e) {
                throw new McapFormatException(source, recordsAt, "Chunk: the zstd data does not decompress ("
                        + e.getMessage() + "); the chunk is corrupt");
            }
            if (Zstd.isError(got)) {
                throw new McapFormatException(source, recordsAt, "Chunk: the zstd data does not decompress ("
                        + Zstd.getErrorName(got) + "); the chunk is corrupt or truncated");
            }
            if (got != rawSize) {
                throw new McapFormatException(source, recordsAt, "Chunk: uncompressed_size is " + rawSize
                        + " but the zstd data decompresses to " + got + " bytes");
            }
            return raw;
        }

        private void messageIndex(FieldReader r, long at) throws McapFormatException {
            int id = r.u16("channel_id");
            long n = r.u32("records length");
            if (n % 16 != 0 || n > r.remaining()) {
                throw r.error("records holds " + n + " bytes, expected a multiple of 16 (log_time, offset) "
                        + "within the record's " + r.remaining());
            }
            if (lastChunkEnd < 0) {
                throw new McapFormatException(source, at, "a Message Index record must follow a Chunk");
            }
            for (long i = 0; i < n / 16; i++) {
                long log = r.u64("log_time");
                long offset = r.u64("offset");
                long[] m = lastChunk.get(offset);
                if (m == null || m[0] != id || m[1] != log) {
                    throw new McapFormatException(source, r.offset() - 16, "Message Index for channel " + id
                            + ": entry (log_time " + log + ", offset " + offset + ") does not point at a message of "
                            + "that channel and time in the chunk before it");
                }
            }
        }

        private void crossCheck() throws McapFormatException {
            if (summary == null) {
                return;
            }
            long at = summaryStart;
            for (McapChannel c : summary.channels().values()) {
                if (!Objects.equals(channels.get(c.id()), c)) {
                    throw new McapFormatException(source, at, "the summary's Channel " + c.id() + " (" + c.topic()
                            + ") differs from the data section's");
                }
            }
            for (McapSchema s : summary.schemas().values()) {
                if (!Objects.equals(schemas.get(s.id()), s)) {
                    throw new McapFormatException(source, at, "the summary's Schema " + s.id() + " (" + s.name()
                            + ") differs from the data section's");
                }
            }
            if (summary.statistics().isPresent()) {
                McapStatistics st = summary.statistics().get();
                if (st.messageCount() != messages || st.chunkCount() != chunks.size()
                        || (!st.channelMessageCounts().isEmpty() && !nonZero(st.channelMessageCounts())
                        .equals(nonZero(counts)))) {
                    throw new McapFormatException(source, at, "the Statistics record says " + st.messageCount()
                            + " messages in " + st.chunkCount() + " chunks " + nonZero(st.channelMessageCounts())
                            + ", but the data section holds " + messages + " in " + chunks.size() + " "
                            + nonZero(counts));
                }
                if (messages > 0 && (st.messageStartTime() != start || st.messageEndTime() != end)) {
                    throw new McapFormatException(source, at, "the Statistics record's time range "
                            + st.messageStartTime() + ".." + st.messageEndTime() + " differs from the messages' "
                            + start + ".." + end);
                }
            }
            if (!summary.chunkIndexes().isEmpty() && summary.chunkIndexes().size() != chunks.size()) {
                throw new McapFormatException(source, at, "the summary indexes " + summary.chunkIndexes().size()
                        + " chunks, the data section holds " + chunks.size());
            }
            for (int i = 0; i < summary.chunkIndexes().size(); i++) {
                McapChunkIndex ci = summary.chunkIndexes().get(i);
                long[] c = chunks.get(i);
                if (ci.chunkStartOffset() != c[0] || ci.chunkLength() != c[1] || ci.messageStartTime() != c[2]
                        || ci.messageEndTime() != c[3]) {
                    throw new McapFormatException(source, at, "Chunk Index " + i + " points at offset "
                            + ci.chunkStartOffset() + " (" + ci.chunkLength() + " bytes), but chunk " + i + " is at "
                            + c[0] + " (" + c[1] + " bytes)");
                }
            }
        }

        private static Map<Integer, Long> nonZero(Map<Integer, Long> m) {
            Map<Integer, Long> out = new TreeMap<>();
            m.forEach((k, v) -> {
                if (v != 0) {
                    out.put(k, v);
                }
            });
            return out;
        }
    }
}
