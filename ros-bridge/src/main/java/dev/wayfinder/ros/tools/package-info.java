/**
 * What the {@code wayfinder ros topic} commands need without a ROS install: the registry of built-in message
 * types by ROS name, message text in the style of {@code ros2 topic echo}, a message as a tree of ROS-named fields
 * (for JSON) and as one line of YAML flow text, parsing of {@code ros2 topic pub} values (YAML flow style), and
 * rate statistics like {@code ros2 topic hz}. Java names to ROS field names and reading a message record's fields
 * happen here only ({@code RecordFields}). No printing or argument parsing here: the commands in cli wire these
 * and print what they return.
 */
package dev.wayfinder.ros.tools;
