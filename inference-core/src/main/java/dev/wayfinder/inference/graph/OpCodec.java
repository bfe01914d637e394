package dev.wayfinder.inference.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts operators to and from (type, attributes) form, with ONNX names and defaults (opset 13). Used by the
 * model file format and by ONNX import and export. Stateless.
 */
public final class OpCodec {

    private OpCodec() {
    }

    /** The attributes that, with {@link Op#type()}, describe {@code op} completely. */
    public static Map<String, Attribute> attributes(Op op) {
        Map<String, Attribute> a = new LinkedHashMap<>();
        switch (op) {
            case Op.Conv c -> {
                a.put("kernel_shape", ints(c.kernel()));
                a.put("strides", ints(c.strides()));
                a.put("pads", ints(c.pads()));
                a.put("dilations", ints(c.dilations()));
                a.put("group", new Attribute.Int(c.group()));
            }
            case Op.Gemm g -> {
                a.put("alpha", new Attribute.Float(g.alpha()));
                a.put("beta", new Attribute.Float(g.beta()));
                a.put("transA", new Attribute.Int(g.transA() ? 1 : 0));
                a.put("transB", new Attribute.Int(g.transB() ? 1 : 0));
            }
            case Op.Concat c -> a.put("axis", new Attribute.Int(c.axis()));
            case Op.Flatten f -> a.put("axis", new Attribute.Int(f.axis()));
            case Op.Reshape r -> a.put("shape", ints(r.shape()));
            case Op.LeakyRelu r -> a.put("alpha", new Attribute.Float(r.alpha()));
            case Op.Softmax s -> a.put("axis", new Attribute.Int(s.axis()));
            case Op.MaxPool p -> {
                a.put("kernel_shape", ints(p.kernel()));
                a.put("strides", ints(p.strides()));
                a.put("pads", ints(p.pads()));
            }
            case Op.AveragePool p -> {
                a.put("kernel_shape", ints(p.kernel()));
                a.put("strides", ints(p.strides()));
                a.put("pads", ints(p.pads()));
                a.put("count_include_pad", new Attribute.Int(p.countIncludePad() ? 1 : 0));
            }
            case Op.BatchNormalization b -> a.put("epsilon", new Attribute.Float(b.epsilon()));
            case Op.MatMul m -> { }
            case Op.Add x -> { }
            case Op.Mul x -> { }
            case Op.Relu x -> { }
            case Op.Tanh x -> { }
            case Op.Sigmoid x -> { }
            case Op.GlobalAveragePool x -> { }
        }
        return a;
    }

