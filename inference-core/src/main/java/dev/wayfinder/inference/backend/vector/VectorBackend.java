package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;
import dev.wayfinder.inference.backend.scalar.ScalarBackend;

/**
 * The SIMD backend ({@code "vector"}, rank 10), available when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} and the preferred species has at least 8 float lanes.
 * Stateless and thread-safe. This class names no vector type, so loading it is safe without the module.
 */
public final class VectorBackend implements Backend {
    private final ScalarBackend fallback = new ScalarBackend();

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public boolean isAvailable() {
        try {
            return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && Lanes.floats() >= 8;
        } catch (Throwable e) {
            return false;
        }
    }

    @Override
    public Kernel kernel(KernelSpec spec) {
        return switch (spec) {
            case KernelSpec.Conv2d s -> VectorConv.of(s);
            case KernelSpec.Dense s -> new VectorDense(s);
            case KernelSpec.DenseInt8 s -> new VectorDenseInt8(s);
            case KernelSpec.MatMul s -> new VectorMatMul(s);
            case KernelSpec.Binary s when s.a().equals(s.out()) && s.b().equals(s.out()) -> new VectorBinary(s);
            default -> fallback.kernel(spec);
        };
    }
}
