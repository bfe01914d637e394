/** JMH suite of the physics simulator: control steps per second and time per physics substep. */
package dev.wayfinder.benchmarks.sim;
