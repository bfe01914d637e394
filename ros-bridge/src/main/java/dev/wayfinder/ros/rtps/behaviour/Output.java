package dev.wayfinder.ros.rtps.behaviour;

import dev.wayfinder.ros.rtps.messages.GuidPrefix;
import dev.wayfinder.ros.rtps.messages.Locator;
import dev.wayfinder.ros.rtps.messages.MessageBuilder;
import java.util.List;

/** Where writers and readers send their messages: the participant's identity, clock and sockets. */
public interface Output {
    /**
     * Starts a message addressed to one remote participant (header + INFO_DST).
     *
     * @param destination remote participant
     * @return a builder to append submessages to
     */
    MessageBuilder message(GuidPrefix destination);

    /**
     * Sends an encoded message to every locator.
     *
     * @param message bytes
     * @param to destinations
     */
    void send(byte[] message, List<Locator> to);

    /** @return the current time in nanoseconds since the Unix epoch (for INFO_TS) */
    long nowNanos();
}
