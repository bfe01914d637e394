package dev.wayfinder.inference.graph;

import dev.wayfinder.inference.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Graph} node by node, naming values and nodes automatically. Not thread-safe; use one builder
 * per graph.
 */
public final class GraphBuilder {
    private final String name;
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private int counter;

    public GraphBuilder(String name) {
        this.name = name;
    }

    /** Declares a runtime input; dimension 0 may be -1 for the batch. Returns its value name. */
    public String input(String value, int... dims) {
        inputs.add(new ValueInfo(value, dims));
        return value;
    }

    /** Adds a named constant tensor. Returns its value name. */
    public String constant(String value, Tensor t) {
        initializers.put(value, t);
        return value;
    }

    /** Adds a constant under a generated name. */
    public String constant(Tensor t) {
        return constant("const" + counter++, t);
    }

    /** Applies {@code op} to {@code inputs} ("" for an omitted optional input). Returns the output's name. */
    public String apply(Op op, String... inputs) {
        int id = counter++;
        String out = op.type().toLowerCase() + id;
        nodes.add(Node.of(op.type() + "_" + id, op, List.of(inputs), out));
        return out;
    }

    /** A 2-D convolution with weight [m, c/group, k, k], optional bias, square stride and symmetric padding. */
    public String conv(String x, Tensor weight, Tensor bias, int stride, int pad) {
        int k = weight.shape().dim(2);
        int kw = weight.shape().dim(3);
        String w = constant(weight);
        String b = bias == null ? "" : constant(bias);
        return apply(new Op.Conv(new int[] {k, kw}, new int[] {stride, stride}, new int[] {pad, pad, pad, pad},
                new int[] {1, 1}, 1), x, w, b);
    }

    /** A dense layer as ONNX Gemm with transB: weight [m, k], bias [m]. */
    public String dense(String x, Tensor weight, Tensor bias) {
        return apply(new Op.Gemm(1f, 1f, false, true), x, constant(weight), constant(bias));
    }

    /** ReLU. */
    public String relu(String x) {
        return apply(new Op.Relu(), x);
    }

    /** Flatten from axis 1. */
    public String flatten(String x) {
        return apply(new Op.Flatten(1), x);
    }

    /** Marks a value as a graph output. */
    public GraphBuilder output(String value) {
        outputs.add(value);
        return this;
    }

    /**
     * The graph built so far.
     *
     * @throws IllegalArgumentException if it is malformed (see {@link Graph})
     */
    public Graph build() {
        return new Graph(name, inputs, outputs, initializers, nodes);
    }
}
