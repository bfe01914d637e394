package dev.wayfinder.inference.compile;

import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Backends;

/**
 * How to compile a graph.
 *
 * @param batch      the batch size substituted for dynamic input dimension 0 (>= 1)
 * @param backend    the kernel provider
 * @param int8Dense  whether dense layers use weight-only INT8 (per output channel, symmetric)
 */
public record CompileOptions(int batch, Backend backend, boolean int8Dense) {

    public CompileOptions {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (backend == null) {
            throw new IllegalArgumentException("backend must not be null");
        }
    }

    /** Batch {@code batch} on the preferred backend ({@link Backends#preferred()}), float weights. */
    public static CompileOptions batch(int batch) {
        return new CompileOptions(batch, Backends.preferred(), false);
    }

    /** A copy using {@code backend}. */
    public CompileOptions withBackend(Backend backend) {
        return new CompileOptions(batch, backend, int8Dense);
    }

    /** A copy with INT8 dense layers switched on or off. */
    public CompileOptions withInt8Dense(boolean on) {
        return new CompileOptions(batch, backend, on);
    }
}
