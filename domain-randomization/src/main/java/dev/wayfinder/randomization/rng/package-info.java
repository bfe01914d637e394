/**
 * Seeded, splittable pseudo-random numbers that give the same values on every JDK and machine: a
 * SplitMix64 generator ({@link dev.wayfinder.randomization.rng.Rng}), named independent streams derived
 * from (seed, path), and sampling of the scenario distributions
 * ({@link dev.wayfinder.randomization.rng.Sampler}). Only integer arithmetic, IEEE basic operations and
 * {@link java.lang.StrictMath} are used, so results never depend on JIT intrinsics.
 */
package dev.wayfinder.randomization.rng;
