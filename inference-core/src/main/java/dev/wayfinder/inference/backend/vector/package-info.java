/**
 * The Vector API backend ({@code jdk.incubator.vector}, the preferred species: 16 float lanes with AVX-512).
 * Kernels keep their hot loops flat — vectors never cross a call the JIT might not inline, because a boxed
 * vector costs 5-10x — and allocate nothing per run. Ops without a faster kernel here use the scalar ones.
 */
package dev.wayfinder.inference.backend.vector;
