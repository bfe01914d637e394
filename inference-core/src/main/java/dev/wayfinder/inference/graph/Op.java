package dev.wayfinder.inference.graph;

import java.util.Arrays;

/**
 * An operator of the static graph. Each record is one operator with its attributes, named and defined as its
 * ONNX counterpart (opset 13); tensor operands (weights included) are node inputs, not attributes. Immutable:
 * array attributes are copied in and out. (Record equality compares arrays by identity; compare graphs through
 * their file form.)
 */
public sealed interface Op {

    /** The operator type as in ONNX, e.g. {@code "Conv"}. */
    String type();

    /** The minimum number of node inputs; one unless the op says otherwise. */
    default int minInputs() {
        return 1;
    }

    /** The maximum number of node inputs; one unless the op says otherwise. */
    default int maxInputs() {
        return 1;
    }

    private static int[] positive(String what, int[] v, int n) {
        if (v == null || v.length != n) {
            throw new IllegalArgumentException(what + " must have " + n + " values, got " + Arrays.toString(v));
        }
        for (int x : v) {
            if (x < 1) {
                throw new IllegalArgumentException(what + " must be >= 1, got " + Arrays.toString(v));
            }
        }
        return v.clone();
    }

    private static int[] checkPads(int[] v) {
        if (v == null || v.length != 4) {
            throw new IllegalArgumentException("pads must have 4 values (top, left, bottom, right), got " + Arrays.toString(v));
        }
        for (int x : v) {
            if (x < 0) {
                throw new IllegalArgumentException("pads must be >= 0, got " + Arrays.toString(v));
            }
        }
        return v.clone();
    }

    /**
     * 2-D convolution; inputs X [N,C,H,W], W [M,C/group,kH,kW], optional B [M].
     *
     * @param kernel    {kH, kW}
     * @param strides   {sH, sW}, each >= 1
     * @param pads      {top, left, bottom, right} (ONNX order), each >= 0
     * @param dilations {dH, dW}, each >= 1
     * @param group     >= 1; equal to C for depthwise
     */
    record Conv(int[] kernel, int[] strides, int[] pads, int[] dilations, int group) implements Op {
        public Conv {
            kernel = positive("kernel", kernel, 2);
            strides = positive("strides", strides, 2);
            pads = checkPads(pads);
            dilations = positive("dilations", dilations, 2);
            if (group < 1) {
                throw new IllegalArgumentException("group must be >= 1, got " + group);
            }
        }

        public int[] kernel() { return kernel.clone(); }
        public int[] strides() { return strides.clone(); }
        public int[] pads() { return pads.clone(); }
        public int[] dilations() { return dilations.clone(); }

        public String type() { return "Conv"; }
        public int minInputs() { return 2; }
        public int maxInputs() { return 3; }
    }

    /** Y = alpha * A' B' + beta * C, with A' = transA ? A^T : A, likewise B; C broadcast to [M, N]. */
    record Gemm(float alpha, float beta, boolean transA, boolean transB) implements Op {
        public String type() { return "Gemm"; }
        public int minInputs() { return 2; }
        public int maxInputs() { return 3; }
    }

    /** Matrix product with numpy broadcasting of leading axes (ranks >= 2). */
    record MatMul() implements Op {
        public String type() { return "MatMul"; }
        public int minInputs() { return 2; }
        public int maxInputs() { return 2; }
    }

    /** Element-wise sum with numpy broadcasting. */
    record Add() implements Op {
        public String type() { return "Add"; }
        public int minInputs() { return 2; }
        public int maxInputs() { return 2; }
    }

    /** Element-wise product with numpy broadcasting. */
    record Mul() implements Op {
        public String type() { return "Mul"; }
        public int minInputs() { return 2; }
        public int maxInputs() { return 2; }
    }

    /** Concatenation along {@code axis} (negative counts from the end). */
    record Concat(int axis) implements Op {
        public String type() { return "Concat"; }
        public int maxInputs() { return 1 << 16; }
    }

    /** Reshape to 2-D: axes before {@code axis} form the first dimension. */
    record Flatten(int axis) implements Op {
        public String type() { return "Flatten"; }
    }

    /** Reshape; a 0 copies the input's extent, one -1 is inferred (ONNX semantics, allowzero = 0). */
    record Reshape(int[] shape) implements Op {
        public Reshape {
            shape = shape.clone();
            int inferred = 0;
            for (int s : shape) {
                if (s < -1) {
                    throw new IllegalArgumentException("reshape extents must be >= -1, got " + Arrays.toString(shape));
                }
                inferred += s == -1 ? 1 : 0;
            }
            if (inferred > 1) {
                throw new IllegalArgumentException("at most one reshape extent may be -1, got " + Arrays.toString(shape));
            }
        }

        public int[] shape() { return shape.clone(); }

        public String type() { return "Reshape"; }
    }

    /** max(x, 0). */
    record Relu() implements Op {
        public String type() { return "Relu"; }
    }

    /** x if x >= 0 else alpha * x. */
    record LeakyRelu(float alpha) implements Op {
        public String type() { return "LeakyRelu"; }
    }

    /** Hyperbolic tangent. */
    record Tanh() implements Op {
        public String type() { return "Tanh"; }
    }

    /** 1 / (1 + exp(-x)). */
    record Sigmoid() implements Op {
        public String type() { return "Sigmoid"; }
    }

    /** Softmax along one axis (opset 13 semantics). */
    record Softmax(int axis) implements Op {
        public String type() { return "Softmax"; }
    }

    /** 2-D max pooling over NCHW; padding never wins the max. */
    record MaxPool(int[] kernel, int[] strides, int[] pads) implements Op {
        public MaxPool {
            kernel = positive("kernel", kernel, 2);
            strides = positive("strides", strides, 2);
            pads = checkPads(pads);
        }

        public int[] kernel() { return kernel.clone(); }
        public int[] strides() { return strides.clone(); }
        public int[] pads() { return pads.clone(); }

        public String type() { return "MaxPool"; }
    }

    /** 2-D average pooling over NCHW. */
    record AveragePool(int[] kernel, int[] strides, int[] pads, boolean countIncludePad) implements Op {
        public AveragePool {
            kernel = positive("kernel", kernel, 2);
            strides = positive("strides", strides, 2);
            pads = checkPads(pads);
        }

        public int[] kernel() { return kernel.clone(); }
        public int[] strides() { return strides.clone(); }
        public int[] pads() { return pads.clone(); }

        public String type() { return "AveragePool"; }
    }

    /** Mean over H and W of NCHW, giving [N, C, 1, 1]. */
    record GlobalAveragePool() implements Op {
        public String type() { return "GlobalAveragePool"; }
    }

    /** Inference-mode batch normalization; inputs X, scale, B, mean, var (all but X constant). */
    record BatchNormalization(float epsilon) implements Op {
        public BatchNormalization {
            if (!(epsilon >= 0f)) {
                throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
            }
        }

        public String type() { return "BatchNormalization"; }
        public int minInputs() { return 5; }
        public int maxInputs() { return 5; }
    }
}
