package dev.wayfinder.inference.compile;

import dev.wayfinder.inference.backend.Activation;
import dev.wayfinder.inference.backend.KernelSpec;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphException;
import dev.wayfinder.inference.graph.Node;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.graph.UnsupportedOperatorException;
import dev.wayfinder.inference.tensor.Shape;
import dev.wayfinder.inference.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns graph nodes into kernel specs, fusing as it goes: batch normalization into the convolution before it,
 * activations into the convolution or dense layer before them (when nothing else reads the intermediate),
 * and reshapes into aliases of their input.
 */
final class Lowering {

    /** A lowered step; conv and dense steps stay open for fusion until {@link #spec()} is built. */
    static final class Step {
        KernelSpec spec;
        final List<String> inputs;
        String output;
        String nodes;
        // open conv/dense state
        KernelSpec.Conv2d conv;
        KernelSpec.Dense dense;
        Activation activation = Activation.NONE;

        Step(KernelSpec spec, List<String> inputs, String output, String node) {
            this.spec = spec;
            this.inputs = inputs;
            this.output = output;
            this.nodes = node;
        }

        KernelSpec spec() {
            if (conv != null) {
                KernelSpec.Conv2d c = conv;
                return new KernelSpec.Conv2d(c.n(), c.c(), c.h(), c.w(), c.m(), c.kh(), c.kw(), c.strideH(), c.strideW(),
                        c.padTop(), c.padLeft(), c.dilationH(), c.dilationW(), c.groups(), c.oh(), c.ow(), c.weight(),
                        c.bias(), activation);
            }
            if (dense != null) {
                KernelSpec.Dense d = dense;
                return new KernelSpec.Dense(d.n(), d.k(), d.m(), d.weight(), d.bias(), activation);
            }
            return spec;
        }
    }

    final List<Step> steps = new ArrayList<>();
    /** Values that are views of another value (reshape, flatten): value to its source. */
    final Map<String, String> alias = new HashMap<>();
    private final Graph graph;
    private final Map<String, Shape> shapes;
    private final Map<String, Integer> readers = new HashMap<>();
    private final Map<String, Step> producer = new HashMap<>();

