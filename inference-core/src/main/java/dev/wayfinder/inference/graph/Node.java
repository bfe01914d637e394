package dev.wayfinder.inference.graph;

import java.util.List;

/**
 * One operator application. An empty input name marks an omitted optional input (as in ONNX).
 *
 * @param name    unique within the graph, non-empty
 * @param op      the operator
 * @param inputs  value names read, in the operator's order
 * @param outputs value names written (exactly one for every supported operator)
 */
public record Node(String name, Op op, List<String> inputs, List<String> outputs) {

    public Node {
        if (name == null || name.isEmpty() || op == null) {
            throw new IllegalArgumentException("a node needs a non-empty name and an op");
        }
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (inputs.size() < op.minInputs() || inputs.size() > op.maxInputs()) {
            throw new IllegalArgumentException("node '" + name + "' (" + op.type() + ") has " + inputs.size()
                    + " inputs; expected " + op.minInputs() + ".." + op.maxInputs());
        }
        if (outputs.size() != 1 || outputs.get(0).isEmpty()) {
            throw new IllegalArgumentException("node '" + name + "' (" + op.type() + ") must have exactly one named output, got "
                    + outputs);
        }
    }

    /** Shorthand for a node with one output. */
    public static Node of(String name, Op op, List<String> inputs, String output) {
        return new Node(name, op, inputs, List.of(output));
    }

    /** The single output value's name. */
    public String output() {
        return outputs.get(0);
    }
}
