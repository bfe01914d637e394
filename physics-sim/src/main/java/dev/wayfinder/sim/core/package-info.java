/**
 * The simulator core, shaped like MuJoCo's model/data split: {@link dev.wayfinder.sim.core.WorldCompiler}
 * turns an {@link dev.wayfinder.scenarios.model.Episode} into an immutable {@link dev.wayfinder.sim.core.World};
 * all mutable state of one running episode (the JBullet dynamics world included) lives in a preallocated
 * {@link dev.wayfinder.sim.core.SimState}; {@link dev.wayfinder.sim.core.Physics#step} advances one control
 * period and {@link dev.wayfinder.sim.core.Sensors#update} computes the sensor readings.
 *
 * <p>Units are SI, angles radians, frames REP-103 (x forward, y left, z up), times nanoseconds. Nothing here
 * throws for a diverging simulation: it is reported through {@link dev.wayfinder.sim.core.SimState#truncation()}.
 */
package dev.wayfinder.sim.core;
