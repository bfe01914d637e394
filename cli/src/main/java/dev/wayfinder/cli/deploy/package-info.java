/** {@code wayfinder deploy}: the robot-side policy on ROS 2 topics (the deploy module), wiring and printing only. */
package dev.wayfinder.cli.deploy;
