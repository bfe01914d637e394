/**
 * What the {@code wayfinder ros topic} commands need without a ROS install: the registry of built-in message
 * types by ROS name, message text in the style of {@code ros2 topic echo}, parsing of {@code ros2 topic pub}
 * values (YAML flow style), and rate statistics like {@code ros2 topic hz}. No printing or argument parsing here.
 */
package dev.wayfinder.ros.tools;
