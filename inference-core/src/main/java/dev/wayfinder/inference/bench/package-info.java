/**
 * Quick, dependency-free benchmarks of this core (the JMH suites and the comparison with peer runtimes live
 * in the benchmarks module), and the reference policy network they run.
 */
package dev.wayfinder.inference.bench;
