/**
 * The ROS 2 node API: a {@link dev.wayfinder.ros.Node} on a domain with typed publishers and subscriptions,
 * QoS profiles equal to ROS 2's presets, and the ROS 2 conventions (topic prefixes, type names, USER_DATA,
 * ros_discovery_info) on top of the pure-Java DDSI-RTPS participant in {@code dev.wayfinder.ros.rtps}.
 */
package dev.wayfinder.ros;
