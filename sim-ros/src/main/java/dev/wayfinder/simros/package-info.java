/**
 * The simulator as a ROS 2 robot ({@code wayfinder sim --scenario S --ros}): {@link dev.wayfinder.simros.SimRosNode}
 * steps a physics-sim env in real time (or a multiple of it) and publishes what a ROS 2 stack expects of a robot
 * (/clock, camera, depth, CameraInfo, odometry, /tf and /tf_static, scan, IMU, map, goal, episode status), taking
 * velocity commands on /cmd_vel. {@link dev.wayfinder.simros.RosFrames} holds the frame maths (REP-103/105, the
 * camera optical frame), {@link dev.wayfinder.simros.SimMessages} builds the messages from simulator values.
 */
package dev.wayfinder.simros;
