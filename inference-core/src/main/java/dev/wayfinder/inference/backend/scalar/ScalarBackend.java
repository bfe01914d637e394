package dev.wayfinder.inference.backend.scalar;

import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;

/** The reference backend ({@code "scalar"}, rank 0). Stateless and thread-safe. */
public final class ScalarBackend implements Backend {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public Kernel kernel(KernelSpec spec) {
        return switch (spec) {
            case KernelSpec.Conv2d s -> new ScalarConv(s);
            case KernelSpec.Dense s -> new ScalarDense(s);
            case KernelSpec.DenseInt8 s -> new ScalarDenseInt8(s);
            case KernelSpec.MatMul s -> new ScalarMatMul(s);
            case KernelSpec.Binary s -> new ScalarBinary(s);
            case KernelSpec.Unary s -> (arena, in, out, scratch) -> {
                for (int i = 0; i < s.size(); i++) {
                    arena[out + i] = s.activation().apply(arena[in[0] + i]);
                }
            };
            case KernelSpec.Softmax s -> new ScalarSoftmax(s);
            case KernelSpec.Pool s -> new ScalarPool(s);
            case KernelSpec.Concat s -> (arena, in, out, scratch) -> {
                int o = out;
                for (int r = 0; r < s.outer(); r++) {
                    for (int i = 0; i < s.chunks().length; i++) {
                        int len = s.chunks()[i];
                        System.arraycopy(arena, in[i] + r * len, arena, o, len);
                        o += len;
                    }
                }
            };
        };
    }
}
