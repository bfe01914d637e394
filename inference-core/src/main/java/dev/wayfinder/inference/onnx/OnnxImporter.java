package dev.wayfinder.inference.onnx;

import dev.wayfinder.inference.ModelException;
import dev.wayfinder.inference.format.ModelFormatException;
import dev.wayfinder.inference.graph.Attribute;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.Node;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.graph.OpCodec;
import dev.wayfinder.inference.graph.UnsupportedOperatorException;
import dev.wayfinder.inference.graph.ValueInfo;
import dev.wayfinder.inference.tensor.Shape;
import dev.wayfinder.inference.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX model (opset 13 or later) into a {@link Graph}. Float initializers become weights; integer
 * tensors (initializers or Constant nodes) are accepted where an operator needs them as attributes (the
 * target shape of Reshape). Every unsupported operator is listed, by type and node name, in one
 * {@link UnsupportedOperatorException}. Stateless and thread-safe.
 */
public final class OnnxImporter {

    /** The oldest opset whose semantics this importer implements. */
    public static final int MIN_OPSET = 13;
    /** The largest file read: 1 GiB. */
    public static final long MAX_BYTES = 1L << 30;

    private OnnxImporter() {
    }

    /** Reads an ONNX file. */
    public static Graph read(Path path) throws IOException, ModelException {
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new ModelFormatException(path + ": file is " + size + " bytes; the limit is " + MAX_BYTES);
        }
        return fromBytes(Files.readAllBytes(path));
    }

    /**
     * Parses an ONNX model held in memory.
     *
     * @throws ModelFormatException         when the bytes are not a well-formed ONNX model of a supported opset
     * @throws UnsupportedOperatorException listing every operator outside the supported subset
     */
    public static Graph fromBytes(byte[] data) throws ModelException {
        OnnxProto.RawModel model = OnnxProto.model(data);
        if (model.opset() < MIN_OPSET) {
            throw new ModelFormatException("onnx: the model uses opset " + model.opset() + " of the default domain; "
                    + "expected " + MIN_OPSET + " or later (re-export with opset_version=" + MIN_OPSET + ")");
        }
        return convert(model.graph());
    }

    private static Graph convert(OnnxProto.RawGraph g) throws ModelException {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, long[]> ints = new HashMap<>();
        for (OnnxProto.RawTensor t : g.initializers()) {
            addConstant(t.name(), t, weights, ints);
        }
        List<ValueInfo> inputs = new ArrayList<>();
        for (OnnxProto.RawValue v : g.inputs()) {
            if (weights.containsKey(v.name()) || ints.containsKey(v.name())) {
                continue; // older exporters list initializers as inputs too
            }
            if (v.elemType() != OnnxProto.FLOAT) {
                throw new ModelFormatException("onnx: input '" + v.name() + "' has element type " + v.elemType()
                        + "; only float (1) inputs are supported");
            }
            int[] dims = new int[v.dims().length];
            for (int i = 0; i < dims.length; i++) {
                long d = v.dims()[i];
                if (d < 0 && i != 0) {
                    throw new ModelFormatException("onnx: input '" + v.name() + "' axis " + i + " is dynamic ('"
                            + v.params()[i] + "'); only the batch axis (0) may be");
                }
                if (d > Integer.MAX_VALUE) {
                    throw new ModelFormatException("onnx: input '" + v.name() + "' axis " + i + " is " + d);
                }
                dims[i] = d < 0 ? -1 : (int) d;
            }
            inputs.add(new ValueInfo(v.name(), dims));
        }
        List<Node> nodes = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int idx = 0; idx < g.nodes().size(); idx++) {
            OnnxProto.RawNode n = g.nodes().get(idx);
            String name = n.name().isEmpty() || names.contains(n.name()) ? n.opType() + "_" + idx : n.name();
            names.add(name);
            try {
                Node node = node(n, name, weights, ints);
                if (node != null) {
                    nodes.add(node);
                }
            } catch (UnsupportedOperatorException e) {
                unsupported.add(e.opType() + " in node '" + name + "'" + (e.getMessage().endsWith("'") ? ""
                        : " (" + e.getMessage().substring(e.getMessage().indexOf("': ") + 3) + ")"));
            }
        }
        if (!unsupported.isEmpty()) {
            String first = unsupported.get(0);
            throw new UnsupportedOperatorException(first.substring(0, first.indexOf(' ')),
                    first.substring(first.indexOf('\'') + 1, first.indexOf('\'', first.indexOf('\'') + 1)),
                    "the model needs " + unsupported.size() + " unsupported operator use(s): " + String.join("; ", unsupported));
        }
        try {
            return new Graph(g.name(), inputs, g.outputs(), weights, nodes);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("onnx: the graph is inconsistent: " + e.getMessage(), e);
        }
    }

    private static void addConstant(String name, OnnxProto.RawTensor t, Map<String, Tensor> weights, Map<String, long[]> ints) {
        if (t.floats() != null) {
            int[] d = new int[t.dims().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = (int) t.dims()[i];
            }
            weights.put(name, new Tensor(Shape.of(d), t.floats()));
        } else {
            ints.put(name, t.ints());
        }
    }

    private static Node node(OnnxProto.RawNode n, String name, Map<String, Tensor> weights, Map<String, long[]> ints)
            throws UnsupportedOperatorException {
        if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx")) {
            throw new UnsupportedOperatorException(n.opType(), name, "domain '" + n.domain() + "'");
        }
        List<String> outs = n.outputs().stream().filter(s -> !s.isEmpty()).toList();
        if (outs.size() != 1 || !n.outputs().get(0).equals(outs.get(0))) {
            throw new UnsupportedOperatorException(n.opType(), name, "only the first output may be used");
        }
        if (n.opType().equals("Constant")) {
            OnnxProto.RawTensor t = n.tensorAttributes().get("value");
            if (t == null) {
                throw new UnsupportedOperatorException("Constant", name, "only the 'value' tensor form is supported");
            }
            addConstant(outs.get(0), t, weights, ints);
            return null;
        }
        Map<String, Attribute> attrs = new LinkedHashMap<>(n.attributes());
        List<String> ins = new ArrayList<>(n.inputs());
        int[] kernelHint = null;
        if (n.opType().equals("Reshape")) {
            long[] shape = ins.size() == 2 ? ints.get(ins.get(1)) : null;
            if (shape == null) {
                throw new UnsupportedOperatorException("Reshape", name, "the target shape must be a constant");
            }
            attrs.put("shape", new Attribute.Ints(shape));
            ins = List.of(ins.get(0));
        }
        if (n.opType().equals("Conv") && ins.size() > 1 && weights.containsKey(ins.get(1))) {
            int[] d = weights.get(ins.get(1)).shape().dims();
            kernelHint = d.length == 4 ? new int[] {d[2], d[3]} : null;
        }
        while (!ins.isEmpty() && ins.get(ins.size() - 1).isEmpty()) {
            ins.remove(ins.size() - 1);
        }
        Op op = OpCodec.op(n.opType(), attrs, name, kernelHint);
        try {
            return new Node(name, op, ins, outs);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedOperatorException(n.opType(), name, e.getMessage());
        }
    }
}
