/**
 * MCAP files (the container {@code ros2 bag} and Foxglove read), written here from the MCAP specification:
 * {@link dev.wayfinder.ros.mcap.McapWriter} writes chunked files (zstd through zstd-jni, or uncompressed) with
 * message indexes, the summary (schemas, channels, statistics, chunk and metadata indexes), summary offsets and
 * CRCs; {@link dev.wayfinder.ros.mcap.McapReader} reads them strictly and names the offset and what it expected
 * when a file is truncated or corrupt ({@link dev.wayfinder.ros.mcap.McapFormatException}).
 *
 * <p>On top, the ROS 2 profile: {@link dev.wayfinder.ros.mcap.RosBagWriter} (ros2msg schemas with the full
 * definition text, cdr channels with {@code offered_qos_profiles}), {@link dev.wayfinder.ros.mcap.Recorder}
 * (records live topics of a {@link dev.wayfinder.ros.Node}) and {@link dev.wayfinder.ros.mcap.Player} (publishes a
 * file's messages at their recorded timing). Other modules record through {@code RosBagWriter}.
 */
package dev.wayfinder.ros.mcap;
