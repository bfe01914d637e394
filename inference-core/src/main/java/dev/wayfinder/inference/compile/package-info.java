/**
 * The compiler from {@link dev.wayfinder.inference.graph.Graph} to {@link dev.wayfinder.inference.compile.ExecutionPlan}:
 * shape inference, lowering with fusion (batch norm folded into convolution; bias and activation fused into
 * convolution and dense kernels; reshapes as aliases), liveness-based placement of every value in one float
 * arena, and per-thread {@link dev.wayfinder.inference.compile.ExecutionContext}s that run without allocating.
 */
package dev.wayfinder.inference.compile;
