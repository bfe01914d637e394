/**
 * The privileged expert: it sees the true state, plans on the episode's occupancy grid (the scenarios
 * planner, inflated by the robot's footprint), and follows the path by scoring short predicted arcs of the
 * policy's own action type against the true geometry, including where moving obstacles will be. It is the
 * teacher for imitation learning and a baseline in evaluations.
 */
package dev.wayfinder.sim.expert;
