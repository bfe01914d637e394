package dev.wayfinder.inference.compile;

import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.device.DeviceFallback;
import dev.wayfinder.inference.backend.device.DeviceProgram;
import dev.wayfinder.inference.backend.device.DeviceSession;
import dev.wayfinder.inference.tensor.Shape;
import dev.wayfinder.inference.tensor.Tensor;

import java.lang.ref.Cleaner;
import java.util.List;

/**
 * A compiled graph: an ordered list of kernels and the layout of one float arena holding every input,
 * intermediate and output value. Immutable and thread-safe; each thread runs it through its own
 * {@link ExecutionContext} ({@link #newContext()}, or {@link #contextForCurrentThread()}).
 */
public final class ExecutionPlan {

    /**
     * One kernel invocation with its arena offsets. {@code partScratch} is null for a step that runs on one
     * thread; for a step whose output is split over the threads of a context ({@link Kernel#runPart}), it holds
     * each thread's own scratch offset (index 0: the caller's).
     */
    record Step(String description, Kernel kernel, int[] inputs, int output, int scratch, int[] partScratch) {
        Step(String description, Kernel kernel, int[] inputs, int output, int scratch) {
            this(description, kernel, inputs, output, scratch, null);
        }
    }

    /**
     * Where a named value lives in the arena.
     *
     * @param name   the graph value's name
     * @param shape  its static shape
     * @param offset its first float in the arena
     */
    public record Binding(String name, Shape shape, int offset) {
    }

    private final String backend;
    private final int batch;
    private final Step[] steps;
    private final int arenaSize;
    private final List<Binding> inputs;
    private final List<Binding> outputs;
    private final List<Binding> constants;
    private final List<Tensor> constantData;
    private final ThreadLocal<ExecutionContext> perThread = ThreadLocal.withInitial(this::newContext);
    /** For a plan split over threads: the plan of each part of the batch; null when single-threaded. */
    private final ExecutionPlan[] parts;
    /** Images in each part. */
    private final int[] partSizes;
    /**
     * Threads that share each split step of one run ({@link Step#partScratch()}), 1 when no step is split. A plan
     * is split either by batch ({@link #parts}) or within the steps, never both.
     */
    private final int splitThreads;
    /** For a plan loaded on a device: the loaded program (null for host plans, and after a failed load). */
    private final DeviceProgram device;
    /** The host backend whose kernels {@link #steps} hold, which runs when the device fails. */
    private final String hostBackend;
    private static final Cleaner CLEANER = Cleaner.create();

    ExecutionPlan(String backend, int batch, List<Step> steps, int arenaSize, List<Binding> inputs,
                  List<Binding> outputs, List<Binding> constants, List<Tensor> constantData) {
        this(backend, batch, steps, arenaSize, inputs, outputs, constants, constantData, 1);
    }

    /** A plan whose split steps (if any) run on {@code splitThreads} threads of each context. */
    ExecutionPlan(String backend, int batch, List<Step> steps, int arenaSize, List<Binding> inputs,
                  List<Binding> outputs, List<Binding> constants, List<Tensor> constantData, int splitThreads) {
        this.splitThreads = splitThreads;
        this.backend = backend;
        this.batch = batch;
        this.steps = steps.toArray(new Step[0]);
        this.arenaSize = arenaSize;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.constants = List.copyOf(constants);
        this.constantData = List.copyOf(constantData);
        this.parts = null;
        this.partSizes = null;
        this.device = null;
        this.hostBackend = backend;
    }

    /** {@code host} (a single-threaded plan) named {@code backend}, running on {@code device} when not null. */
    private ExecutionPlan(ExecutionPlan host, String backend, String hostBackend, DeviceProgram device) {
        this.backend = backend;
        this.batch = host.batch;
        this.steps = host.steps;
        this.arenaSize = host.arenaSize;
        this.inputs = host.inputs;
        this.outputs = host.outputs;
        this.constants = host.constants;
        this.constantData = host.constantData;
        this.splitThreads = 1;
        this.parts = null;
        this.partSizes = null;
        this.device = device;
        this.hostBackend = hostBackend;
        if (device != null) {
            CLEANER.register(this, device::close);
        }
    }

    /** This single-threaded host plan as a device plan (named {@code backend}), or as a host plan when null. */
    ExecutionPlan onDevice(String backend, String hostBackend, DeviceProgram program) {
        return new ExecutionPlan(this, backend, hostBackend, program);
    }

    /** The constants' places in the arena. */
    List<Binding> constantBindings() {
        return constants;
    }

