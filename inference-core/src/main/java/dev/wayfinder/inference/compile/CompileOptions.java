package dev.wayfinder.inference.compile;

import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Backends;

/**
 * How to compile a graph.
 *
 * @param batch      the batch size substituted for dynamic input dimension 0 (>= 1)
 * @param backend    the kernel provider
 * @param int8Dense  whether dense layers use weight-only INT8 (per output channel, symmetric)
 * @param threads    threads one context uses for a batch (>= 1, default 1): with more than one, each context
 *                   splits the batch into parts of whole multiples of 4 images (the last part takes the rest)
 *                   and runs them on a small pool of its own, created once with the context; a batch of 4 or
 *                   fewer images is not split by images: below {@code threads} images, layers of at least
 *                   {@code 250,000} FLOP whose kernels can split their output (vector convolutions by output
 *                   channels, vector dense layers by output columns) are shared out over the threads, the rest
 *                   runs on the calling thread; otherwise everything runs on the calling thread
 */
public record CompileOptions(int batch, Backend backend, boolean int8Dense, int threads) {

    public CompileOptions {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in 1..256, got " + threads);
        }
        if (backend == null) {
            throw new IllegalArgumentException("backend must not be null");
        }
    }

    /** Single-threaded options (see {@link #threads()}). */
    public CompileOptions(int batch, Backend backend, boolean int8Dense) {
        this(batch, backend, int8Dense, 1);
    }

    /** Batch {@code batch} on the preferred backend ({@link Backends#preferred()}), float weights. */
    public static CompileOptions batch(int batch) {
        return new CompileOptions(batch, Backends.preferred(), false);
    }

    /** A copy using {@code backend}. */
    public CompileOptions withBackend(Backend backend) {
        return new CompileOptions(batch, backend, int8Dense, threads);
    }

    /** A copy with INT8 dense layers switched on or off. */
    public CompileOptions withInt8Dense(boolean on) {
        return new CompileOptions(batch, backend, on, threads);
    }

    /** A copy that splits a batch over {@code n} threads per context (see {@link #threads()}). */
    public CompileOptions withThreads(int n) {
        return new CompileOptions(batch, backend, int8Dense, n);
    }
}
