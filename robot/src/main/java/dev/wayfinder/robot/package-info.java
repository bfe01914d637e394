/**
 * The robot side of the navigation policy: everything that runs on a robot when the policy decides, fed only by a
 * {@link dev.wayfinder.robot.RobotObservation} (camera image and its calibration, an optional depth image, wheel
 * odometry, IMU, the goal, an optional static map with the robot's pose on it). The simulator builds that value from
 * its sensor outputs and a deployment from ROS 2 topics, so both run one code path. Nothing of the simulator (its
 * state, world, episode, privileged expert or the renderer's segmentation) is visible here: the module depends on
 * inference-core alone, and {@code RobotBoundaryTest} checks every import.
 */
package dev.wayfinder.robot;
