/**
 * Value types of scenarios (a task family, as written in a file, ranges included) and episodes (one
 * concrete instance). All are immutable records validated in their compact constructors, which throw
 * {@link java.lang.IllegalArgumentException} naming the offending field. Units are SI; angles are radians
 * (files write degrees); frames follow ROS REP-103: x forward, y left, z up, yaw counter-clockwise from +x.
 * The world frame has its origin at the arena centre.
 */
package dev.wayfinder.scenarios.model;
