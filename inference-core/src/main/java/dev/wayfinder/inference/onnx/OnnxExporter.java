package dev.wayfinder.inference.onnx;

import dev.wayfinder.inference.graph.Attribute;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.Node;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.graph.OpCodec;
import dev.wayfinder.inference.graph.ValueInfo;
import dev.wayfinder.inference.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Graph} as an ONNX model (IR version 8, opset 13), so our policies run in other runtimes.
 * A dynamic batch axis is written as the symbolic dimension "batch". Stateless and thread-safe.
 */
public final class OnnxExporter {
    static final int OPSET = 13;
    static final int IR_VERSION = 8;

    private OnnxExporter() {
    }

    /** Writes the ONNX form of {@code graph} to {@code path}. */
    public static void write(Graph graph, Path path) throws IOException {
        Files.write(path, toBytes(graph));
    }

    /** The ONNX form of {@code graph}. */
    public static byte[] toBytes(Graph graph) {
        ProtoWriter g = new ProtoWriter();
        for (Node n : graph.nodes()) {
            List<String> inputs = n.inputs();
            if (n.op() instanceof Op.Reshape r) {
                String shapeName = n.name() + "_shape";
                long[] s = new long[r.shape().length];
                for (int i = 0; i < s.length; i++) {
                    s[i] = r.shape()[i];
                }
                g.message(5, intTensor(shapeName, s));
                inputs = List.of(n.inputs().get(0), shapeName);
            }
            ProtoWriter node = new ProtoWriter();
            inputs.forEach(i -> node.string(1, i));
            n.outputs().forEach(o -> node.string(2, o));
            node.string(3, n.name()).string(4, n.op().type());
            for (Map.Entry<String, Attribute> a : OpCodec.attributes(n.op()).entrySet()) {
                if (n.op() instanceof Op.Reshape) {
                    continue;
                }
                node.message(5, attribute(a.getKey(), a.getValue()));
            }
            g.message(1, node);
        }
        g.string(2, graph.name().isEmpty() ? "wayfinder" : graph.name());
        for (Map.Entry<String, Tensor> w : graph.initializers().entrySet()) {
            g.message(5, floatTensor(w.getKey(), w.getValue()));
        }
        for (ValueInfo in : graph.inputs()) {
            g.message(11, value(in.name(), in.dims()));
        }
        for (String out : graph.outputs()) {
            g.message(12, value(out, null));
        }
        ProtoWriter model = new ProtoWriter();
        model.int64(1, IR_VERSION).string(2, "wayfinder").string(3, "1");
        model.message(7, g);
        model.message(8, new ProtoWriter().string(1, "").int64(2, OPSET));
        return model.toBytes();
    }

    private static ProtoWriter attribute(String name, Attribute a) {
        ProtoWriter w = new ProtoWriter().string(1, name);
        switch (a) {
            case Attribute.Float f -> w.float32(2, f.value()).int64(20, 1);
            case Attribute.Int i -> w.int64(3, i.value()).int64(20, 2);
            case Attribute.Str s -> w.string(4, s.value()).int64(20, 3);
            case Attribute.Floats f -> w.floats(7, f.values()).int64(20, 6);
            case Attribute.Ints i -> w.int64s(8, i.values()).int64(20, 7);
        }
        return w;
    }

    private static ProtoWriter floatTensor(String name, Tensor t) {
        ProtoWriter w = new ProtoWriter();
        long[] dims = new long[t.shape().rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.shape().dim(i);
        }
        if (dims.length > 0) {
            w.int64s(1, dims);
        }
        w.int64(2, OnnxProto.FLOAT).string(8, name);
        byte[] raw = new byte[t.size() * 4];
        for (int i = 0; i < t.size(); i++) {
            int x = Float.floatToRawIntBits(t.get(i));
            raw[4 * i] = (byte) x;
            raw[4 * i + 1] = (byte) (x >>> 8);
            raw[4 * i + 2] = (byte) (x >>> 16);
            raw[4 * i + 3] = (byte) (x >>> 24);
        }
        return w.bytes(9, raw);
    }

    private static ProtoWriter intTensor(String name, long[] v) {
        ProtoWriter w = new ProtoWriter().int64s(1, new long[] {v.length}).int64(2, OnnxProto.INT64).string(8, name);
        byte[] raw = new byte[v.length * 8];
        for (int i = 0; i < v.length; i++) {
            for (int k = 0; k < 8; k++) {
                raw[8 * i + k] = (byte) (v[i] >>> (8 * k));
            }
        }
        return w.bytes(9, raw);
    }

    private static ProtoWriter value(String name, int[] dims) {
        ProtoWriter tensorType = new ProtoWriter().int64(1, OnnxProto.FLOAT);
        if (dims != null) {
            ProtoWriter shape = new ProtoWriter();
            for (int d : dims) {
                shape.message(1, d < 0 ? new ProtoWriter().string(2, "batch") : new ProtoWriter().int64(1, d));
            }
            tensorType.message(2, shape);
        }
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
