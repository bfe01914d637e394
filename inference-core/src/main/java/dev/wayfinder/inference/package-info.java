/**
 * Wayfinder's inference core: float32 NCHW tensors, a static graph of operators, a compiler from graph to an
 * {@link dev.wayfinder.inference.compile.ExecutionPlan} with fused kernels and one preallocated arena, CPU
 * backends (a scalar reference and a Vector API backend), the model file format and ONNX import/export.
 *
 * <p>Typical use: {@code Graph g = ModelFile.read(path)} (or {@code OnnxImporter.read(path)}), then
 * {@code ExecutionPlan p = Compiler.compile(g, CompileOptions.batch(1))}, then per thread
 * {@code ExecutionContext c = p.newContext(); c.setInput(0, x); c.run(); c.getOutput(0, y);}.
 * Depends on the JDK only.
 */
package dev.wayfinder.inference;
