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

    /**
     * Floats (for the whole batch) of a private layout in which this kernel can read its first input directly,
     * skipping its own input copy, when the step producing that input writes it so; 0 (the default) when it has
     * none. See {@link #writingLinked}.
     */
    default int linkedInputFloats() {
        return 0;
    }

    /**
     * A kernel computing the same as this one but writing its output in {@code consumer}'s private input layout
     * ({@link #linkedInputFloats()}), or null (the default) when it cannot. The compiler links two steps only when
     * the consumer is the value's sole reader and the value is no graph output; it then runs
     * {@code consumer.readingLinked()} in place of the consumer and gives the value a buffer of its own of
     * {@code consumer.linkedInputFloats()} floats, zero at the start and never shared, so that slots the producer
     * never writes (padding) stay zero.
     */
    default Kernel writingLinked(Kernel consumer) {
        return null;
    }

    /** This kernel reading its first input in its private layout; called only after a producer linked to it. */
    default Kernel readingLinked() {
        throw new UnsupportedOperationException("no linked input layout");
    }

    /**
     * Into how many independent parts (for example blocks of output channels) one run of this kernel can be
     * divided so that several threads compute one image together ({@link #runPart}); 1 (the default) when it
     * cannot be split.
     */
    default int splitUnits() {
        return 1;
    }

    /**
     * Computes part {@code part} of {@code parts} of the output: all parts together compute exactly what
     * {@link #run} computes, with the same arithmetic per output value, and no two parts write the same output
     * float. Parts may run at the same time on different threads sharing one arena; each thread passes a scratch
     * area of its own of {@link #scratchFloats()} floats (persistent per thread when {@link #persistentScratch()}),
     * which parts that run one after the other on the same thread reuse. A part may be empty. Called only when
     * {@link #splitUnits()} is above 1.
     */
    default void runPart(float[] arena, int[] inputs, int output, int scratch, int part, int parts) {
        throw new UnsupportedOperationException("kernel cannot split its output");
    }
}
