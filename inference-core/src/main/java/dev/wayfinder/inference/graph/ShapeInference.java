package dev.wayfinder.inference.graph;

import dev.wayfinder.inference.tensor.Shape;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Computes the static shape of every value of a graph for one batch size. Stateless. */
public final class ShapeInference {

    private ShapeInference() {
    }

    /**
     * Infers all value shapes.
     *
     * @param graph the graph
     * @param batch the batch size substituted for dynamic dimension 0 of the inputs (>= 1)
     * @return value name to shape, for inputs, initializers and node outputs
     * @throws GraphException naming the node when shapes do not fit together
     */
    public static Map<String, Shape> infer(Graph graph, int batch) throws GraphException {
        if (batch < 1) {
            throw new GraphException("batch size must be >= 1, got " + batch);
        }
        Map<String, Shape> shapes = new HashMap<>();
        for (ValueInfo in : graph.inputs()) {
            int[] d = in.dims();
            if (d.length > 0 && d[0] == -1) {
                d[0] = batch;
            }
            try {
                shapes.put(in.name(), new Shape(d));
            } catch (IllegalArgumentException e) {
                throw new GraphException("input '" + in.name() + "' at batch " + batch + ": " + e.getMessage());
            }
        }
        graph.initializers().forEach((k, v) -> shapes.put(k, v.shape()));
        for (Node n : graph.nodes()) {
            Shape[] ins = new Shape[n.inputs().size()];
            for (int i = 0; i < ins.length; i++) {
                String v = n.inputs().get(i);
                ins[i] = v.isEmpty() ? null : shapes.get(v);
            }
            try {
                shapes.put(n.output(), outputShape(n.op(), ins));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new GraphException("node '" + n.name() + "' (" + n.op().type() + ") with inputs "
                        + describe(n.inputs(), ins) + ": " + e.getMessage());
            }
        }
        return shapes;
    }

