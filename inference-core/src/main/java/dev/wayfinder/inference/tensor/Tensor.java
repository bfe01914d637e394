package dev.wayfinder.inference.tensor;

import java.util.Arrays;

/**
 * A constant float32 tensor (a weight or other initializer). Immutable once constructed: the data array is
 * copied in, and {@link #data()} returns a copy; kernels read it through {@link #copyInto(float[], int)}.
 *
 * @param shape its shape
 * @param data  its elements in row-major order, exactly {@code shape.size()} of them
 */
public record Tensor(Shape shape, float[] data) {

    public Tensor {
        if (shape == null || data == null) {
            throw new IllegalArgumentException("shape and data must not be null");
        }
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("tensor of shape " + shape + " needs " + shape.size()
                    + " elements, got " + data.length);
        }
        data = data.clone();
    }

    /** Shorthand for {@code new Tensor(Shape.of(dims), data)}. */
    public static Tensor of(float[] data, int... dims) {
        return new Tensor(Shape.of(dims), data);
    }

    @Override
    public float[] data() {
        return data.clone();
    }

    /** Element {@code i} in row-major order. */
    public float get(int i) {
        return data[i];
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** Copies all elements into {@code dst} at {@code offset}. */
    public void copyInto(float[] dst, int offset) {
        System.arraycopy(data, 0, dst, offset, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && shape.equals(t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + shape;
    }
}
