package dev.wayfinder.inference.format;

import dev.wayfinder.inference.graph.Attribute;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.Node;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.graph.OpCodec;
import dev.wayfinder.inference.graph.UnsupportedOperatorException;
import dev.wayfinder.inference.graph.ValueInfo;
import dev.wayfinder.inference.tensor.Shape;
import dev.wayfinder.inference.tensor.Tensor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the body of a model file. Every read is bounds-checked against the body's end, and every count is
 * checked against the bytes that remain before anything is allocated, so hostile files fail with a
 * {@link ModelFormatException} (naming what, where and what was expected) instead of exhausting memory.
 */
final class ModelReader {
    static final int DTYPE_F32 = 1;
    static final int ATTR_INT = 1, ATTR_FLOAT = 2, ATTR_INTS = 3, ATTR_FLOATS = 4, ATTR_STRING = 5;
    static final int MAX_STRING = 4096;
    static final int MAX_RANK = 8;

    private final byte[] b;
    private final int end;
    private final String source;
    private int pos;

    ModelReader(byte[] data, int start, int end, String source) {
        this.b = data;
        this.pos = start;
        this.end = end;
        this.source = source;
    }

    private ModelFormatException fail(String what, int at, String problem) {
        return new ModelFormatException(source + ": " + what + " at offset " + at + ": " + problem);
    }

    private void need(int bytes, String what) throws ModelFormatException {
        if (bytes < 0 || end - pos < bytes) {
            throw fail(what, pos, "needs " + Integer.toUnsignedString(bytes) + " bytes, but only " + (end - pos)
                    + " remain in the body (truncated or corrupted)");
        }
    }

    private int u8(String what) throws ModelFormatException {
        need(1, what);
        return b[pos++] & 0xff;
    }

    private int u16(String what) throws ModelFormatException {
        need(2, what);
        int v = ModelFile.u16(b, pos);
        pos += 2;
        return v;
    }

    private int i32(String what) throws ModelFormatException {
        need(4, what);
        int v = ModelFile.i32(b, pos);
        pos += 4;
        return v;
    }

    private long i64(String what) throws ModelFormatException {
        long lo = Integer.toUnsignedLong(i32(what));
        long hi = i32(what);
        return hi << 32 | lo;
    }

    /** A count of items each at least {@code minBytes} long, checked against the remaining bytes. */
    private int count(String what, int minBytes) throws ModelFormatException {
        int at = pos;
        long n = Integer.toUnsignedLong(i32(what + " count"));
        if (n * minBytes > end - pos) {
            throw fail(what + " count", at, n + " entries need at least " + n * minBytes + " bytes, but only "
                    + (end - pos) + " remain");
        }
        return (int) n;
    }