    Lowering(Graph graph, Map<String, Shape> shapes) {
        this.graph = graph;
        this.shapes = shapes;
        for (Node n : graph.nodes()) {
            for (String in : n.inputs()) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        for (String out : graph.outputs()) {
            readers.merge(out, 1, Integer::sum);
        }
    }

    void run() throws GraphException, UnsupportedOperatorException {
        for (Node node : graph.nodes()) {
            lower(node);
        }
    }

    String root(String v) {
        String r = v;
        while (alias.containsKey(r)) {
            r = alias.get(r);
        }
        return r;
    }

    private Tensor constant(Node node, int input, String what) throws UnsupportedOperatorException {
        String name = node.inputs().get(input);
        Tensor t = graph.initializers().get(name);
        if (t == null) {
            throw new UnsupportedOperatorException(node.op().type(), node.name(),
                    what + " '" + name + "' must be a constant initializer");
        }
        return t;
    }

    /** The open conv/dense step producing {@code value} that may absorb a following op, or null. */
    private Step fusible(String value) {
        Step s = producer.get(value);
        if (s == null || (s.conv == null && s.dense == null) || s.activation.kind() != Activation.Kind.NONE) {
            return null;
        }
        return readers.getOrDefault(value, 0) == 1 ? s : null;
    }

    private void add(Step s) {
        steps.add(s);
        producer.put(s.output, s);
    }

    private void absorb(Step s, Node node) {
        producer.remove(s.output);
        s.output = node.output();
        s.nodes += "+" + node.name();
        producer.put(s.output, s);
    }

    private void lower(Node node) throws UnsupportedOperatorException, GraphException {
        String x = node.inputs().get(0);
        Shape xs = shapes.get(x);
        Shape os = shapes.get(node.output());
        List<String> one = List.of(x);
        switch (node.op()) {
            case Op.Conv c -> {
                Tensor w = constant(node, 1, "weight");
                float[] bias = node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()
                        ? constant(node, 2, "bias").data() : new float[w.shape().dim(0)];
                Step s = new Step(null, one, node.output(), node.name());
                s.conv = new KernelSpec.Conv2d(xs.dim(0), xs.dim(1), xs.dim(2), xs.dim(3), os.dim(1), c.kernel()[0],
                        c.kernel()[1], c.strides()[0], c.strides()[1], c.pads()[0], c.pads()[1], c.dilations()[0],
                        c.dilations()[1], c.group(), os.dim(2), os.dim(3), w.data(), bias, Activation.NONE);
                add(s);
            }
            case Op.BatchNormalization b -> batchNorm(node, b, xs);
            case Op.Gemm g -> gemm(node, g, xs, os);
            case Op.MatMul m -> matmul(node, xs, shapes.get(node.inputs().get(1)), os);
            case Op.Add a -> binary(node, KernelSpec.BinaryOp.ADD, os);
            case Op.Mul m -> binary(node, KernelSpec.BinaryOp.MUL, os);
            case Op.Relu r -> activation(node, Activation.RELU, os);
            case Op.LeakyRelu r -> activation(node, new Activation(Activation.Kind.LEAKY_RELU, r.alpha()), os);
            case Op.Tanh t -> activation(node, new Activation(Activation.Kind.TANH, 0f), os);
            case Op.Sigmoid t -> activation(node, new Activation(Activation.Kind.SIGMOID, 0f), os);
            case Op.Softmax sm -> {
                int axis = sm.axis() < 0 ? sm.axis() + xs.rank() : sm.axis();
                add(new Step(new KernelSpec.Softmax(xs.sizeOf(0, axis), xs.dim(axis), xs.sizeOf(axis + 1, xs.rank())),
                        one, node.output(), node.name()));
            }
            case Op.MaxPool p -> add(new Step(new KernelSpec.Pool(true, xs.dim(0), xs.dim(1), xs.dim(2), xs.dim(3),
                    p.kernel()[0], p.kernel()[1], p.strides()[0], p.strides()[1], p.pads()[0], p.pads()[1], os.dim(2),
                    os.dim(3), false), one, node.output(), node.name()));
            case Op.AveragePool p -> add(new Step(new KernelSpec.Pool(false, xs.dim(0), xs.dim(1), xs.dim(2), xs.dim(3),
                    p.kernel()[0], p.kernel()[1], p.strides()[0], p.strides()[1], p.pads()[0], p.pads()[1], os.dim(2),
                    os.dim(3), p.countIncludePad()), one, node.output(), node.name()));
            case Op.GlobalAveragePool g -> add(new Step(new KernelSpec.Pool(false, xs.dim(0), xs.dim(1), xs.dim(2),
                    xs.dim(3), xs.dim(2), xs.dim(3), 1, 1, 0, 0, 1, 1, true), one, node.output(), node.name()));
            case Op.Concat c -> {
                int axis = c.axis() < 0 ? c.axis() + xs.rank() : c.axis();
                int[] chunks = new int[node.inputs().size()];
                for (int i = 0; i < chunks.length; i++) {
                    chunks[i] = shapes.get(node.inputs().get(i)).sizeOf(axis, xs.rank());
                }
                add(new Step(new KernelSpec.Concat(xs.sizeOf(0, axis), chunks), node.inputs(), node.output(), node.name()));
            }
            case Op.Flatten f -> alias.put(node.output(), x);
            case Op.Reshape r -> alias.put(node.output(), x);
        }
    }

    private void activation(Node node, Activation act, Shape os) {
        Step s = fusible(node.inputs().get(0));
        if (s != null) {
            s.activation = act;
            absorb(s, node);
        } else {
            add(new Step(new KernelSpec.Unary(act, os.size()), node.inputs(), node.output(), node.name()));
        }
    }

    private void batchNorm(Node node, Op.BatchNormalization b, Shape xs) throws UnsupportedOperatorException {
        float[] gamma = constant(node, 1, "scale").data();
        float[] beta = constant(node, 2, "bias").data();
        float[] mean = constant(node, 3, "mean").data();
        float[] var = constant(node, 4, "variance").data();
        int ch = xs.dim(1);
        float[] scale = new float[ch];
        float[] shift = new float[ch];
        for (int i = 0; i < ch; i++) {
            double sc = gamma[i] / Math.sqrt((double) var[i] + b.epsilon());
            scale[i] = (float) sc;
            shift[i] = (float) (beta[i] - mean[i] * sc);
        }
        Step s = fusible(node.inputs().get(0));
        if (s != null && s.conv != null) {
            KernelSpec.Conv2d c = s.conv;
            float[] w = c.weight().clone();
            float[] bias = c.bias().clone();
            int per = w.length / c.m();
            for (int m = 0; m < c.m(); m++) {
                for (int i = 0; i < per; i++) {
                    w[m * per + i] *= scale[m];
                }
                bias[m] = bias[m] * scale[m] + shift[m];
            }
            s.conv = new KernelSpec.Conv2d(c.n(), c.c(), c.h(), c.w(), c.m(), c.kh(), c.kw(), c.strideH(), c.strideW(),
                    c.padTop(), c.padLeft(), c.dilationH(), c.dilationW(), c.groups(), c.oh(), c.ow(), w, bias,
                    Activation.NONE);
            absorb(s, node);
            return;
        }
        // Standalone: a depthwise 1x1 convolution over the spatial extent flattened into one row.
        int spatial = xs.sizeOf(2, xs.rank());
        Step d = new Step(null, List.of(node.inputs().get(0)), node.output(), node.name());
        d.conv = new KernelSpec.Conv2d(xs.dim(0), ch, 1, spatial, ch, 1, 1, 1, 1, 0, 0, 1, 1, ch, 1, spatial, scale,
                shift, Activation.NONE);
        add(d);
    }

    private void gemm(Node node, Op.Gemm g, Shape as, Shape os) throws UnsupportedOperatorException {
        if (g.transA()) {
            throw new UnsupportedOperatorException("Gemm", node.name(), "transA = 1 is not supported");
        }
        Tensor b = constant(node, 1, "B");
        int k = as.dim(1);
        int m = os.dim(1);
        float[] src = b.data();
        float[] w = new float[m * k];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < k; i++) {
                w[j * k + i] = g.alpha() * (g.transB() ? src[j * k + i] : src[i * m + j]);
            }
        }
        float[] bias = new float[m];
        if (node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) {
            Tensor c = constant(node, 2, "C");
            if (c.size() != 1 && c.size() != m) {
                throw new UnsupportedOperatorException("Gemm", node.name(), "C of shape " + c.shape()
                        + " is not supported; expected a scalar or [" + m + "]");
            }
            for (int j = 0; j < m; j++) {
                bias[j] = g.beta() * c.get(c.size() == 1 ? 0 : j);
            }
        }
        Step s = new Step(null, List.of(node.inputs().get(0)), node.output(), node.name());
        s.dense = new KernelSpec.Dense(as.dim(0), k, m, w, bias, Activation.NONE);
        add(s);
    }

    private void matmul(Node node, Shape as, Shape bs, Shape os) throws UnsupportedOperatorException {
        int k = as.dim(-1);
        int m = bs.dim(-1);
        Tensor b = graph.initializers().get(node.inputs().get(1));
        if (b != null && bs.rank() == 2) {
            float[] src = b.data();
            float[] w = new float[m * k];
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < k; i++) {
                    w[j * k + i] = src[i * m + j];
                }
            }
            Step s = new Step(null, List.of(node.inputs().get(0)), node.output(), node.name());
            s.dense = new KernelSpec.Dense(as.size() / k, k, m, w, new float[m], Activation.NONE);
            add(s);
            return;
        }
        int n = as.dim(-2);
        int batchA = as.sizeOf(0, as.rank() - 2);
        int batchB = bs.sizeOf(0, bs.rank() - 2);
        int batch = os.sizeOf(0, os.rank() - 2);
        if ((batchA != batch && batchA != 1) || (batchB != batch && batchB != 1)) {
            throw new UnsupportedOperatorException("MatMul", node.name(), "broadcast of batch axes " + as + " x " + bs
                    + " is not supported; expected equal batch axes or one operand without them");
        }
        add(new Step(new KernelSpec.MatMul(batch, n, k, m, batchA == 1 ? 0 : n * k, batchB == 1 ? 0 : k * m),
                node.inputs(), node.output(), node.name()));
    }

    private void binary(Node node, KernelSpec.BinaryOp op, Shape os) {
        add(new Step(new KernelSpec.Binary(op, shapes.get(node.inputs().get(0)), shapes.get(node.inputs().get(1)), os),
                node.inputs(), node.output(), node.name()));
    }
}
