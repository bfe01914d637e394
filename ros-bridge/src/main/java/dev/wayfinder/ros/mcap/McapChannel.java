package dev.wayfinder.ros.mcap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Channel record: a stream of messages on one topic.
 *
 * @param id unique in the file, 0..65535
 * @param schemaId the schema of its messages, 0 for none
 * @param topic e.g. "/cmd_vel"
 * @param messageEncoding e.g. "cdr"
 * @param metadata e.g. offered_qos_profiles (unmodifiable, in insertion order)
 */
public record McapChannel(int id, int schemaId, String topic, String messageEncoding, Map<String, String> metadata) {
    /** Validates and copies. */
    public McapChannel {
        if (id < 0 || id > 0xFFFF || schemaId < 0 || schemaId > 0xFFFF || topic == null || messageEncoding == null
                || metadata == null) {
            throw new IllegalArgumentException("channel needs ids in 0..65535, a topic, an encoding and metadata");
        }
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
