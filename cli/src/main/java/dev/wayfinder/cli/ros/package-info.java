/**
 * The {@code wayfinder ros topic list | echo | pub | hz} commands: the counterparts of {@code ros2 topic}, over
 * the pure-Java ROS 2 node of ros-bridge, so topics can be checked without a ROS install. Only options, wiring
 * and printing live here; message text, JSON trees, pub values and type lookup are ros-bridge's
 * {@code dev.wayfinder.ros.tools}.
 */
package dev.wayfinder.cli.ros;
