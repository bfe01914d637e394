package dev.wayfinder.inference.backend.scalar;

import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;

/** Element-wise add or multiply with numpy broadcasting, through per-axis strides (0 on broadcast axes). */
final class ScalarBinary implements Kernel {
    private final boolean add;
    private final int[] outDims;
    private final int[] strideA;
    private final int[] strideB;
    private final int size;

    ScalarBinary(KernelSpec.Binary s) {
        add = s.op() == KernelSpec.BinaryOp.ADD;
        outDims = s.out().dims();
        strideA = strides(s.a().dims(), outDims);
        strideB = strides(s.b().dims(), outDims);
        size = s.out().size();
    }

    /** Strides of {@code dims} aligned right against {@code out}, 0 where the operand broadcasts. */
    static int[] strides(int[] dims, int[] out) {
        int[] st = new int[out.length];
        int stride = 1;
        for (int i = out.length - 1; i >= 0; i--) {
            int j = i - (out.length - dims.length);
            int d = j >= 0 ? dims[j] : 1;
            st[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return st;
    }

    @Override
    public void run(float[] arena, int[] in, int out, int scratch) {
        int r = outDims.length;
        for (int idx = 0; idx < size; idx++) {
            int rem = idx;
            int ia = in[0];
            int ib = in[1];
            for (int d = r - 1; d >= 0; d--) {
                int coord = rem % outDims[d];
                rem /= outDims[d];
                ia += coord * strideA[d];
                ib += coord * strideB[d];
            }
            arena[out + idx] = add ? arena[ia] + arena[ib] : arena[ia] * arena[ib];
        }
    }
}
