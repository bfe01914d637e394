package dev.wayfinder.ros.mcap;

import com.github.luben.zstd.Zstd;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Writes an MCAP file: the Header, then Schema, Channel and Message records in chunks (zstd or uncompressed),
 * each chunk followed by its Message Index records, Metadata records, and on {@link #close()} the Data End
 * (with the data section's CRC), the summary (Schemas, Channels, Statistics, Chunk Indexes, Metadata Indexes),
 * the Summary Offsets and the Footer (with the summary's CRC).
 *
 * <p>Thread-safe: messages may come from several threads. Until {@link #close()} returns the file has no
 * summary and no footer; readers refuse it. Close it from a shutdown hook too (closing twice is harmless) so
 * that Ctrl-C still leaves a valid file.
 */
public final class McapWriter implements AutoCloseable {
    /** How chunk records are stored. */
    public enum Compression {
        /** Uncompressed chunks (compression ""). */
        NONE(""),
        /** zstd-compressed chunks. */
        ZSTD("zstd");

        private final String field;

        Compression(String field) {
            this.field = field;
        }

        /** @return the value of the Chunk record's compression field */
        public String field() {
            return field;
        }
    }

    /**
     * Writer settings.
     *
     * @param profile Header.profile ("ros2" for ROS 2 bags)
     * @param library Header.library (who wrote the file)
     * @param compression how chunks are stored
     * @param chunkSize uncompressed bytes after which a chunk is closed (>= 1)
     * @param zstdLevel zstd level, 1..19
     */
    public record Options(String profile, String library, Compression compression, int chunkSize, int zstdLevel) {
        /** Validates. */
        public Options {
            if (profile == null || library == null || compression == null || chunkSize < 1 || zstdLevel < 1
                    || zstdLevel > 19) {
                throw new IllegalArgumentException("MCAP options need a profile, a library, a compression, a chunk "
                        + "size >= 1 and a zstd level in 1..19");
            }
        }

        /**
         * @return the ROS 2 profile with zstd chunks of 1 MiB, as {@code ros2 bag record} writes them
         */
        public static Options ros2() {
            return new Options(Mcap.PROFILE_ROS2, "wayfinder-ros-bridge", Compression.ZSTD, 1 << 20, 3);
        }

        /**
         * @param bytes the chunk size
         * @return a copy with that chunk size
         */
        public Options withChunkSize(int bytes) {
            return new Options(profile, library, compression, bytes, zstdLevel);
        }

        /**
         * @param c the compression
         * @return a copy with that compression
         */
        public Options withCompression(Compression c) {
            return new Options(profile, library, c, chunkSize, zstdLevel);
        }
    }

    private final Sink out;
    private final Options options;
    private final LeBuffer chunk;
    private final LeBuffer scratch = new LeBuffer(256);
    private final Map<Integer, McapSchema> schemas = new LinkedHashMap<>();
    private final Map<Integer, McapChannel> channels = new LinkedHashMap<>();
    private final Map<Integer, Long> channelCounts = new TreeMap<>();
    private final Map<Integer, List<long[]>> chunkIndex = new TreeMap<>();
    private final List<McapChunkIndex> chunkIndexes = new ArrayList<>();
    private final List<long[]> metadataIndexes = new ArrayList<>();
    private final List<String> metadataNames = new ArrayList<>();
    private long chunkStart = -1;
    private long chunkEnd = -1;
    private long messageCount;
    private long startTime = -1;
    private long endTime = -1;
    private boolean closed;

    private McapWriter(OutputStream stream, Options options) throws IOException {
        this.out = new Sink(stream);
        this.options = options;
        this.chunk = new LeBuffer(Math.min(options.chunkSize() + 1024, 1 << 24));
        out.write(Mcap.magic());
        scratch.clear();
        int r = scratch.beginRecord(Mcap.OP_HEADER);
        scratch.string(options.profile()).string(options.library());
        scratch.endRecord(r);
        out.write(scratch);
    }

    /**
     * Creates (or replaces) a file and writes its header.
     *
     * @param file the file
     * @param options settings
     * @return the writer
     * @throws IOException if the file cannot be written
     */
    public static McapWriter create(Path file, Options options) throws IOException {
        return new McapWriter(Files.newOutputStream(file), options);
    }

    /**
     * Writes to a stream (closed by {@link #close()}).
     *
     * @param stream where the bytes go
     * @param options settings
     * @return the writer
     * @throws IOException if the header cannot be written
     */
    public static McapWriter create(OutputStream stream, Options options) throws IOException {
        return new McapWriter(stream, options);
    }

    /** @return the settings */
    public Options options() {
        return options;
    }

    /**
     * Adds a schema; it is written into the current chunk and repeated in the summary.
     *
     * @param name e.g. "geometry_msgs/msg/Twist"
     * @param encoding e.g. "ros2msg", "" for none
     * @param data the schema
     * @return its id (1, 2, ...)
     * @throws IOException if a chunk could not be written
     */
    public synchronized int addSchema(String name, String encoding, byte[] data) throws IOException {
        open();
        int id = schemas.size() + 1;
        if (id > 0xFFFF) {
            throw new IllegalStateException("an MCAP file holds at most 65535 schemas");
        }
        McapSchema s = new McapSchema(id, name, encoding, data);
        schemas.put(id, s);
        writeSchema(chunk, s);
        maybeFlush();
        return id;
    }

    /**
     * Adds a channel; it is written into the current chunk and repeated in the summary.
     *
     * @param schemaId a schema added before, or 0 for none
     * @param topic the topic
     * @param messageEncoding e.g. "cdr"
     * @param metadata e.g. offered_qos_profiles
     * @return its id (0, 1, ...)
     * @throws IOException if a chunk could not be written
     */
    public synchronized int addChannel(int schemaId, String topic, String messageEncoding,
                                       Map<String, String> metadata) throws IOException {
        open();
        if (schemaId != 0 && !schemas.containsKey(schemaId)) {
            throw new IllegalArgumentException("no schema with id " + schemaId);
        }
        int id = channels.size();
        if (id > 0xFFFF) {
            throw new IllegalStateException("an MCAP file holds at most 65536 channels");
        }
        McapChannel c = new McapChannel(id, schemaId, topic, messageEncoding, metadata);
        channels.put(id, c);
        channelCounts.put(id, 0L);
        writeChannel(chunk, c);
        maybeFlush();
        return id;
    }

    /**
     * Adds a message to the current chunk.
     *
     * @param channelId a channel added before
     * @param sequence the publisher's counter (stored as uint32)
     * @param logTime when it was recorded, ns
     * @param publishTime when it was published, ns
     * @param data the serialized message
     * @throws IOException if a chunk could not be written
     */
    public synchronized void addMessage(int channelId, long sequence, long logTime, long publishTime, byte[] data)
            throws IOException {
        open();
        if (!channels.containsKey(channelId)) {
            throw new IllegalArgumentException("no channel with id " + channelId);
        }
        long offset = chunk.size();
        int r = chunk.beginRecord(Mcap.OP_MESSAGE);
        chunk.u16(channelId).u32(sequence).u64(logTime).u64(publishTime).bytes(data);
        chunk.endRecord(r);
        chunkIndex.computeIfAbsent(channelId, k -> new ArrayList<>()).add(new long[] {logTime, offset});
        chunkStart = chunkStart < 0 ? logTime : Math.min(chunkStart, logTime);
        chunkEnd = Math.max(chunkEnd, logTime);
        startTime = startTime < 0 ? logTime : Math.min(startTime, logTime);
        endTime = Math.max(endTime, logTime);
        messageCount++;
        channelCounts.merge(channelId, 1L, Long::sum);
        maybeFlush();
    }

    /**
     * Writes a Metadata record (outside chunks) and indexes it in the summary.
     *
     * @param name e.g. "rosbag2"
     * @param metadata key/value pairs
     * @throws IOException if it cannot be written
     */
    public synchronized void addMetadata(String name, Map<String, String> metadata) throws IOException {
        open();
        flushChunk();
        scratch.clear();
        int r = scratch.beginRecord(Mcap.OP_METADATA);
        scratch.string(name).stringMap(metadata);
        scratch.endRecord(r);
        metadataIndexes.add(new long[] {out.position(), scratch.size()});
        metadataNames.add(name);
        out.write(scratch);
    }

    /** @return messages written so far */
    public synchronized long messageCount() {
        return messageCount;
    }

    /** @return messages written so far per channel id */
    public synchronized Map<Integer, Long> channelMessageCounts() {
        return Map.copyOf(channelCounts);
    }

    /** @return the channels added so far, by id */
    public synchronized Map<Integer, McapChannel> channels() {
        return Map.copyOf(channels);
    }

    /** @return whether {@link #close()} has finished the file */
    public synchronized boolean isClosed() {
        return closed;
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the MCAP writer is closed");
        }
    }

    private void maybeFlush() throws IOException {
        if (chunk.size() >= options.chunkSize()) {
            flushChunk();
        }
    }

    private static void writeSchema(LeBuffer b, McapSchema s) {
        int r = b.beginRecord(Mcap.OP_SCHEMA);
        byte[] d = s.data();
        b.u16(s.id()).string(s.name()).string(s.encoding()).u32(d.length).bytes(d);
        b.endRecord(r);
    }

    private static void writeChannel(LeBuffer b, McapChannel c) {
        int r = b.beginRecord(Mcap.OP_CHANNEL);
        b.u16(c.id()).u16(c.schemaId()).string(c.topic()).string(c.messageEncoding()).stringMap(c.metadata());
        b.endRecord(r);
    }

    private void flushChunk() throws IOException {
        if (chunk.size() == 0) {
            return;
        }
        byte[] raw = chunk.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(raw);
        byte[] stored = options.compression() == Compression.ZSTD ? Zstd.compress(raw, options.zstdLevel()) : raw;
        long start = chunkStart < 0 ? 0 : chunkStart;
        long end = chunkEnd < 0 ? 0 : chunkEnd;
        long chunkOffset = out.position();
        scratch.clear();
        int r = scratch.beginRecord(Mcap.OP_CHUNK);
        scratch.u64(start).u64(end).u64(raw.length).u32(crc.getValue()).string(options.compression().field())
                .u64(stored.length);
        scratch.putU64(r + 1, scratch.size() - Mcap.RECORD_PREFIX + (long) stored.length);
        out.write(scratch.array(), 0, scratch.size());
        out.write(stored, 0, stored.length);
        long chunkLength = scratch.size() + (long) stored.length;
        Map<Integer, Long> indexOffsets = new TreeMap<>();
        long indexStart = out.position();
        for (Map.Entry<Integer, List<long[]>> e : chunkIndex.entrySet()) {
            List<long[]> entries = new ArrayList<>(e.getValue());
            entries.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
            scratch.clear();
            int m = scratch.beginRecord(Mcap.OP_MESSAGE_INDEX);
            scratch.u16(e.getKey()).u32(entries.size() * 16L);
            for (long[] x : entries) {
                scratch.u64(x[0]).u64(x[1]);
            }
            scratch.endRecord(m);
            indexOffsets.put(e.getKey(), out.position());
            out.write(scratch);
        }
        chunkIndexes.add(new McapChunkIndex(start, end, chunkOffset, chunkLength, indexOffsets,
                out.position() - indexStart, options.compression().field(), stored.length, raw.length));
        chunk.clear();
        chunkIndex.clear();
        chunkStart = -1;
        chunkEnd = -1;
    }

    /**
     * Writes the last chunk, the summary and the footer, and closes the file. Idempotent.
     *
     * @throws IOException if the file cannot be finished
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushChunk();
            long dataCrc = out.dataCrc();
            scratch.clear();
            int r = scratch.beginRecord(Mcap.OP_DATA_END);
            scratch.u32(dataCrc);
            scratch.endRecord(r);
            out.write(scratch);

            long summaryStart = out.position();
            out.startSummaryCrc();
            List<long[]> groups = new ArrayList<>();
            group(groups, Mcap.OP_SCHEMA, schemas.values().stream().map(s -> (Consumer<LeBuffer>)
                    b -> writeSchema(b, s)).toList());
            group(groups, Mcap.OP_CHANNEL, channels.values().stream().map(c -> (Consumer<LeBuffer>)
                    b -> writeChannel(b, c)).toList());
            group(groups, Mcap.OP_STATISTICS, List.of(b -> {
                int s = b.beginRecord(Mcap.OP_STATISTICS);
                b.u64(messageCount).u16(schemas.size()).u32(channels.size()).u32(0).u32(metadataNames.size())
                        .u32(chunkIndexes.size()).u64(Math.max(0, startTime)).u64(Math.max(0, endTime));
                int at = b.size();
                b.u32(0);
                channelCounts.forEach((k, v) -> b.u16(k).u64(v));
                b.putU32(at, b.size() - at - 4);
                b.endRecord(s);
            }));
            group(groups, Mcap.OP_CHUNK_INDEX, chunkIndexes.stream().map(ci -> (Consumer<LeBuffer>)
                    b -> {
                        int s = b.beginRecord(Mcap.OP_CHUNK_INDEX);
                        b.u64(ci.messageStartTime()).u64(ci.messageEndTime()).u64(ci.chunkStartOffset())
                                .u64(ci.chunkLength());
                        int at = b.size();
                        b.u32(0);
                        ci.messageIndexOffsets().forEach((k, v) -> b.u16(k).u64(v));
                        b.putU32(at, b.size() - at - 4);
                        b.u64(ci.messageIndexLength()).string(ci.compression()).u64(ci.compressedSize())
                                .u64(ci.uncompressedSize());
                        b.endRecord(s);
                    }).toList());
            List<Consumer<LeBuffer>> metas = new ArrayList<>();
            for (int i = 0; i < metadataNames.size(); i++) {
                long[] at = metadataIndexes.get(i);
                String name = metadataNames.get(i);
                metas.add(b -> {
                    int s = b.beginRecord(Mcap.OP_METADATA_INDEX);
                    b.u64(at[0]).u64(at[1]).string(name);
                    b.endRecord(s);
                });
            }
            group(groups, Mcap.OP_METADATA_INDEX, metas);

            long summaryOffsetStart = out.position();
            scratch.clear();
            for (long[] g : groups) {
                int s = scratch.beginRecord(Mcap.OP_SUMMARY_OFFSET);
                scratch.u8((int) g[0]).u64(g[1]).u64(g[2]);
                scratch.endRecord(s);
            }
            out.write(scratch);

            scratch.clear();
            scratch.u8(Mcap.OP_FOOTER).u64(Mcap.FOOTER_CONTENT).u64(summaryStart).u64(summaryOffsetStart);
            out.write(scratch);
            scratch.clear();
            scratch.u32(out.summaryCrc());
            out.write(scratch);
            out.write(Mcap.magic());
            out.flush();
        } finally {
            out.close();
        }
    }

    private void group(List<long[]> groups, int opcode, List<Consumer<LeBuffer>> records)
            throws IOException {
        if (records.isEmpty()) {
            return;
        }
        long start = out.position();
        for (Consumer<LeBuffer> w : records) {
            scratch.clear();
            w.accept(scratch);
            out.write(scratch);
        }
        groups.add(new long[] {opcode, start, out.position() - start});
    }

    /** The file: counts bytes, and keeps the data section's and the summary's CRCs. */
    private static final class Sink {
        private final OutputStream os;
        private final CRC32 data = new CRC32();
        private final CRC32 summary = new CRC32();
        private boolean inData = true;
        private boolean inSummary;
        private long position;

        Sink(OutputStream os) {
            this.os = new BufferedOutputStream(os, 1 << 16);
        }

        long position() {
            return position;
        }

        void write(LeBuffer b) throws IOException {
            write(b.array(), 0, b.size());
        }

        void write(byte[] b) throws IOException {
            write(b, 0, b.length);
        }

        void write(byte[] b, int off, int len) throws IOException {
            os.write(b, off, len);
            if (inData) {
                data.update(b, off, len);
            }
            if (inSummary) {
                summary.update(b, off, len);
            }
            position += len;
        }

        /** The CRC of everything so far; the data section ends here. */
        long dataCrc() {
            inData = false;
            return data.getValue();
        }

        void startSummaryCrc() {
            inSummary = true;
        }

        long summaryCrc() {
            inSummary = false;
            return summary.getValue();
        }

        void flush() throws IOException {
            os.flush();
        }

        void close() throws IOException {
            os.close();
        }
    }
}
