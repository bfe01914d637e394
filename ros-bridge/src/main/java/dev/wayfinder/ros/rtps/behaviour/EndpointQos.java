package dev.wayfinder.ros.rtps.behaviour;

import java.util.Optional;

/**
 * The QoS policies that matter for matching and for the protocol: reliability, durability and history.
 *
 * @param reliable RELIABLE (true) or BEST_EFFORT
 * @param transientLocal TRANSIENT_LOCAL (true) or VOLATILE durability
 * @param keepAll KEEP_ALL (true) or KEEP_LAST history
 * @param depth history depth for KEEP_LAST (>= 1)
 */
public record EndpointQos(boolean reliable, boolean transientLocal, boolean keepAll, int depth) {
    /** Validates the depth. */
    public EndpointQos {
        if (depth < 1) {
            throw new IllegalArgumentException("history depth must be >= 1, got " + depth);
        }
    }

    /**
     * Checks requested-versus-offered compatibility (DDS 2.2.3): the writer must offer at least the reader's
     * reliability and durability.
     *
     * @param writer offered QoS
     * @param reader requested QoS
     * @return why the pair cannot match, or empty if it can
     */
    public static Optional<String> incompatibility(EndpointQos writer, EndpointQos reader) {
        if (reader.reliable && !writer.reliable) {
            return Optional.of("RELIABILITY: reader requests RELIABLE, writer offers only BEST_EFFORT");
        }
        if (reader.transientLocal && !writer.transientLocal) {
            return Optional.of("DURABILITY: reader requests TRANSIENT_LOCAL, writer offers only VOLATILE");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return (reliable ? "reliable" : "best-effort") + ", " + (transientLocal ? "transient-local" : "volatile")
                + ", " + (keepAll ? "keep-all" : "keep-last " + depth);
    }
}
