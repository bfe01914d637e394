/**
 * Path planning for a round robot among obstacles: {@link dev.wayfinder.scenarios.planning.OccupancyGrid}
 * rasterises the arena and obstacles inflated by the robot radius, {@link dev.wayfinder.scenarios.planning.AStar}
 * finds a shortest 8-connected path on it. Used to check scenarios for solvability, by the randomizer to keep
 * layouts solvable and by the privileged expert.
 */
package dev.wayfinder.scenarios.planning;
