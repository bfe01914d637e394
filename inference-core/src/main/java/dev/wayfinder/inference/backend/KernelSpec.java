package dev.wayfinder.inference.backend;

import dev.wayfinder.inference.tensor.Shape;

/**
 * A lowered, shape-resolved step, as the compiler hands it to a backend. Weight arrays are owned by the spec
 * and must be treated as read-only; all extents are >= 1 unless stated.
 */
public sealed interface KernelSpec {

    /**
     * 2-D convolution over NCHW with bias and a fused activation. Input [n,c,h,w], output [n,m,oh,ow].
     *
     * @param weight [m, c/groups, kh, kw]
     * @param bias   [m]
     */
    record Conv2d(int n, int c, int h, int w, int m, int kh, int kw, int strideH, int strideW, int padTop,
                  int padLeft, int dilationH, int dilationW, int groups, int oh, int ow, float[] weight,
                  float[] bias, Activation activation) implements KernelSpec {
        public Conv2d {
            if (weight.length != m * (c / groups) * kh * kw || bias.length != m) {
                throw new IllegalArgumentException("conv weight/bias sizes do not match the extents");
            }
        }
    }

    /**
     * Fully connected layer: out[n, m] = act(sum_k x[n, k] * weight[m, k] + bias[m]).
     *
     * @param weight [m, k] (output-channel major), float
     * @param bias   [m]
     */
    record Dense(int n, int k, int m, float[] weight, float[] bias, Activation activation) implements KernelSpec {
        public Dense {
            if (weight.length != m * k || bias.length != m) {
                throw new IllegalArgumentException("dense weight/bias sizes do not match the extents");
            }
        }
    }

    /**
     * Dense layer with weight-only INT8: weight[m, k] = q[m, k] * scale[m] (symmetric per output channel).
     *
     * @param q     [m, k] in -127..127
     * @param scale [m], > 0
     */
    record DenseInt8(int n, int k, int m, byte[] q, float[] scale, float[] bias, Activation activation)
            implements KernelSpec {
        public DenseInt8 {
            if (q.length != m * k || scale.length != m || bias.length != m) {
                throw new IllegalArgumentException("int8 dense sizes do not match the extents");
            }
        }
    }

    /**
     * Batched matrix product of two runtime values: out[b] = a[b] (n x k) * b[b] (k x m). A batch stride of 0
     * broadcasts that operand over the batch.
     */
    record MatMul(int batch, int n, int k, int m, int aBatchStride, int bBatchStride) implements KernelSpec {
    }

    /** Element-wise binary operation with numpy broadcasting of {@code a} and {@code b} to {@code out}. */
    record Binary(BinaryOp op, Shape a, Shape b, Shape out) implements KernelSpec {
    }

    /** The binary operations. */
    enum BinaryOp { ADD, MUL }

    /** An activation applied to {@code size} contiguous values. */
    record Unary(Activation activation, int size) implements KernelSpec {
    }

    /** Softmax along the middle axis of a [outer, axis, inner] view. */
    record Softmax(int outer, int axis, int inner) implements KernelSpec {
    }

    /** 2-D max or average pooling over NCHW; input [n,c,h,w], output [n,c,oh,ow]. */
    record Pool(boolean max, int n, int c, int h, int w, int kh, int kw, int strideH, int strideW, int padTop,
                int padLeft, int oh, int ow, boolean countIncludePad) implements KernelSpec {
    }

    /** Concatenation: each of {@code outer} rows takes {@code chunks[i]} contiguous floats from input i. */
    record Concat(int outer, int[] chunks) implements KernelSpec {
    }
}
