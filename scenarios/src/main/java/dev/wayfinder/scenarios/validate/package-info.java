/**
 * Geometric validation of scenarios (inside the arena, free starts, solvability), independent of files:
 * the loader runs it and locates its findings; the studio can run it on edited scenarios.
 */
package dev.wayfinder.scenarios.validate;