    /**
     * The operator of type {@code type} with attributes {@code attrs}; missing attributes take ONNX defaults.
     *
     * @param kernelHint the kernel extents from the weight tensor, used when {@code kernel_shape} is absent (may be null)
     * @throws UnsupportedOperatorException for unknown types and for attribute values outside the supported subset
     */
    public static Op op(String type, Map<String, Attribute> attrs, String node, int[] kernelHint)
            throws UnsupportedOperatorException {
        Reader r = new Reader(type, attrs, node);
        try {
            return switch (type) {
                case "Conv" -> {
                    r.padMode();
                    int[] k = r.ints("kernel_shape", kernelHint, 2);
                    if (k == null) {
                        throw r.unsupported("kernel_shape is missing and the weight is not a constant");
                    }
                    yield new Op.Conv(k, r.ints("strides", new int[] {1, 1}, 2), r.ints("pads", new int[4], 4),
                            r.ints("dilations", new int[] {1, 1}, 2), (int) r.integer("group", 1));
                }
                case "Gemm" -> new Op.Gemm(r.real("alpha", 1f), r.real("beta", 1f), r.integer("transA", 0) != 0,
                        r.integer("transB", 0) != 0);
                case "MatMul" -> new Op.MatMul();
                case "Add" -> new Op.Add();
                case "Mul" -> new Op.Mul();
                case "Concat" -> new Op.Concat((int) r.required("axis"));
                case "Flatten" -> new Op.Flatten((int) r.integer("axis", 1));
                case "Reshape" -> {
                    if (r.integer("allowzero", 0) != 0) {
                        throw r.unsupported("allowzero = 1");
                    }
                    int[] shape = r.ints("shape", null, -1);
                    if (shape == null) {
                        throw r.unsupported("the target shape must be a constant");
                    }
                    yield new Op.Reshape(shape);
                }
                case "Relu" -> new Op.Relu();
                case "LeakyRelu" -> new Op.LeakyRelu(r.real("alpha", 0.01f));
                case "Tanh" -> new Op.Tanh();
                case "Sigmoid" -> new Op.Sigmoid();
                case "Softmax" -> new Op.Softmax((int) r.integer("axis", -1));
                case "MaxPool" -> {
                    r.padMode();
                    r.only("ceil_mode", 0);
                    r.only("storage_order", 0);
                    int[] d = r.ints("dilations", new int[] {1, 1}, 2);
                    if (d[0] != 1 || d[1] != 1) {
                        throw r.unsupported("dilations other than 1");
                    }
                    yield new Op.MaxPool(r.ints("kernel_shape", null, 2), r.ints("strides", new int[] {1, 1}, 2),
                            r.ints("pads", new int[4], 4));
                }
                case "AveragePool" -> {
                    r.padMode();
                    r.only("ceil_mode", 0);
                    yield new Op.AveragePool(r.ints("kernel_shape", null, 2), r.ints("strides", new int[] {1, 1}, 2),
                            r.ints("pads", new int[4], 4), r.integer("count_include_pad", 0) != 0);
                }
                case "GlobalAveragePool" -> new Op.GlobalAveragePool();
                case "BatchNormalization" -> {
                    r.only("training_mode", 0);
                    yield new Op.BatchNormalization(r.real("epsilon", 1e-5f));
                }
                default -> throw new UnsupportedOperatorException(type, node, "");
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnsupportedOperatorException(type, node, "bad attributes: " + e.getMessage());
        }
    }

    private static Attribute.Ints ints(int[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = v[i];
        }
        return new Attribute.Ints(l);
    }

    /** Typed attribute access with the node named in every error. */
    private record Reader(String type, Map<String, Attribute> attrs, String node) {

        UnsupportedOperatorException unsupported(String what) {
            return new UnsupportedOperatorException(type, node, what);
        }

        long integer(String name, long dflt) throws UnsupportedOperatorException {
            Attribute a = attrs.get(name);
            if (a == null) {
                return dflt;
            }
            if (a instanceof Attribute.Int i) {
                if (i.value() < Integer.MIN_VALUE || i.value() > Integer.MAX_VALUE) {
                    throw unsupported("attribute " + name + " = " + i.value() + " is out of int range");
                }
                return i.value();
            }
            throw unsupported("attribute " + name + " must be an integer");
        }

        long required(String name) throws UnsupportedOperatorException {
            if (!attrs.containsKey(name)) {
                throw unsupported("attribute " + name + " is required");
            }
            return integer(name, 0);
        }

        void only(String name, long allowed) throws UnsupportedOperatorException {
            long v = integer(name, allowed);
            if (v != allowed) {
                throw unsupported(name + " = " + v + " (only " + allowed + " is supported)");
            }
        }

        float real(String name, float dflt) throws UnsupportedOperatorException {
            Attribute a = attrs.get(name);
            if (a == null) {
                return dflt;
            }
            if (a instanceof Attribute.Float f) {
                return f.value();
            }
            throw unsupported("attribute " + name + " must be a float");
        }

        /** An int list of exactly {@code n} values ({@code n < 0}: any length), or {@code dflt}. */
        int[] ints(String name, int[] dflt, int n) throws UnsupportedOperatorException {
            Attribute a = attrs.get(name);
            if (a == null) {
                return dflt;
            }
            if (!(a instanceof Attribute.Ints l)) {
                throw unsupported("attribute " + name + " must be a list of integers");
            }
            long[] v = l.values();
            if (n >= 0 && v.length != n) {
                throw unsupported("attribute " + name + " has " + v.length + " values; only 2-D (" + n + " values) is supported");
            }
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
                    throw unsupported("attribute " + name + " value " + v[i] + " is out of int range");
                }
                out[i] = (int) v[i];
            }
            return out;
        }

        void padMode() throws UnsupportedOperatorException {
            Attribute a = attrs.get("auto_pad");
            if (a != null && !(a instanceof Attribute.Str s && (s.value().equals("NOTSET") || s.value().equals("VALID")))) {
                throw unsupported("auto_pad " + a + " (only NOTSET and VALID are supported; export explicit pads)");
            }
        }
    }
}
