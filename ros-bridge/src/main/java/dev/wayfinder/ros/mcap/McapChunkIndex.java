package dev.wayfinder.ros.mcap;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Chunk Index record: where a chunk and its message indexes are.
 *
 * @param messageStartTime earliest log time in the chunk
 * @param messageEndTime latest log time in the chunk
 * @param chunkStartOffset file offset of the Chunk record
 * @param chunkLength bytes of the Chunk record, opcode and length included
 * @param messageIndexOffsets file offset of each channel's Message Index record after the chunk (unmodifiable)
 * @param messageIndexLength bytes of all the Message Index records after the chunk
 * @param compression "zstd" or "" (none)
 * @param compressedSize bytes of the chunk's records as stored
 * @param uncompressedSize bytes of the chunk's records uncompressed
 */
public record McapChunkIndex(long messageStartTime, long messageEndTime, long chunkStartOffset, long chunkLength,
                             Map<Integer, Long> messageIndexOffsets, long messageIndexLength, String compression,
                             long compressedSize, long uncompressedSize) {
    /** Copies the map. */
    public McapChunkIndex {
        messageIndexOffsets = Collections.unmodifiableMap(new TreeMap<>(messageIndexOffsets));
    }
}
