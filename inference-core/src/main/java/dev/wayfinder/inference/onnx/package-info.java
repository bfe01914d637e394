/**
 * ONNX import (opset 13+, the operator subset of {@link dev.wayfinder.inference.graph.Op}) and export, through a
 * small hand-written protobuf wire-format reader and writer instead of generated protobuf-java classes: it keeps
 * the core free of dependencies, reads only the dozen onnx.proto fields we use, and bounds-checks every length
 * so a hostile file fails with a {@link dev.wayfinder.inference.format.ModelFormatException}.
 */
package dev.wayfinder.inference.onnx;
