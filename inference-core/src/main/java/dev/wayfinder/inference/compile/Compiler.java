package dev.wayfinder.inference.compile;

import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;
import dev.wayfinder.inference.backend.device.DeviceBackend;
import dev.wayfinder.inference.backend.device.DeviceFallback;
import dev.wayfinder.inference.backend.device.DevicePlan;
import dev.wayfinder.inference.backend.device.DeviceProgram;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphException;
import dev.wayfinder.inference.graph.ShapeInference;
import dev.wayfinder.inference.graph.UnsupportedOperatorException;
import dev.wayfinder.inference.graph.ValueInfo;
import dev.wayfinder.inference.quant.Int8Quantizer;
import dev.wayfinder.inference.tensor.Shape;
import dev.wayfinder.inference.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles a graph into an {@link ExecutionPlan}. Stateless and thread-safe. */
public final class Compiler {

    private Compiler() {
    }

    /**
     * Compiles {@code graph} for one batch size on one backend.
     *
     * @throws GraphException               when shapes do not fit together (names the node)
     * @throws UnsupportedOperatorException when an operator or attribute is outside the supported subset
     */
    public static ExecutionPlan compile(Graph graph, CompileOptions options)
            throws GraphException, UnsupportedOperatorException {
        return compile(graph, options, SPLIT_MIN_FLOPS);
    }

    /**
     * Floating-point operations (multiply and add counted apart) from which a step of a batch smaller than the
     * thread count is split over the threads. A hand-off costs the caller about a microsecond when the peer
     * thread is on a core (more when it has to be woken); 250,000 FLOP is ~2-4 µs of convolution or dense work
     * on one core here (~60-110 GFLOP/s), so halving smaller steps would gain less than a hand-off costs. The
     * policy network's three convolutions (0.9, 2.4, 1.2 MFLOP per image) and its 2048->128 dense layer (0.5
     * MFLOP, memory-bound) are split; the 128->4 layer (1 kFLOP) is not.
     */
    static final long SPLIT_MIN_FLOPS = 250_000;

    /** {@link #compile(Graph, CompileOptions)} with another split threshold (tests split even tiny layers). */
    static ExecutionPlan compile(Graph graph, CompileOptions options, long splitMinFlops)
            throws GraphException, UnsupportedOperatorException {
        if (options.backend() instanceof DeviceBackend device) {
            return compileDevice(graph, options, device);
        }
        int[] sizes = parts(options.batch(), options.threads());
        if (sizes.length < 2 && options.batch() < options.threads()) {
            // Fewer images than threads: split single layers' outputs instead of the batch.
            return compileOne(graph, options, options.threads(), splitMinFlops);
        }
        ExecutionPlan whole = compileOne(graph, options, 1, 0);
        if (sizes.length < 2 || !batchMajor(whole, options.batch())) {
            return whole;
        }
        // Parts of equal size share one plan (plans are immutable); only the last part may differ.
        ExecutionPlan[] plans = new ExecutionPlan[sizes.length];
        CompileOptions one = options.withThreads(1);
        for (int i = 0; i < sizes.length; i++) {
            plans[i] = i > 0 && sizes[i] == sizes[i - 1] ? plans[i - 1]
                    : compileOne(graph, new CompileOptions(sizes[i], one.backend(), one.int8Dense(), 1), 1, 0);
            if (!batchMajor(plans[i], sizes[i])) {
                return whole;
            }
        }
        return new ExecutionPlan(whole, plans, sizes);
    }

