package dev.wayfinder.ros.mcap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What reading a whole file found: everything {@code wayfinder ros info} prints, counted from the records
 * themselves (and checked against the summary).
 *
 * @param profile Header.profile
 * @param library Header.library
 * @param fileSize bytes
 * @param schemas schemas by id
 * @param channels channels by id
 * @param messageCount messages read
 * @param channelMessageCounts messages per channel id
 * @param messageStartTime earliest log time, ns (0 without messages)
 * @param messageEndTime latest log time, ns (0 without messages)
 * @param chunkCount chunks
 * @param compressions the chunks' compression fields ("" for none)
 * @param compressedBytes bytes of chunk records as stored
 * @param uncompressedBytes bytes of chunk records uncompressed
 * @param metadata the Metadata records, name and key/values, in file order
 * @param complete whether the whole data section was read (false when the visitor stopped early)
 */
public record McapScan(String profile, String library, long fileSize, Map<Integer, McapSchema> schemas,
                       Map<Integer, McapChannel> channels, long messageCount, Map<Integer, Long> channelMessageCounts,
                       long messageStartTime, long messageEndTime, long chunkCount, Set<String> compressions,
                       long compressedBytes, long uncompressedBytes, List<Map.Entry<String, Map<String, String>>> metadata,
                       boolean complete) {
    /** Copies. */
    public McapScan {
        schemas = Collections.unmodifiableMap(new TreeMap<>(schemas));
        channels = Collections.unmodifiableMap(new TreeMap<>(channels));
        channelMessageCounts = Collections.unmodifiableMap(new TreeMap<>(channelMessageCounts));
        compressions = Collections.unmodifiableSet(new TreeSet<>(compressions));
        metadata = List.copyOf(metadata);
    }

    /** @return the duration between the first and the last message, ns */
    public long durationNanos() {
        return messageEndTime - messageStartTime;
    }

    /**
     * @param channelId a channel
     * @return its schema's name, "" when it has none
     */
    public String typeOf(int channelId) {
        McapChannel c = channels.get(channelId);
        McapSchema s = c == null ? null : schemas.get(c.schemaId());
        return s == null ? "" : s.name();
    }

    /** @return metadata key/values of the first record named {@code name}, empty if none */
    public Map<String, String> metadata(String name) {
        for (Map.Entry<String, Map<String, String>> e : metadata) {
            if (e.getKey().equals(name)) {
                return e.getValue();
            }
        }
        return new LinkedHashMap<>();
    }
}
