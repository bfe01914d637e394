/**
 * The static graph: operators ({@link dev.wayfinder.inference.graph.Op}, named after their ONNX
 * counterparts), nodes, graphs with named constant weights, and shape inference. All types are immutable values.
 */
package dev.wayfinder.inference.graph;
