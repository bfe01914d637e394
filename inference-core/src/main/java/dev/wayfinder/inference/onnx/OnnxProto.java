package dev.wayfinder.inference.onnx;

import dev.wayfinder.inference.format.ModelFormatException;
import dev.wayfinder.inference.graph.Attribute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of onnx.proto this core reads, as plain records, and their parsers. Field numbers follow
 * onnx.proto (ModelProto.graph = 7, GraphProto.node = 1, ...).
 */
final class OnnxProto {
    static final int FLOAT = 1, INT32 = 6, INT64 = 7;

    private OnnxProto() {
    }

    /** A TensorProto: float data or integer data (for shapes), never both. */
    record RawTensor(String name, long[] dims, int dataType, float[] floats, long[] ints) {
    }

    record RawValue(String name, int elemType, long[] dims, String[] params) {
    }

    record RawNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                   Map<String, Attribute> attributes, Map<String, RawTensor> tensorAttributes) {
    }

    record RawGraph(String name, List<RawNode> nodes, List<RawTensor> initializers, List<RawValue> inputs,
                    List<String> outputs) {
    }

    record RawModel(long opset, RawGraph graph) {
    }

    static RawModel model(byte[] data) throws ModelFormatException {
        ProtoReader r = new ProtoReader(data, 0, data.length, "ModelProto");
        long opset = -1;
        RawGraph graph = null;
        while (r.next()) {
            switch (r.field()) {
                case 7 -> graph = graph(r.message("GraphProto"));
                case 8 -> {
                    ProtoReader o = r.message("OperatorSetIdProto");
                    String domain = "";
                    long version = -1;
                    while (o.next()) {
                        switch (o.field()) {
                            case 1 -> domain = o.string();
                            case 2 -> version = o.varint();
                            default -> o.skip();
                        }
                    }
                    if (domain.isEmpty() || domain.equals("ai.onnx")) {
                        opset = version;
                    }
                }
                default -> r.skip();
            }
        }
        if (graph == null) {
            throw new ModelFormatException("onnx: the model has no graph (ModelProto field 7); is this an ONNX file?");
        }
        return new RawModel(opset, graph);
    }

    private static RawGraph graph(ProtoReader r) throws ModelFormatException {
        String name = "";
        List<RawNode> nodes = new ArrayList<>();
        List<RawTensor> inits = new ArrayList<>();
        List<RawValue> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> nodes.add(node(r.message("NodeProto")));
                case 2 -> name = r.string();
                case 5 -> inits.add(tensor(r.message("TensorProto")));
                case 11 -> inputs.add(value(r.message("ValueInfoProto")));
                case 12 -> outputs.add(value(r.message("ValueInfoProto")).name());
                case 15 -> throw r.fail("sparse initializers are not supported");
                default -> r.skip();
            }
        }
        return new RawGraph(name, nodes, inits, inputs, outputs);
    }

    private static RawNode node(ProtoReader r) throws ModelFormatException {
        String name = "", op = "", domain = "";
        List<String> ins = new ArrayList<>(), outs = new ArrayList<>();
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> ins.add(r.string());
                case 2 -> outs.add(r.string());
                case 3 -> name = r.string();
                case 4 -> op = r.string();
                case 5 -> attribute(r.message("AttributeProto"), attrs, tensors);
                case 7 -> domain = r.string();
                default -> r.skip();
            }
        }
        return new RawNode(name, op, domain, ins, outs, attrs, tensors);
    }

    private static void attribute(ProtoReader r, Map<String, Attribute> attrs, Map<String, RawTensor> tensors)
            throws ModelFormatException {
        String name = "";
        long type = 0;
        Float f = null;
        Long i = null;
        String s = null;
        RawTensor t = null;
        ProtoReader.FloatList fs = new ProtoReader.FloatList();
        ProtoReader.LongList is = new ProtoReader.LongList();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string();
                case 2 -> f = Float.intBitsToFloat(r.fixed32());
                case 3 -> i = r.varint();
                case 4 -> s = r.string();
                case 5 -> t = tensor(r.message("TensorProto"));
                case 7 -> r.floats(fs);
                case 8 -> r.int64s(is);
                case 20 -> type = r.varint();
                default -> r.skip();
            }
        }
        Attribute a = switch ((int) type) {
            case 1 -> new Attribute.Float(f == null ? 0f : f);
            case 2 -> new Attribute.Int(i == null ? 0 : i);
            case 3 -> new Attribute.Str(s == null ? "" : s);
            case 6 -> new Attribute.Floats(fs.toArray());
            case 7 -> new Attribute.Ints(is.toArray());
            default -> {
                if (t != null) {
                    tensors.put(name, t);
                    yield null;
                }
                // Older writers omit the type; infer it from the field that is present.
                if (f != null) {
                    yield new Attribute.Float(f);
                } else if (i != null) {
                    yield new Attribute.Int(i);
                } else if (s != null) {
                    yield new Attribute.Str(s);
                } else if (is.n > 0) {
                    yield new Attribute.Ints(is.toArray());
                } else if (fs.n > 0) {
                    yield new Attribute.Floats(fs.toArray());
                }
                yield null;
            }
        };
        if (a != null) {
            attrs.put(name, a);
        }
    }

    private static RawValue value(ProtoReader r) throws ModelFormatException {
        String name = "";
        int elem = 0;
        List<Long> dims = new ArrayList<>();
        List<String> params = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string();
                case 2 -> {
                    ProtoReader type = r.message("TypeProto");
                    while (type.next()) {
                        if (type.field() != 1) {
                            type.skip();
                            continue;
                        }
                        ProtoReader tt = type.message("TypeProto.Tensor");
                        while (tt.next()) {
                            switch (tt.field()) {
                                case 1 -> elem = (int) tt.varint();
                                case 2 -> {
                                    ProtoReader shape = tt.message("TensorShapeProto");
                                    while (shape.next()) {
                                        if (shape.field() != 1) {
                                            shape.skip();
                                            continue;
                                        }
                                        ProtoReader dim = shape.message("Dimension");
                                        long v = -1;
                                        String p = "?";
                                        while (dim.next()) {
                                            switch (dim.field()) {
                                                case 1 -> v = dim.varint();
                                                case 2 -> p = dim.string();
                                                default -> dim.skip();
                                            }
                                        }
                                        dims.add(v);
                                        params.add(p);
                                    }
                                }
                                default -> tt.skip();
                            }
                        }
                    }
                }
                default -> r.skip();
            }
        }
        return new RawValue(name, elem, dims.stream().mapToLong(Long::longValue).toArray(), params.toArray(new String[0]));
    }

    static RawTensor tensor(ProtoReader r) throws ModelFormatException {
        String name = "";
        int type = 0;
        ProtoReader.LongList dims = new ProtoReader.LongList();
        ProtoReader.FloatList fs = new ProtoReader.FloatList();
        ProtoReader.LongList is = new ProtoReader.LongList();
        int[] raw = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> r.int64s(dims);
                case 2 -> type = (int) r.varint();
                case 4 -> r.floats(fs);
                case 5, 7 -> r.int64s(is);
                case 8 -> name = r.string();
                case 9 -> raw = r.bytes();
                case 13, 14 -> throw r.fail("tensor '" + name + "' uses external data, which is not supported; "
                        + "save the model with its weights inside the file");
                default -> r.skip();
            }
        }
        long[] d = dims.toArray();
        long n = 1;
        for (long x : d) {
            if (x < 0 || x > Integer.MAX_VALUE) {
                throw r.fail("tensor '" + name + "' has dimension " + x + "; expected 0.." + Integer.MAX_VALUE);
            }
            n *= x;
            if (n > Integer.MAX_VALUE) {
                throw r.fail("tensor '" + name + "' has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        int size = type == FLOAT || type == INT32 ? 4 : type == INT64 ? 8 : -1;
        if (size < 0) {
            throw r.fail("tensor '" + name + "' has data type " + type + "; supported: 1 (float), 6 (int32), 7 (int64)");
        }
        if (raw != null) {
            if ((long) raw[1] != n * size) {
                throw r.fail("tensor '" + name + "' has " + raw[1] + " bytes of raw data; its shape needs " + n * size);
            }
            byte[] b = r.array();
            if (type == FLOAT) {
                float[] v = new float[(int) n];
                for (int i = 0; i < n; i++) {
                    int p = raw[0] + 4 * i;
                    v[i] = Float.intBitsToFloat((b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16
                            | (b[p + 3] & 0xff) << 24);
                }
                return new RawTensor(name, d, type, v, null);
            }
            long[] v = new long[(int) n];
            for (int i = 0; i < n; i++) {
                long x = 0;
                for (int k = size - 1; k >= 0; k--) {
                    x = x << 8 | (b[raw[0] + size * i + k] & 0xff);
                }
                v[i] = size == 4 ? (int) x : x;
            }
            return new RawTensor(name, d, type, null, v);
        }
        int have = type == FLOAT ? fs.n : is.n;
        if (have != n) {
            throw r.fail("tensor '" + name + "' has " + have + " values; its shape needs " + n);
        }
        return type == FLOAT ? new RawTensor(name, d, type, fs.toArray(), null) : new RawTensor(name, d, type, null, is.toArray());
    }
}
