package dev.wayfinder.ros.mcap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a file's summary section says, read from its end without reading the messages.
 *
 * @param schemas the Schema records, by id
 * @param channels the Channel records, by id
 * @param statistics the Statistics record, if any
 * @param chunkIndexes the Chunk Index records, in file order
 * @param metadataNames the names of the Metadata records the summary indexes
 */
public record McapSummary(Map<Integer, McapSchema> schemas, Map<Integer, McapChannel> channels,
                          Optional<McapStatistics> statistics, List<McapChunkIndex> chunkIndexes,
                          List<String> metadataNames) {
    /** Copies. */
    public McapSummary {
        schemas = Collections.unmodifiableMap(new LinkedHashMap<>(schemas));
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        chunkIndexes = List.copyOf(chunkIndexes);
        metadataNames = List.copyOf(metadataNames);
    }
}
