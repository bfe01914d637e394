package dev.wayfinder.inference.graph;

import dev.wayfinder.inference.tensor.Tensor;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A static computation graph: inputs, constant weights (initializers), nodes in topological order, and the
 * names of the output values. Immutable and thread-safe; the compact constructor checks that every value is
 * defined exactly once before it is read.
 *
 * @param name         free-form model name
 * @param inputs       runtime inputs (at least one)
 * @param outputs      names of the values the graph returns (at least one)
 * @param initializers named constant tensors (iteration order preserved)
 * @param nodes        operator applications, each reading only values defined before it
 */
public record Graph(String name, List<ValueInfo> inputs, List<String> outputs, Map<String, Tensor> initializers,
                    List<Node> nodes) {

    public Graph {
        if (name == null) {
            name = "";
        }
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
        nodes = List.copyOf(nodes);
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("graph '" + name + "' needs at least one input and one output");
        }
        Set<String> defined = new HashSet<>();
        for (ValueInfo in : inputs) {
            define(defined, in.name(), "graph input");
        }
        for (String w : initializers.keySet()) {
            define(defined, w, "initializer");
        }
        Set<String> nodeNames = new HashSet<>();
        for (Node n : nodes) {
            if (!nodeNames.add(n.name())) {
                throw new IllegalArgumentException("node name '" + n.name() + "' is used twice");
            }
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    throw new IllegalArgumentException("node '" + n.name() + "' reads '" + in
                            + "', which is not defined by an input, an initializer or an earlier node");
                }
            }
            define(defined, n.output(), "output of node '" + n.name() + "'");
        }
        for (String out : outputs) {
            if (!defined.contains(out)) {
                throw new IllegalArgumentException("graph output '" + out + "' is never defined");
            }
        }
    }

    private static void define(Set<String> defined, String value, String what) {
        if (value.isEmpty() || !defined.add(value)) {
            throw new IllegalArgumentException("value '" + value + "' (" + what + ") is empty or defined twice");
        }
    }

    /** The node that defines {@code value}, or -1 for inputs and initializers. */
    public int producerOf(String value) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).output().equals(value)) {
                return i;
            }
        }
        return -1;
    }
}