    private static String describe(List<String> names, Shape[] shapes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shapes.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i)).append(shapes[i] == null ? "" : shapes[i].toString());
        }
        return sb.toString();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The output shape of {@code op} applied to inputs of the given shapes (null for omitted optional ones). */
    public static Shape outputShape(Op op, Shape[] in) {
        return switch (op) {
            case Op.Conv c -> conv(c, in);
            case Op.Gemm g -> gemm(g, in);
            case Op.MatMul m -> matmul(in[0], in[1]);
            case Op.Add a -> broadcast(in[0], in[1]);
            case Op.Mul m -> broadcast(in[0], in[1]);
            case Op.Concat c -> concat(c.axis(), in);
            case Op.Flatten f -> {
                int axis = f.axis() < 0 ? f.axis() + in[0].rank() : f.axis();
                require(axis >= 0 && axis <= in[0].rank(), "flatten axis " + f.axis() + " out of range");
                yield Shape.of(in[0].sizeOf(0, axis), in[0].sizeOf(axis, in[0].rank()));
            }
            case Op.Reshape r -> reshape(in[0], r.shape());
            case Op.Relu r -> in[0];
            case Op.LeakyRelu r -> in[0];
            case Op.Tanh t -> in[0];
            case Op.Sigmoid s -> in[0];
            case Op.Softmax s -> {
                int axis = s.axis() < 0 ? s.axis() + in[0].rank() : s.axis();
                require(axis >= 0 && axis < in[0].rank(), "softmax axis " + s.axis() + " out of range");
                yield in[0];
            }
            case Op.MaxPool p -> pool(in[0], p.kernel(), p.strides(), p.pads());
            case Op.AveragePool p -> pool(in[0], p.kernel(), p.strides(), p.pads());
            case Op.GlobalAveragePool g -> {
                require(in[0].rank() == 4, "expected a rank-4 NCHW input");
                yield Shape.of(in[0].dim(0), in[0].dim(1), 1, 1);
            }
            case Op.BatchNormalization b -> {
                require(in[0].rank() >= 2, "expected rank >= 2");
                int c = in[0].dim(1);
                for (int i = 1; i < 5; i++) {
                    require(in[i] != null && in[i].rank() == 1 && in[i].dim(0) == c,
                            "parameter " + i + " must have shape [" + c + "]");
                }
                yield in[0];
            }
        };
    }

    private static Shape conv(Op.Conv c, Shape[] in) {
        Shape x = in[0];
        Shape w = in[1];
        require(x.rank() == 4 && w.rank() == 4, "expected rank-4 input and weight");
        int g = c.group();
        require(x.dim(1) % g == 0 && w.dim(0) % g == 0, "channels " + x.dim(1) + " and filters " + w.dim(0)
                + " must divide by group " + g);
        require(w.dim(1) == x.dim(1) / g, "weight has " + w.dim(1) + " input channels; expected " + x.dim(1) / g);
        require(w.dim(2) == c.kernel()[0] && w.dim(3) == c.kernel()[1], "weight kernel " + w.dim(2) + "x" + w.dim(3)
                + " differs from kernel_shape " + Arrays.toString(c.kernel()));
        require(in.length < 3 || in[2] == null || (in[2].rank() == 1 && in[2].dim(0) == w.dim(0)),
                "bias must have shape [" + w.dim(0) + "]");
        int oh = outExtent(x.dim(2), c.kernel()[0], c.strides()[0], c.pads()[0], c.pads()[2], c.dilations()[0]);
        int ow = outExtent(x.dim(3), c.kernel()[1], c.strides()[1], c.pads()[1], c.pads()[3], c.dilations()[1]);
        return Shape.of(x.dim(0), w.dim(0), oh, ow);
    }

    /** The output extent of a sliding window, failing when the window does not fit. */
    public static int outExtent(int size, int k, int stride, int padBegin, int padEnd, int dilation) {
        long span = (long) (k - 1) * dilation + 1;
        long avail = (long) size + padBegin + padEnd - span;
        require(avail >= 0, "window " + span + " larger than padded extent " + ((long) size + padBegin + padEnd));
        return (int) (avail / stride + 1);
    }

    private static Shape pool(Shape x, int[] k, int[] s, int[] p) {
        require(x.rank() == 4, "expected a rank-4 NCHW input");
        require(p[0] < k[0] && p[2] < k[0] && p[1] < k[1] && p[3] < k[1], "pads must be smaller than the kernel");
        return Shape.of(x.dim(0), x.dim(1), outExtent(x.dim(2), k[0], s[0], p[0], p[2], 1),
                outExtent(x.dim(3), k[1], s[1], p[1], p[3], 1));
    }

    private static Shape gemm(Op.Gemm g, Shape[] in) {
        require(in[0].rank() == 2 && in[1].rank() == 2, "expected rank-2 A and B");
        int m = g.transA() ? in[0].dim(1) : in[0].dim(0);
        int k = g.transA() ? in[0].dim(0) : in[0].dim(1);
        int kb = g.transB() ? in[1].dim(1) : in[1].dim(0);
        int n = g.transB() ? in[1].dim(0) : in[1].dim(1);
        require(k == kb, "inner dimensions differ: " + k + " vs " + kb);
        Shape out = Shape.of(m, n);
        if (in.length > 2 && in[2] != null) {
            require(broadcast(out, in[2]).equals(out), "C " + in[2] + " does not broadcast to " + out);
        }
        return out;
    }

    private static Shape matmul(Shape a, Shape b) {
        require(a.rank() >= 2 && b.rank() >= 2, "expected ranks >= 2 (1-D operands are not supported)");
        require(a.dim(-1) == b.dim(-2), "inner dimensions differ: " + a.dim(-1) + " vs " + b.dim(-2));
        Shape batchA = Shape.of(Arrays.copyOf(a.dims(), a.rank() - 2));
        Shape batchB = Shape.of(Arrays.copyOf(b.dims(), b.rank() - 2));
        int[] batch = broadcast(batchA, batchB).dims();
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = a.dim(-2);
        out[batch.length + 1] = b.dim(-1);
        return Shape.of(out);
    }

    /** Numpy broadcasting of two shapes. */
    public static Shape broadcast(Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dim(i - (r - a.rank()));
            int db = i < r - b.rank() ? 1 : b.dim(i - (r - b.rank()));
            require(da == db || da == 1 || db == 1, "shapes " + a + " and " + b + " do not broadcast");
            out[i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }

    private static Shape concat(int axis, Shape[] in) {
        int r = in[0].rank();
        int ax = axis < 0 ? axis + r : axis;
        require(ax >= 0 && ax < r, "concat axis " + axis + " out of range for rank " + r);
        int[] out = in[0].dims();
        for (int i = 1; i < in.length; i++) {
            require(in[i].rank() == r, "all inputs need rank " + r);
            for (int d = 0; d < r; d++) {
                require(d == ax || in[i].dim(d) == out[d], "input " + i + " differs outside the concat axis");
            }
            out[ax] += in[i].dim(ax);
        }
        return Shape.of(out);
    }

    private static Shape reshape(Shape x, int[] target) {
        int[] out = target.clone();
        long known = 1;
        int infer = -1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                require(i < x.rank(), "extent 0 at axis " + i + " has no input axis to copy");
                out[i] = x.dim(i);
            }
            if (out[i] == -1) {
                infer = i;
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            require(known > 0 && x.size() % known == 0, "cannot infer -1: " + x.size() + " elements into " + Arrays.toString(target));
            out[infer] = (int) (x.size() / known);
        }
        Shape s = Shape.of(out);
        require(s.size() == x.size(), "cannot reshape " + x + " (" + x.size() + " elements) to " + Arrays.toString(target));
        return s;
    }
}
