package dev.wayfinder.inference.compile;

import dev.wayfinder.inference.backend.device.DeviceFallback;
import dev.wayfinder.inference.backend.device.DeviceSession;

import java.lang.ref.Cleaner;

/**
 * One thread's working memory for an {@link ExecutionPlan}: set the inputs, {@link #run()}, read the outputs.
 * Not thread-safe: confine each context to one thread at a time. Setting inputs, running and reading outputs
 * into caller-owned arrays allocate nothing.
 *
 * <p>A context of a plan compiled with {@link CompileOptions#threads()} above 1 holds one arena per part of the
 * batch and a few daemon threads of its own; at a batch below the thread count it holds one arena that its
 * threads share for the layers split by output channels or units. {@link #close()} stops the threads (they also
 * stop once the context is unreachable). Other contexts own no threads and need no closing.
 */
public final class ExecutionContext implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final ExecutionPlan plan;
    private final float[] arena;
    /** Per-part contexts of a plan split over threads (null otherwise); part i holds images from start[i]. */
    private final ExecutionContext[] parts;
    private final int[] partSizes;
    private final Workers workers;
    /** The threads sharing split steps of one run, for a plan that splits single layers; null otherwise. */
    private final SplitWorkers split;
    private final Cleaner.Cleanable cleanable;
    /** The device session of a device plan's context; null for host plans and after the device failed. */
    private DeviceSession device;

    ExecutionContext(ExecutionPlan plan, float[] arena) {
        this.plan = plan;
        this.arena = arena;
        this.parts = null;
        this.partSizes = null;
        this.workers = null;
        this.split = null;
        this.cleanable = null;
    }

    ExecutionContext(ExecutionPlan plan, float[] arena, DeviceSession device) {
        this.plan = plan;
        this.arena = arena;
        this.parts = null;
        this.partSizes = null;
        this.workers = null;
        this.split = null;
        this.device = device;
        this.cleanable = CLEANER.register(this, device::close);
    }

    ExecutionContext(ExecutionPlan plan, float[] arena, SplitWorkers split) {
        this.plan = plan;
        this.arena = arena;
        this.parts = null;
        this.partSizes = null;
        this.workers = null;
        this.split = split;
        this.cleanable = CLEANER.register(this, split::close);
    }

    ExecutionContext(ExecutionPlan plan, ExecutionContext[] parts, int[] partSizes) {
        this.plan = plan;
        this.arena = null;
        this.parts = parts;
        this.partSizes = partSizes;
        Workers w = new Workers(parts, "wayfinder-inference");
        this.workers = w;
        this.split = null;
        this.cleanable = CLEANER.register(this, w::close);
    }

    /** The backend this context runs on now: the plan's, or its host backend once the device has failed. */
    public String activeBackend() {
        return device != null || !plan.onDevice() ? plan.backend() : plan.hostBackend();
    }

    /** The plan this context runs. */
    public ExecutionPlan plan() {
        return plan;
    }

    /**
     * Copies input {@code index} in from {@code data} (row-major, exactly the input's size in floats).
     * Inputs keep their values across runs until set again.
     */
    public void setInput(int index, float[] data) {
        ExecutionPlan.Binding b = plan.inputs().get(index);
        int size = b.shape().size();
        if (data.length != size) {
            throw new IllegalArgumentException("input '" + b.name() + "' of shape " + b.shape() + " needs " + size
                    + " floats, got " + data.length);
        }
        if (parts == null) {
            System.arraycopy(data, 0, arena, b.offset(), size);
            return;
        }
        int perImage = size / plan.batch();
        for (int i = 0, from = 0; i < parts.length; i++) {
            int n = partSizes[i] * perImage;
            ExecutionContext p = parts[i];
            System.arraycopy(data, from, p.arena, p.plan.inputs().get(index).offset(), n);
            from += n;
        }
    }

    /**
     * Copies one image's slice of input {@code index} into row {@code row} of the batch: the input's size divided
     * by the batch, from {@code src[srcOffset..]}. Other rows keep their values. For a plan whose inputs lead with
     * the batch dimension (every input of a graph with a dynamic batch).
     */
    public void setInputRow(int index, int row, float[] src, int srcOffset) {
        ExecutionPlan.Binding b = plan.inputs().get(index);
        int per = rowSize(b, row, src.length - srcOffset, "input", "holds");
        if (parts == null) {
            System.arraycopy(src, srcOffset, arena, b.offset() + row * per, per);
            return;
        }
        for (int i = 0, r = row; i < parts.length; r -= partSizes[i], i++) {
            if (r < partSizes[i]) {
                ExecutionContext p = parts[i];
                System.arraycopy(src, srcOffset, p.arena, p.plan.inputs().get(index).offset() + r * per, per);
                return;
            }
        }
    }

    /** Copies row {@code row} of output {@code index} (its size divided by the batch) into {@code dst[dstOffset..]}. */
    public void getOutputRow(int index, int row, float[] dst, int dstOffset) {
        ExecutionPlan.Binding b = plan.outputs().get(index);
        int per = rowSize(b, row, dst.length - dstOffset, "output", "has room for");
        if (parts == null) {
            System.arraycopy(arena, b.offset() + row * per, dst, dstOffset, per);
            return;
        }
        for (int i = 0, r = row; i < parts.length; r -= partSizes[i], i++) {
            if (r < partSizes[i]) {
                ExecutionContext p = parts[i];
                System.arraycopy(p.arena, p.plan.outputs().get(index).offset() + r * per, dst, dstOffset, per);
                return;
            }
        }
    }

    private int rowSize(ExecutionPlan.Binding b, int row, int available, String kind, String verb) {
        int batch = plan.batch();
        if (row < 0 || row >= batch) {
            throw new IndexOutOfBoundsException(kind + " '" + b.name() + "': row " + row + " outside the batch of " + batch);
        }
        int per = b.shape().size() / batch;
        if (available < per) {
            throw new IllegalArgumentException(kind + " '" + b.name() + "' of shape " + b.shape() + " needs " + per
                    + " floats per row, the array " + verb + " " + Math.max(0, available) + " from the offset");
        }
        return per;
    }

    /**
     * Runs every step of the plan. A context on a device whose run fails (device lost, out of memory, a failed
     * launch) warns once ({@link DeviceFallback}) and runs this and every later call on the CPU.
     */
    public void run() {
        if (device != null) {
            try {
                device.run(arena);
                return;
            } catch (Exception | LinkageError e) {
                DeviceFallback.warn(plan.backend(), plan.hostBackend(), "running", e);
                device.close();
                device = null;
            }
        }
        if (workers != null) {
            workers.run();
        } else if (split != null) {
            split.run();
        } else {
            plan.execute(arena);
        }
    }

    /**
     * Runs the plan {@code runs} times and returns the total nanoseconds spent in each step (in the order of
     * {@link ExecutionPlan#describe()}): a rough per-kernel profile, for diagnosis rather than benchmarking.
     * A context split by batch profiles its first part alone, on the calling thread; one that splits layers times
     * each step with all its threads, hand-offs included.
     */
    public long[] profile(int runs) {
        if (parts != null) {
            return parts[0].profile(runs);
        }
        long[] nanos = new long[plan.describe().size()];
        if (device != null) {
            try {
                device.profile(arena, nanos, runs);
                return nanos;
            } catch (Exception | LinkageError e) {
                DeviceFallback.warn(plan.backend(), plan.hostBackend(), "profiling", e);
                device.close();
                device = null;
                java.util.Arrays.fill(nanos, 0);
            }
        }
        for (int r = 0; r < runs; r++) {
            if (split != null) {
                split.profile(nanos);
            } else {
                plan.profile(arena, nanos);
            }
        }
        return nanos;
    }

    /** Copies output {@code index} into {@code dst}, which must hold at least the output's size in floats. */
    public void getOutput(int index, float[] dst) {
        ExecutionPlan.Binding b = plan.outputs().get(index);
        int size = b.shape().size();
        if (dst.length < size) {
            throw new IllegalArgumentException("output '" + b.name() + "' of shape " + b.shape() + " needs " + size
                    + " floats, got room for " + dst.length);
        }
        if (parts == null) {
            System.arraycopy(arena, b.offset(), dst, 0, size);
            return;
        }
        int perImage = size / plan.batch();
        for (int i = 0, to = 0; i < parts.length; i++) {
            int n = partSizes[i] * perImage;
            ExecutionContext p = parts[i];
            System.arraycopy(p.arena, p.plan.outputs().get(index).offset(), dst, to, n);
            to += n;
        }
    }

    /** Convenience (allocates): output {@code index} as a new array. */
    public float[] output(int index) {
        float[] out = new float[plan.outputs().get(index).shape().size()];
        getOutput(index, out);
        return out;
    }

    /** Single-input, single-output convenience: set input 0, run, copy output 0 into {@code output}. */
    public void run(float[] input, float[] output) {
        setInput(0, input);
        run();
        getOutput(0, output);
    }

    /** Stops this context's worker threads, if it has any; it cannot run afterwards. Idempotent. */
    @Override
    public void close() {
        if (cleanable != null) {
            cleanable.clean();
        }
    }

    /** Parts of split layers that this context's workers (not the caller) have run; 0 without split layers. */
    long partsRunByWorkers() {
        return split == null ? 0 : split.partsRunByWorkers();
    }

    /** Ids of this context's worker threads (empty when it runs on the caller alone). */
    long[] workerThreadIds() {
        return workers != null ? workers.workerIds() : split != null ? split.workerIds() : new long[0];
    }
}
