package dev.wayfinder.ros.mcap;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Statistics record: counts and the time range of a file.
 *
 * @param messageCount messages in the file
 * @param schemaCount schemas
 * @param channelCount channels
 * @param attachmentCount attachments
 * @param metadataCount metadata records
 * @param chunkCount chunks
 * @param messageStartTime earliest log time, ns (0 without messages)
 * @param messageEndTime latest log time, ns (0 without messages)
 * @param channelMessageCounts messages per channel id (unmodifiable, sorted)
 */
public record McapStatistics(long messageCount, int schemaCount, long channelCount, long attachmentCount,
                             long metadataCount, long chunkCount, long messageStartTime, long messageEndTime,
                             Map<Integer, Long> channelMessageCounts) {
    /** Copies the map. */
    public McapStatistics {
        channelMessageCounts = Collections.unmodifiableMap(new TreeMap<>(channelMessageCounts));
    }
}
