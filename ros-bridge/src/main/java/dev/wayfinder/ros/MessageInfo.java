package dev.wayfinder.ros;

/**
 * Facts about one received message besides its content.
 *
 * @param publisher GUID of the publishing DDS writer (hex prefix:entity), as in the ROS graph
 * @param sequence the writer's sequence number (increasing per publisher)
 * @param sourceTimestampNanos when the publisher sent it (ns since the Unix epoch), -1 if it did not say
 */
public record MessageInfo(String publisher, long sequence, long sourceTimestampNanos) {
}
