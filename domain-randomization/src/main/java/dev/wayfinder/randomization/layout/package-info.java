/**
 * Geometry of layout randomization: uniform points in start and goal regions, placement of added objects
 * inside the layout area away from the start and goal, and the solvability check every drawn layout must
 * pass ({@link dev.wayfinder.randomization.layout.LayoutCheck}, by default the scenarios planner).
 */
package dev.wayfinder.randomization.layout;
