package dev.wayfinder.inference.tensor;

import java.util.Arrays;

/**
 * The dimensions of a dense, row-major tensor. Immutable and thread-safe.
 *
 * @param dims the extent of each axis (each {@code >= 0}); the array is copied in and out
 */
public record Shape(int[] dims) {

    /** The largest element count a shape may describe: tensors live in Java float arrays. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 64;

    public Shape {
        if (dims == null) {
            throw new IllegalArgumentException("dims must not be null");
        }
        dims = dims.clone();
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("dimension " + i + " of " + Arrays.toString(dims)
                        + " is negative; expected >= 0");
            }
            n *= dims[i];
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than "
                        + MAX_ELEMENTS + " elements");
            }
        }
    }

    /** Shorthand for {@code new Shape(dims)}. */
    public static Shape of(int... dims) {
        return new Shape(dims);
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** The number of axes. */
    public int rank() {
        return dims.length;
    }

    /** The extent of axis {@code i}; negative {@code i} counts from the end. */
    public int dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    /** The number of elements (1 for a scalar shape). */
    public int size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return (int) n;
    }

    /** The product of the extents of axes {@code [from, to)}. */
    public int sizeOf(int from, int to) {
        long n = 1;
        for (int i = from; i < to; i++) {
            n *= dims[i];
        }
        return (int) n;
    }

    /** A copy with axis {@code i} set to {@code value}. */
    public Shape withDim(int i, int value) {
        int[] d = dims.clone();
        d[i] = value;
        return new Shape(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
