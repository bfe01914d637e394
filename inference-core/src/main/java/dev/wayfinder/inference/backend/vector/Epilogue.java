package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.Activation;

/** Activations the vector kernels do not fuse into registers (all but ReLU), applied in place afterwards. */
final class Epilogue {
    private Epilogue() {
    }

    /** Whether {@link #apply} has work to do for {@code a}. */
    static boolean needed(Activation a) {
        return a.kind() != Activation.Kind.NONE && a.kind() != Activation.Kind.RELU;
    }

    static void apply(Activation a, float[] x, int from, int len) {
        for (int i = from; i < from + len; i++) {
            x[i] = a.apply(x[i]);
        }
    }
}
