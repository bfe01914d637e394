/**
 * Domain randomization: {@link dev.wayfinder.randomization.Randomizer} turns a Scenario and a seed into an
 * Episode as a pure, reproducible function; {@link dev.wayfinder.randomization.Split} gives train,
 * validation and test disjoint seed spaces; {@link dev.wayfinder.randomization.Ranges} narrows ranges for
 * curricula and widens them for out-of-distribution evaluation.
 */
package dev.wayfinder.randomization;
