/**
 * Inference benchmarks: the policy network on this core's backends side by side with ONNX Runtime and DJL + PyTorch
 * ({@link dev.wayfinder.benchmarks.inference.DjlEngines}, when DJL is on the class path), as a JMH
 * suite ({@link dev.wayfinder.benchmarks.inference.PolicyInferenceBenchmark}) and as a quick table
 * ({@link dev.wayfinder.benchmarks.inference.InferenceComparison}, behind {@code wayfinder bench inference}); and the
 * inference server against one-at-a-time calls at 1, 8 and 64 clients
 * ({@link dev.wayfinder.benchmarks.inference.ServerThroughputBenchmark}; the quick table is inference-core's
 * {@code ServerBench}, behind {@code wayfinder bench server}).
 */
package dev.wayfinder.benchmarks.inference;
