package dev.wayfinder.ros.rtps.messages;

import java.util.List;
import java.util.Optional;

/**
 * The result of parsing one datagram: the header and the submessages decoded before any problem.
 *
 * @param header the header, empty if the datagram is not RTPS
 * @param submessages decoded submessages in order
 * @param skipped submessages skipped on purpose (unknown, vendor-specific 0x80-0xFF, PAD, HEARTBEAT_FRAG)
 * @param error why parsing stopped early, empty if the whole datagram was valid
 */
public record ParsedMessage(Optional<Header> header, List<Submessage> submessages, int skipped,
                            Optional<String> error) {
    /** Copies the list. */
    public ParsedMessage {
        submessages = List.copyOf(submessages);
    }

    /** @return whether something in the datagram was malformed */
    public boolean malformed() {
        return error.isPresent();
    }
}
