package dev.wayfinder.ros;

/**
 * A ROS topic seen on the network.
 *
 * @param name ROS topic name, "/cmd_vel"
 * @param type ROS type name, "geometry_msgs/msg/Twist"
 * @param publishers remote publishers seen
 * @param subscriptions remote subscriptions seen
 */
public record TopicInfo(String name, String type, int publishers, int subscriptions) {
}
