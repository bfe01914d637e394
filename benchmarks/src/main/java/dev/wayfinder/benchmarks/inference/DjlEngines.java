package dev.wayfinder.benchmarks.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.bench.InferenceBench;
import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.compile.CompileOptions;
import dev.wayfinder.inference.compile.Compiler;
import dev.wayfinder.inference.compile.ExecutionContext;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.Node;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.graph.ValueInfo;
import dev.wayfinder.inference.tensor.Tensor;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DJL with its PyTorch engine as a benchmark peer: the same graph (the same weight tensors, the same operators in the
 * same order) as a DJL block, run through {@link AbstractBlock#forward} on the CPU with one intra-op and one
 * inter-op thread, fully offline.
 *
 * <p>DJL reads its thread counts and offline mode when its engine starts; {@link #factory()} sets the system
 * properties {@code ai.djl.pytorch.num_threads=1}, {@code ai.djl.pytorch.num_interop_threads=1} and
 * {@code ai.djl.offline=true} unless they are already set. If the engine had already started in this JVM with other
 * settings, those stay in force. The first start unpacks PyTorch's native libraries (~430 MB) from the
 * {@code pytorch-native-cpu} jar into DJL's cache ({@code DJL_CACHE_DIR}, by default {@code ~/.djl.ai}).
 *
 * <p>Each engine checks, before it is timed, that its output agrees with inference-core's float Vector (or scalar)
 * backend on the same input within {@link #TOLERANCE}; a mismatch throws and aborts the comparison.
 *
 * <p>{@link InferenceComparison} loads this class only after {@link InferenceComparison#djlMissing()} found DJL on the
 * class path.
 */
public final class DjlEngines {

    /** The engine's label. */
    public static final String NAME = "djl-pytorch";

    /** Largest |DJL logit - inference-core logit| accepted before timing. */
    public static final float TOLERANCE = 1e-4f;

    private static final String[][] DEFAULTS = {
            {"ai.djl.offline", "true"},
            {"ai.djl.pytorch.num_threads", "1"},
            {"ai.djl.pytorch.num_interop_threads", "1"},
    };

    private DjlEngines() {
    }

    /** A factory for DJL + PyTorch engines (one intra-op thread, offline). */
    public static InferenceBench.EngineFactory factory() {
        for (String[] d : DEFAULTS) {
            if (System.getProperty(d[0]) == null) {
                System.setProperty(d[0], d[1]);
            }
        }
        return new InferenceBench.EngineFactory() {
            public String name() {
                return NAME;
            }

            public InferenceBench.Engine create(Graph graph, int batch) throws Exception {
                return DjlEngine.open(graph, batch, PolicyCnn.images(1, batch), true);
            }
        };
    }

    /**
     * One forward pass of {@code graph} through DJL on {@code input}, for checks: the logits as a flat array.
     */
    public static float[] forwardOnce(Graph graph, int batch, float[] input) throws Exception {
        factory();
        try (DjlEngine e = DjlEngine.open(graph, batch, input, false)) {
            return e.forward();
        }
    }

    /**
     * The logits of inference-core's float backend (Vector API if available, else scalar) for {@code input}.
     */
    public static float[] reference(Graph graph, int batch, float[] input) throws Exception {
        try (ExecutionContext ctx = Compiler.compile(graph,
                new CompileOptions(batch, Backends.preferred(), false, 1)).newContext()) {
            ctx.setInput(0, input);
            ctx.run();
            return ctx.output(0);
        }
    }

    /** max |a[i] - b[i]|; infinite if the lengths differ or a value is not finite. */
    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (!(d <= max)) {
                max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
        }
        return max;
    }

    /** A DJL block and its input on the CPU, ready to run. */
    private static final class DjlEngine implements InferenceBench.Engine {
        private final NDManager manager;
        private final GraphBlock block;
        private final ParameterStore store;
        private final NDArray x;

        private DjlEngine(NDManager manager, GraphBlock block, NDArray x) {
            this.manager = manager;
            this.block = block;
            this.store = new ParameterStore(manager, false);
            this.x = x;
        }

        static DjlEngine open(Graph graph, int batch, float[] input, boolean check) throws Exception {
            if (graph.inputs().size() != 1 || graph.outputs().size() != 1) {
                throw new IllegalArgumentException(NAME + " runs graphs with one input and one output, got "
                        + graph.inputs().size() + " and " + graph.outputs().size());
            }
            Engine engine = Engine.getEngine("PyTorch");
            NDManager manager = engine.newBaseManager(Device.cpu());
            try {
                GraphBlock block = new GraphBlock(graph, manager);
                int[] dims = graph.inputs().get(0).dims();
                long[] shape = new long[dims.length];
                for (int i = 0; i < dims.length; i++) {
                    shape[i] = i == 0 ? batch : dims[i];
                }
                NDArray x = manager.create(FloatBuffer.wrap(input), new Shape(shape));
                DjlEngine e = new DjlEngine(manager, block, x);
                if (check) {
                    float[] ours = reference(graph, batch, input);
                    double diff = maxAbsDiff(e.forward(), ours);
                    if (!(diff <= TOLERANCE)) {
                        throw new IllegalStateException(String.format(Locale.ROOT, "%s disagrees with inference-core "
                                + "(%s backend) at batch %d: max |logit difference| %.3g > %.0e; not timing it", NAME,
                                Backends.preferred().name(), batch, diff, (double) TOLERANCE));
                    }
                }
                return e;
            } catch (Exception | Error t) {
                manager.close();
                throw t;
            }
        }

        /** Runs the block once and returns the output values. */
        float[] forward() {
            try (NDManager scope = manager.newSubManager()) {
                x.tempAttach(scope);
                return block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            }
        }

        public String name() {
            return NAME;
        }

        public void infer() {
            // Intermediates land in the scope's manager (each op's result joins its first operand's manager) and are
            // freed when it closes; the input goes back to the engine's manager.
            try (NDManager scope = manager.newSubManager()) {
                x.tempAttach(scope);
                NDList out = block.forward(store, new NDList(x), false);
                if (out.size() != 1) {
                    throw new IllegalStateException("expected one output");
                }
            }
        }

        public void close() {
            manager.close();
        }
    }

    /**
     * An inference-core graph as a DJL block: every initializer becomes a parameter holding the same values and
     * shape, every node the DJL operator of the same meaning. Translates Conv (2-D), Gemm (alpha = beta = 1, no
     * transposed A), Relu, Flatten and Concat, which is what {@link PolicyCnn} uses; anything else is rejected when
     * the block is built.
     */
    static final class GraphBlock extends AbstractBlock {
        private final Graph graph;
        private final Map<String, Parameter> constants = new LinkedHashMap<>();

        GraphBlock(Graph graph, NDManager manager) {
            super((byte) 1);
            this.graph = graph;
            for (Node n : graph.nodes()) {
                check(n);
            }
            for (Map.Entry<String, Tensor> e : graph.initializers().entrySet()) {
                Tensor t = e.getValue();
                int[] dims = t.shape().dims();
                long[] shape = new long[dims.length];
                for (int i = 0; i < dims.length; i++) {
                    shape[i] = dims[i];
                }
                NDArray value = manager.create(FloatBuffer.wrap(t.data()), new Shape(shape));
                constants.put(e.getKey(), addParameter(Parameter.builder()
                        .setName(e.getKey())
                        .setType(Parameter.Type.OTHER)
                        .optRequiresGrad(false)
                        .optArray(value)
                        .build()));
            }
        }

        private static void check(Node n) {
            String why = switch (n.op()) {
                case Op.Conv c -> c.pads()[0] == c.pads()[2] && c.pads()[1] == c.pads()[3] ? null
                        : "asymmetric padding";
                case Op.Gemm g -> g.alpha() == 1f && g.beta() == 1f && !g.transA() ? null
                        : "alpha or beta other than 1, or a transposed A";
                case Op.Flatten f -> f.axis() == 1 ? null : "axis other than 1";
                case Op.Relu r -> null;
                case Op.Concat c -> null;
                default -> "operator not translated";
            };
            if (why != null) {
                throw new IllegalArgumentException(NAME + " cannot run node '" + n.name() + "' (" + n.op().type()
                        + "): " + why);
            }
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            Device device = inputs.head().getDevice();
            Map<String, NDArray> v = new HashMap<>();
            List<ValueInfo> in = graph.inputs();
            for (int i = 0; i < in.size(); i++) {
                v.put(in.get(i).name(), inputs.get(i));
            }
            for (Map.Entry<String, Parameter> e : constants.entrySet()) {
                v.put(e.getKey(), ps.getValue(e.getValue(), device, training));
            }
            for (Node n : graph.nodes()) {
                List<String> a = n.inputs();
                NDArray x = v.get(a.get(0));
                NDArray y = switch (n.op()) {
                    case Op.Conv c -> Conv2d.conv2d(x, v.get(a.get(1)), a.size() > 2 && !a.get(2).isEmpty()
                                    ? v.get(a.get(2)) : null, shape(c.strides()),
                            new Shape(c.pads()[0], c.pads()[1]), shape(c.dilations()), c.group()).singletonOrThrow();
                    case Op.Gemm g -> {
                        NDArray w = v.get(a.get(1));
                        NDArray b = a.size() > 2 && !a.get(2).isEmpty() ? v.get(a.get(2)) : null;
                        if (g.transB()) {
                            yield Linear.linear(x, w, b).singletonOrThrow();
                        }
                        NDArray p = x.matMul(w);
                        yield b == null ? p : p.add(b);
                    }
                    case Op.Relu r -> Activation.relu(x);
                    case Op.Flatten f -> x.reshape(x.getShape().get(0), -1);
                    case Op.Concat c -> {
                        NDList parts = new NDList(a.size());
                        for (String s : a) {
                            parts.add(v.get(s));
                        }
                        yield NDArrays.concat(parts, c.axis());
                    }
                    default -> throw new IllegalStateException("unchecked operator " + n.op().type());
                };
                v.put(n.output(), y);
            }
            return new NDList(v.get(graph.outputs().get(0)));
        }

        private static Shape shape(int[] d) {
            return new Shape(d[0], d[1]);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            throw new UnsupportedOperationException("output shapes are not inferred; the block only runs forward");
        }
    }
}