    /** A plan that runs {@code whole}'s batch as consecutive parts, one per thread. */
    ExecutionPlan(ExecutionPlan whole, ExecutionPlan[] parts, int[] partSizes) {
        this.backend = whole.backend;
        this.batch = whole.batch;
        this.steps = parts[0].steps;
        int total = 0;
        for (ExecutionPlan p : parts) {
            total += p.arenaSize;
        }
        this.arenaSize = total;
        this.inputs = whole.inputs;
        this.outputs = whole.outputs;
        this.constants = List.of();
        this.constantData = List.of();
        this.splitThreads = 1;
        this.parts = parts.clone();
        this.partSizes = partSizes.clone();
        this.device = null;
        this.hostBackend = whole.backend;
    }

    /** A fresh context with its own arena (allocated here, once). */
    public ExecutionContext newContext() {
        if (parts != null) {
            ExecutionContext[] ctx = new ExecutionContext[parts.length];
            for (int i = 0; i < parts.length; i++) {
                ctx[i] = parts[i].newContext();
            }
            return new ExecutionContext(this, ctx, partSizes.clone());
        }
        float[] arena = new float[arenaSize];
        for (int i = 0; i < constants.size(); i++) {
            constantData.get(i).copyInto(arena, constants.get(i).offset());
        }
        if (device != null) {
            DeviceSession session;
            try {
                session = device.newSession();
            } catch (Exception | LinkageError e) {
                DeviceFallback.warn(backend, hostBackend, "creating a context", e);
                return new ExecutionContext(this, arena);
            }
            return new ExecutionContext(this, arena, session);
        }
        if (splitThreads > 1) {
            return new ExecutionContext(this, arena, new SplitWorkers(steps, arena, splitThreads, "wayfinder-inference"));
        }
        return new ExecutionContext(this, arena);
    }

    /** The calling thread's own context, created on first use and kept for the life of the thread. */
    public ExecutionContext contextForCurrentThread() {
        return perThread.get();
    }

    void execute(float[] arena) {
        // An indexed loop over an array: no iterator, which escape analysis does not always remove.
        Step[] all = steps;
        for (int i = 0; i < all.length; i++) {
            Step s = all[i];
            s.kernel().run(arena, s.inputs(), s.output(), s.scratch());
        }
    }

    void profile(float[] arena, long[] nanos) {
        for (int i = 0; i < steps.length; i++) {
            Step s = steps[i];
            long t0 = System.nanoTime();
            s.kernel().run(arena, s.inputs(), s.output(), s.scratch());
            nanos[i] += System.nanoTime() - t0;
        }
    }

    /**
     * The backend's name: a device backend's (e.g. {@code "opencl"}) when the plan is loaded on its device, else the
     * host backend that runs it (also when a device backend was asked for but could not load the plan).
     */
    public String backend() {
        return backend;
    }

    /** The host backend whose kernels run when a context's device fails (for host plans, {@link #backend()}). */
    public String hostBackend() {
        return hostBackend;
    }

    /** Whether this plan runs on a device. */
    public boolean onDevice() {
        return device != null;
    }

    /**
     * Threads a context of this plan runs on (1 unless compiled with {@link CompileOptions#threads()} above 1 and
     * either a batch that can be split or, below that many images, at least one layer large enough to split).
     */
    public int threads() {
        return parts == null ? splitThreads : parts.length;
    }

    /** The steps (for tests). */
    List<Step> steps() {
        return List.of(steps);
    }

    /** Per step (in the order of {@link #describe()}): whether its output is split over the threads. */
    boolean[] splitSteps() {
        boolean[] split = new boolean[steps.length];
        for (int i = 0; i < steps.length; i++) {
            split[i] = steps[i].partScratch() != null;
        }
        return split;
    }

    /** The batch size compiled for. */
    public int batch() {
        return batch;
    }

    /** The arena size in floats, over all threads' parts (activations, inputs, outputs, scratch; weights live in the kernels). */
    public int arenaSize() {
        return arenaSize;
    }

    /** The graph inputs with their compiled shapes. */
    public List<Binding> inputs() {
        return inputs;
    }

    /** The graph outputs with their compiled shapes. */
    public List<Binding> outputs() {
        return outputs;
    }

    /**
     * One line per kernel: the node names it covers and the kernel kind (for logs and tests). For a plan split
     * over threads: the steps of the first part, which every part runs on its share of the batch.
     */
    public List<String> describe() {
        return java.util.Arrays.stream(steps).map(Step::description).toList();
    }
}
