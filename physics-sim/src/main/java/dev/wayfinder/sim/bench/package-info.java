/**
 * A quick, dependency-free benchmark of the simulator ({@code wayfinder bench sim}); the JMH suite in
 * benchmarks/ measures the same workloads more rigorously.
 */
package dev.wayfinder.sim.bench;