    private String str(String what) throws ModelFormatException {
        int at = pos;
        int len = u16(what + " length");
        if (len > MAX_STRING) {
            throw fail(what, at, "length " + len + " exceeds the limit of " + MAX_STRING + " bytes");
        }
        need(len, what);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, pos, len)).toString();
            pos += len;
            return s;
        } catch (CharacterCodingException e) {
            throw fail(what, at, "is not valid UTF-8");
        }
    }

    private int[] dims(String what, boolean dynamicBatch) throws ModelFormatException {
        int at = pos;
        int rank = u8(what + " rank");
        if (rank > MAX_RANK) {
            throw fail(what + " rank", at, rank + " exceeds the limit of " + MAX_RANK);
        }
        int[] d = new int[rank];
        for (int i = 0; i < rank; i++) {
            int p = pos;
            d[i] = i32(what + " dimension " + i);
            if (d[i] < 0 && !(dynamicBatch && i == 0 && d[i] == -1)) {
                throw fail(what + " dimension " + i, p, d[i] + " is negative; expected >= 0"
                        + (dynamicBatch && i == 0 ? " or -1 (dynamic batch)" : ""));
            }
        }
        return d;
    }

    Graph graph() throws ModelFormatException {
        String name = str("graph name");
        List<ValueInfo> inputs = new ArrayList<>();
        int nIn = count("input", 3);
        for (int i = 0; i < nIn; i++) {
            String in = str("input " + i + " name");
            inputs.add(new ValueInfo(nonEmpty(in, "input " + i + " name"), dims("input '" + in + "'", true)));
        }
        List<String> outputs = new ArrayList<>();
        int nOut = count("output", 2);
        for (int i = 0; i < nOut; i++) {
            outputs.add(str("output " + i + " name"));
        }
        Map<String, Tensor> weights = new LinkedHashMap<>();
        int nW = count("weight", 4);
        for (int i = 0; i < nW; i++) {
            int at = pos;
            String wn = str("weight " + i + " name");
            if (weights.containsKey(wn)) {
                throw fail("weight " + i + " name", at, "'" + wn + "' is used twice");
            }
            weights.put(wn, tensor("weight '" + wn + "'"));
        }
        List<Node> nodes = new ArrayList<>();
        int nNodes = count("node", 10);
        for (int i = 0; i < nNodes; i++) {
            nodes.add(node(i, weights));
        }
        if (pos != end) {
            throw fail("end of body", pos, (end - pos) + " unexpected trailing bytes");
        }
        try {
            return new Graph(name, inputs, outputs, weights, nodes);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + ": the graph is inconsistent: " + e.getMessage(), e);
        }
    }

    private String nonEmpty(String s, String what) throws ModelFormatException {
        if (s.isEmpty()) {
            throw fail(what, pos, "is empty");
        }
        return s;
    }

    private Tensor tensor(String what) throws ModelFormatException {
        int at = pos;
        int dtype = u8(what + " dtype");
        if (dtype != DTYPE_F32) {
            throw fail(what + " dtype", at, dtype + " is not supported; expected " + DTYPE_F32 + " (float32)");
        }
        int dimsAt = pos;
        int[] d = dims(what, false);
        long n = 1;
        for (int x : d) {
            n *= x;
            if (n * 4 > end - pos) {
                throw fail(what + " shape", dimsAt, java.util.Arrays.toString(d) + " needs more data than the "
                        + (end - pos) + " bytes that remain");
            }
        }
        need((int) (n * 4), what + " data");
        float[] v = new float[(int) n];
        for (int i = 0; i < n; i++) {
            v[i] = Float.intBitsToFloat(ModelFile.i32(b, pos));
            pos += 4;
        }
        return new Tensor(Shape.of(d), v);
    }

    private Node node(int index, Map<String, Tensor> weights) throws ModelFormatException {
        int at = pos;
        String name = str("node " + index + " name");
        String where = "node " + index + " '" + name + "'";
        String type = str(where + " op type");
        List<String> ins = strings16(where + " input");
        List<String> outs = strings16(where + " output");
        int nAttr = u16(where + " attribute count");
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        for (int i = 0; i < nAttr; i++) {
            String an = str(where + " attribute " + i + " name");
            attrs.put(an, attribute(where + " attribute '" + an + "'"));
        }
        try {
            Op op = OpCodec.op(type, attrs, name, null);
            return new Node(name, op, ins, outs);
        } catch (UnsupportedOperatorException e) {
            throw fail(where, at, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw fail(where, at, e.getMessage());
        }
    }

    private List<String> strings16(String what) throws ModelFormatException {
        int at = pos;
        int n = u16(what + " count");
        if ((long) n * 2 > end - pos) {
            throw fail(what + " count", at, n + " names cannot fit in the " + (end - pos) + " remaining bytes");
        }
        List<String> s = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            s.add(str(what + " " + i));
        }
        return s;
    }

    private Attribute attribute(String what) throws ModelFormatException {
        int at = pos;
        int type = u8(what + " type");
        return switch (type) {
            case ATTR_INT -> new Attribute.Int(i64(what));
            case ATTR_FLOAT -> new Attribute.Float(Float.intBitsToFloat(i32(what)));
            case ATTR_INTS -> {
                int n = count(what, 8);
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = i64(what);
                }
                yield new Attribute.Ints(v);
            }
            case ATTR_FLOATS -> {
                int n = count(what, 4);
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Float.intBitsToFloat(i32(what));
                }
                yield new Attribute.Floats(v);
            }
            case ATTR_STRING -> new Attribute.Str(str(what));
            default -> throw fail(what + " type", at, type + " is not an attribute type (expected 1..5)");
        };
    }

}
