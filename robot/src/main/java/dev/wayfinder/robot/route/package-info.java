/**
 * Routes from what a robot has: a grid planner on a static occupancy map (as Nav2's planner on a SLAM map) and a
 * follower that turns the planned path into the bearing a local controller steers by.
 */
package dev.wayfinder.robot.route;
