package dev.wayfinder.ros.rtps;

import dev.wayfinder.ros.rtps.messages.Guid;

/**
 * A sample as a reader delivers it.
 *
 * @param writer the remote writer
 * @param sequence its sequence number
 * @param payload serialized payload including the encapsulation header: the receiver's to keep, or, for a reader
 *     created lent ({@link Participant#createReader(String, String, dev.wayfinder.ros.rtps.behaviour.EndpointQos,
 *     java.util.function.Consumer, boolean)}), only until its listener returns
 * @param sourceNanos the writer's timestamp (ns since the Unix epoch), -1 if none was sent
 */
public record ReceivedSample(Guid writer, long sequence, byte[] payload, long sourceNanos) {
}
