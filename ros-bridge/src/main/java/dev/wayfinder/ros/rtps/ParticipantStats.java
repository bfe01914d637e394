package dev.wayfinder.ros.rtps;

/**
 * Receive-path counters of one participant.
 *
 * @param datagrams datagrams received
 * @param malformed datagrams with a malformed or truncated part (dropped from there on)
 * @param handlerErrors submessages whose handling failed unexpectedly (dropped)
 * @param refusedDiscovery announcements refused because discovery tables were full
 * @param remoteParticipants remote participants currently known
 * @param remoteEndpoints remote endpoints currently known
 */
public record ParticipantStats(long datagrams, long malformed, long handlerErrors, long refusedDiscovery,
                               int remoteParticipants, int remoteEndpoints) {
}
