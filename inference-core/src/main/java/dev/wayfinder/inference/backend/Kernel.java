package dev.wayfinder.inference.backend;

/**
 * One compiled step of an execution plan. A kernel is immutable and may run on many threads at once, each
 * with its own arena; it must not allocate on the heap in {@link #run}.
 */
public interface Kernel {

    /**
     * Computes the step.
     *
     * @param arena   the context's float arena holding all activations
     * @param inputs  offsets of the input values in the arena, in the spec's order (not modified)
     * @param output  offset of the output value; never overlaps an input
     * @param scratch offset of this step's scratch area of {@link #scratchFloats()} floats
     */
    void run(float[] arena, int[] inputs, int output, int scratch);

    /** Floats of scratch space needed per run (default 0). */
    default int scratchFloats() {
        return 0;
    }

    /**
     * Whether this kernel's scratch must keep its contents between runs (default false). Such scratch is
     * never shared with other values, starts zeroed, and may hold state the kernel writes once, such as the
     * zero border of a padded copy.
     */
    default boolean persistentScratch() {
        return false;
    }
}
