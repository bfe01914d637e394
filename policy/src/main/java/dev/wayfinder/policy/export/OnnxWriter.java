package dev.wayfinder.policy.export;

import dev.wayfinder.inference.graph.Attribute;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.Node;
import dev.wayfinder.inference.graph.OpCodec;
import dev.wayfinder.inference.graph.ValueInfo;
import dev.wayfinder.inference.tensor.Tensor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serialises an inference-core {@link Graph} as an ONNX model (IR version 7, opset 13) by writing the protobuf
 * wire format directly, so no protobuf library is needed. Covers what the graph format holds: float
 * initializers (raw little-endian data), nodes with int, float, ints, floats and string attributes, and inputs
 * and outputs with a symbolic batch dimension ({@code N}) where the graph has -1. Output shapes are omitted
 * (ONNX infers them). Stateless.
 */
public final class OnnxWriter {
    private static final int FLOAT = 1;

    private OnnxWriter() {
    }

    /** The ONNX bytes of {@code graph}; {@code outputDims} give the declared output shapes. */
    public static byte[] write(Graph graph, Map<String, int[]> outputDims) {
        Proto model = new Proto();
        model.varint(1, 7);
        model.string(2, "wayfinder");
        Proto opset = new Proto();
        opset.string(1, "");
        opset.varint(2, 13);
        Proto g = new Proto();
        for (Node n : graph.nodes()) {
            Proto node = new Proto();
            for (String in : n.inputs()) {
                node.string(1, in);
            }
            for (String out : n.outputs()) {
                node.string(2, out);
            }
            node.string(3, n.name());
            node.string(4, n.op().type());
            for (Map.Entry<String, Attribute> a : OpCodec.attributes(n.op()).entrySet()) {
                node.message(5, attribute(a.getKey(), a.getValue()));
            }
            g.message(1, node);
        }
        g.string(2, graph.name());
        for (Map.Entry<String, Tensor> e : graph.initializers().entrySet()) {
            g.message(5, tensor(e.getKey(), e.getValue()));
        }
        for (ValueInfo v : graph.inputs()) {
            g.message(11, valueInfo(v.name(), v.dims()));
        }
        for (String out : graph.outputs()) {
            g.message(12, valueInfo(out, outputDims.getOrDefault(out, new int[0])));
        }
        model.message(7, g);
        model.message(8, opset);
        return model.bytes();
    }

    private static Proto attribute(String name, Attribute a) {
        Proto p = new Proto();
        p.string(1, name);
        switch (a) {
            case Attribute.Int i -> {
                p.varint(3, i.value());
                p.varint(20, 2);
            }
            case Attribute.Float f -> {
                p.fixed32(2, Float.floatToRawIntBits(f.value()));
                p.varint(20, 1);
            }
            case Attribute.Ints is -> {
                for (long v : is.values()) {
                    p.varint(8, v);
                }
                p.varint(20, 7);
            }
            case Attribute.Floats fs -> {
                for (float v : fs.values()) {
                    p.fixed32(7, Float.floatToRawIntBits(v));
                }
                p.varint(20, 6);
            }
            case Attribute.Str s -> {
                p.bytes(4, s.value().getBytes(StandardCharsets.UTF_8));
                p.varint(20, 3);
            }
        }
        return p;
    }

    private static Proto tensor(String name, Tensor t) {
        Proto p = new Proto();
        for (int d : t.shape().dims()) {
            p.varint(1, d);
        }
        p.varint(2, FLOAT);
        p.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < t.size(); i++) {
            raw.putFloat(t.get(i));
        }
        p.bytes(9, raw.array());
        return p;
    }

    private static Proto valueInfo(String name, int[] dims) {
        Proto shape = new Proto();
        for (int d : dims) {
            Proto dim = new Proto();
            if (d < 0) {
                dim.string(2, "N");
            } else {
                dim.varint(1, d);
            }
            shape.message(1, dim);
        }
        Proto tensorType = new Proto();
        tensorType.varint(1, FLOAT);
        if (dims.length > 0) {
            tensorType.message(2, shape);
        }
        Proto type = new Proto();
        type.message(1, tensorType);
        Proto v = new Proto();
        v.string(1, name);
        v.message(2, type);
        return v;
    }

    /** A protobuf message under construction. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void tag(int field, int wire) {
            raw(((long) field << 3) | wire);
        }

        void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        void varint(int field, long v) {
            tag(field, 0);
            raw(v);
        }

        void fixed32(int field, int bits) {
            tag(field, 5);
            for (int i = 0; i < 4; i++) {
                out.write(bits >>> (8 * i) & 0xff);
            }
        }

        void bytes(int field, byte[] b) {
            tag(field, 2);
            raw(b.length);
            out.writeBytes(b);
        }

        void string(int field, String s) {
            bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        void message(int field, Proto m) {
            bytes(field, m.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