    /**
     * The batch split for {@code threads}: parts of a whole multiple of {@link #ROW_BLOCK} images (kernels block
     * batch rows by that many, so every image then meets the same kernel code path as in the unsplit batch),
     * the last part taking the rest; a single part when splitting would leave a thread nothing.
     */
    static int[] parts(int batch, int threads) {
        if (threads < 2 || batch <= ROW_BLOCK) {
            return new int[] {batch};
        }
        int per = (batch + threads - 1) / threads;
        per = (per + ROW_BLOCK - 1) / ROW_BLOCK * ROW_BLOCK;
        int count = (batch + per - 1) / per;
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = Math.min(per, batch - i * per);
        }
        return sizes;
    }

    /** Rows of the batch that dense kernels compute together; threaded parts start at multiples of it. */
    static final int ROW_BLOCK = 4;

    /**
     * Lets a step write its output straight into the next step's private input layout (see
     * {@link Kernel#writingLinked}) when the next step is that value's only reader and the value is no graph
     * output: both kernels are replaced and the value gets a buffer of its own, zero from the start.
     */
    private static void link(Graph graph, Lowering low, List<Lowering.Step> steps, List<Kernel> kernels,
                             Map<String, ArenaPlanner.Buffer> buffers, int end) {
        for (int i = 0; i + 1 < steps.size(); i++) {
            String value = low.root(steps.get(i).output);
            Lowering.Step next = steps.get(i + 1);
            if (next.inputs.isEmpty() || !low.root(next.inputs.get(0)).equals(value)) {
                continue;
            }
            int readers = 0;
            for (Lowering.Step s : steps) {
                for (String in : s.inputs) {
                    if (low.root(in).equals(value)) {
                        readers++;
                    }
                }
            }
            boolean output = false;
            for (String out : graph.outputs()) {
                output |= low.root(out).equals(value);
            }
            Kernel consumer = kernels.get(i + 1);
            if (readers != 1 || output || consumer.linkedInputFloats() <= 0) {
                continue;
            }
            Kernel producer = kernels.get(i).writingLinked(consumer);
            if (producer == null) {
                continue;
            }
            kernels.set(i, producer);
            kernels.set(i + 1, consumer.readingLinked());
            buffers.put(value, new ArenaPlanner.Buffer(consumer.linkedInputFloats(), -1, end));
        }
    }

    /** Whether every input and output has the batch as its leading dimension, so the batch can be split. */
    private static boolean batchMajor(ExecutionPlan plan, int batch) {
        for (List<ExecutionPlan.Binding> list : List.of(plan.inputs(), plan.outputs())) {
            for (ExecutionPlan.Binding b : list) {
                if (b.shape().rank() == 0 || b.shape().dim(0) != batch) {
                    return false;
                }
            }
        }
        return true;
    }

    /** FLOPs of one run of a convolution or dense step; 0 for the other kinds (never split). */
    static long flops(KernelSpec spec) {
        return switch (spec) {
            case KernelSpec.Conv2d c -> 2L * c.n() * c.m() * c.oh() * c.ow() * (c.c() / c.groups()) * c.kh() * c.kw();
            case KernelSpec.Dense d -> 2L * d.n() * d.k() * d.m();
            case KernelSpec.DenseInt8 d -> 2L * d.n() * d.k() * d.m();
            default -> 0;
        };
    }

    /**
     * One plan; with {@code splitThreads} above 1, every step whose kernel can split its output
     * ({@link Kernel#splitUnits()}) and that does at least {@code splitMinFlops} FLOPs runs on that many threads,
     * each thread with a scratch area of its own. When no step qualifies the plan is single-threaded.
     */
    private static ExecutionPlan compileOne(Graph graph, CompileOptions options, int splitThreads, long splitMinFlops)
            throws GraphException, UnsupportedOperatorException {
        return compileOne(graph, options, splitThreads, splitMinFlops, true, null);
    }

    /**
     * A plan for a device backend: the host plan of its CPU kernels (one thread, no linked layouts, which a device
     * kernel could not follow), loaded onto the device. When the device cannot take it, the plan warns once and
     * stays a host plan, named after the host backend that runs it.
     */
    private static ExecutionPlan compileDevice(Graph graph, CompileOptions options, DeviceBackend device)
            throws GraphException, UnsupportedOperatorException {
        List<KernelSpec> specs = new ArrayList<>();
        ExecutionPlan host = compileOne(graph, options.withThreads(1), 1, 0, false, specs);
        String hostName = Backends.bestHost().name();
        List<DevicePlan.Step> steps = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ExecutionPlan.Step s = host.steps().get(i);
            steps.add(new DevicePlan.Step(specs.get(i), s.inputs(), s.output()));
        }
        DevicePlan plan = new DevicePlan(host.arenaSize(), steps, ranges(host.inputs()), ranges(host.outputs()),
                ranges(host.constantBindings()));
        try {
            DeviceProgram program = device.load(plan);
            return host.onDevice(device.name(), hostName, program);
        } catch (Exception | LinkageError e) {
            DeviceFallback.warn(device.name(), hostName, "loading graph '" + graph.name() + "' at batch " + options.batch(), e);
            return host.onDevice(hostName, hostName, null);
        }
    }

    private static List<DevicePlan.Range> ranges(List<ExecutionPlan.Binding> bindings) {
        return bindings.stream().map(b -> new DevicePlan.Range(b.offset(), b.shape().size())).toList();
    }

    /**
     * One plan, as {@link #compileOne(Graph, CompileOptions, int, long)}; {@code link} false leaves every value in
     * plain row-major layout, and a non-null {@code specsOut} receives each step's final spec.
     */
    private static ExecutionPlan compileOne(Graph graph, CompileOptions options, int splitThreads, long splitMinFlops,
                                            boolean link, List<KernelSpec> specsOut)
            throws GraphException, UnsupportedOperatorException {
        Map<String, Shape> shapes = ShapeInference.infer(graph, options.batch());
        Lowering low = new Lowering(graph, shapes);
        low.run();
        List<Lowering.Step> steps = low.steps;
        int end = steps.size();

        // One buffer per root value; reshapes share their source's buffer.
        Map<String, ArenaPlanner.Buffer> buffers = new LinkedHashMap<>();
        Map<String, Integer> first = new HashMap<>();
        Map<String, Integer> last = new HashMap<>();
        for (ValueInfo in : graph.inputs()) {
            first.put(in.name(), -1);
            last.put(in.name(), end);
        }
        Map<String, Tensor> constants = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Lowering.Step s = steps.get(i);
            for (String in : s.inputs) {
                String r = low.root(in);
                if (graph.initializers().containsKey(r)) {
                    constants.put(r, graph.initializers().get(r));
                }
                last.merge(r, i, Math::max);
            }
            first.putIfAbsent(low.root(s.output), i);
            last.merge(low.root(s.output), i, Math::max);
        }
        for (String out : graph.outputs()) {
            String r = low.root(out);
            if (graph.initializers().containsKey(r)) {
                constants.put(r, graph.initializers().get(r));
            }
            last.put(r, end);
        }
        for (String c : constants.keySet()) {
            first.put(c, -1);
            last.put(c, end);
        }
        for (Map.Entry<String, Integer> e : first.entrySet()) {
            buffers.put(e.getKey(), new ArenaPlanner.Buffer(shapes.get(e.getKey()).size(), e.getValue(),
                    last.getOrDefault(e.getKey(), e.getValue())));
        }

        List<Kernel> kernels = new ArrayList<>();
        List<KernelSpec> specs = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            KernelSpec spec = steps.get(i).spec();
            if (options.int8Dense() && spec instanceof KernelSpec.Dense d) {
                spec = Int8Quantizer.quantize(d);
            }
            specs.add(spec);
            kernels.add(options.backend().kernel(spec));
        }
        if (link) {
            link(graph, low, steps, kernels, buffers, end);
        }
        if (specsOut != null) {
            specsOut.addAll(specs);
        }
        List<ArenaPlanner.Buffer> all = new ArrayList<>(buffers.values());
        List<ArenaPlanner.Buffer> scratch = new ArrayList<>();
        List<ArenaPlanner.Buffer[]> partScratch = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        boolean anySplit = false;
        for (int i = 0; i < steps.size(); i++) {
            KernelSpec spec = specs.get(i);
            Kernel k = kernels.get(i);
            boolean split = splitThreads > 1 && k.splitUnits() > 1 && flops(spec) >= splitMinFlops;
            anySplit |= split;
            ArenaPlanner.Buffer[] sbs = new ArenaPlanner.Buffer[split ? splitThreads : 1];
            for (int p = 0; p < sbs.length; p++) {
                sbs[p] = k.persistentScratch() ? new ArenaPlanner.Buffer(k.scratchFloats(), -1, end)
                        : new ArenaPlanner.Buffer(k.scratchFloats(), i, i);
                all.add(sbs[p]);
            }
            ArenaPlanner.Buffer sb = sbs[0];
            scratch.add(sb);
            partScratch.add(split ? sbs : null);
            descriptions.add(steps.get(i).nodes + " -> " + spec.getClass().getSimpleName()
                    + (spec instanceof KernelSpec.Conv2d c ? "(" + c.activation().kind() + ")"
                    : spec instanceof KernelSpec.Dense d ? "(" + d.activation().kind() + ")" : ""));
        }
        int arenaSize;
        try {
            arenaSize = ArenaPlanner.place(all);
        } catch (IllegalStateException e) {
            throw new GraphException("graph '" + graph.name() + "' at batch " + options.batch() + ": " + e.getMessage());
        }

        List<ExecutionPlan.Step> planSteps = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Lowering.Step s = steps.get(i);
            int[] ins = new int[s.inputs.size()];
            for (int j = 0; j < ins.length; j++) {
                ins[j] = buffers.get(low.root(s.inputs.get(j))).offset;
            }
            ArenaPlanner.Buffer[] sbs = partScratch.get(i);
            int[] partOffsets = null;
            if (sbs != null) {
                partOffsets = new int[sbs.length];
                for (int p = 0; p < sbs.length; p++) {
                    partOffsets[p] = sbs[p].offset;
                }
            }
            planSteps.add(new ExecutionPlan.Step(descriptions.get(i), kernels.get(i), ins,
                    buffers.get(low.root(s.output)).offset, scratch.get(i).offset, partOffsets));
        }
        List<ExecutionPlan.Binding> inputs = new ArrayList<>();
        for (ValueInfo in : graph.inputs()) {
            inputs.add(new ExecutionPlan.Binding(in.name(), shapes.get(in.name()), buffers.get(in.name()).offset));
        }
        List<ExecutionPlan.Binding> outputs = new ArrayList<>();
        for (String out : graph.outputs()) {
            outputs.add(new ExecutionPlan.Binding(out, shapes.get(out), buffers.get(low.root(out)).offset));
        }
        List<ExecutionPlan.Binding> consts = new ArrayList<>();
        List<Tensor> constData = new ArrayList<>();
        for (Map.Entry<String, Tensor> c : constants.entrySet()) {
            consts.add(new ExecutionPlan.Binding(c.getKey(), c.getValue().shape(), buffers.get(c.getKey()).offset));
            constData.add(c.getValue());
        }
        return new ExecutionPlan(options.backend().name(), options.batch(), planSteps, arenaSize, inputs, outputs,
                consts, constData, anySplit ? splitThreads : 1);
    }
}
