package dev.wayfinder.inference.backend.device;

import java.util.List;

/**
 * One kernel launch of a loaded plan, in terms both dialects share: the kernel's name, its arguments in order, and
 * the global and local (work-group, block) sizes in three dimensions, each global size a whole multiple of the
 * local one. CUDA launches {@code global[d] / local[d]} blocks of {@code local[d]} threads.
 */
public record Launch(String kernel, List<Arg> args, int[] global, int[] local) {

    public Launch {
        args = List.copyOf(args);
        global = global.clone();
        local = local.clone();
        if (global.length != 3 || local.length != 3) {
            throw new IllegalArgumentException("launch sizes need 3 dimensions");
        }
        for (int d = 0; d < 3; d++) {
            if (local[d] < 1 || global[d] < local[d] || global[d] % local[d] != 0) {
                throw new IllegalArgumentException(kernel + ": global size " + global[d] + " is no positive multiple of "
                        + local[d] + " in dimension " + d);
            }
        }
    }

    @Override
    public int[] global() {
        return global.clone();
    }

    @Override
    public int[] local() {
        return local.clone();
    }

    /** Blocks per dimension (CUDA's grid). */
    public int blocks(int d) {
        return global[d] / local[d];
    }

    /** The plan-wide buffers a kernel argument can name. */
    public enum Buffer {
        /** The context's arena: inputs, activations, outputs. */
        ARENA,
        /** The plan's float weights, biases and int8 scales. */
        WEIGHTS,
        /** The plan's int8 weights. */
        QUANT,
        /** The plan's integer metadata (broadcast extents and strides). */
        META
    }

    /** A kernel argument. */
    public sealed interface Arg {
    }

    /** A buffer argument. */
    public record BufferArg(Buffer buffer) implements Arg {
    }

    /** A 32-bit integer argument. */
    public record IntArg(int value) implements Arg {
    }

    /** A 32-bit float argument. */
    public record FloatArg(float value) implements Arg {
    }
}
