package dev.wayfinder.inference.compile;

/**
 * One thread's working memory for an {@link ExecutionPlan}: set the inputs, {@link #run()}, read the outputs.
 * Not thread-safe: confine each context to one thread at a time. Setting inputs, running and reading outputs
 * into caller-owned arrays allocate nothing.
 */
public final class ExecutionContext {
    private final ExecutionPlan plan;
    private final float[] arena;

    ExecutionContext(ExecutionPlan plan, float[] arena) {
        this.plan = plan;
        this.arena = arena;
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
        System.arraycopy(data, 0, arena, b.offset(), size);
    }

    /** Runs every step of the plan. */
    public void run() {
        plan.execute(arena);
    }

    /**
     * Runs the plan {@code runs} times and returns the total nanoseconds spent in each step (in the order of
     * {@link ExecutionPlan#describe()}): a rough per-kernel profile, for diagnosis rather than benchmarking.
     */
    public long[] profile(int runs) {
        long[] nanos = new long[plan.describe().size()];
        for (int r = 0; r < runs; r++) {
            plan.profile(arena, nanos);
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
        System.arraycopy(arena, b.offset(), dst, 0, size);
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
}
