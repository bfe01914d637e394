/**
 * {@code wayfinder bench ros}: ros-bridge against Cyclone DDS, round trips and image throughput in one run inside a
 * private network namespace. {@link dev.wayfinder.benchmarks.ros.RosBench} is the entry point; the peers come from
 * wayfinder-ros-testkit.
 */
package dev.wayfinder.benchmarks.ros;
