/**
 * Inference benchmarks: the policy network on this core's backends side by side with ONNX Runtime and DJL + PyTorch
 * ({@link dev.wayfinder.benchmarks.inference.DjlEngines}, when DJL is on the class path), as a JMH
 * suite ({@link dev.wayfinder.benchmarks.inference.PolicyInferenceBenchmark}) and as a quick table
 * ({@link dev.wayfinder.benchmarks.inference.InferenceComparison}, behind {@code wayfinder bench inference}).
 */
package dev.wayfinder.benchmarks.inference;
