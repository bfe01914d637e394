package dev.wayfinder.inference.graph;

import java.util.Arrays;

/**
 * A graph input: its name and declared shape. Dimension 0 may be {@code -1}, meaning the batch size chosen
 * at compile time; all other dimensions are fixed.
 *
 * @param name non-empty
 * @param dims the declared extents (copied)
 */
public record ValueInfo(String name, int[] dims) {

    public ValueInfo {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a graph input needs a non-empty name");
        }
        dims = dims.clone();
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < (i == 0 ? -1 : 0)) {
                throw new IllegalArgumentException("input '" + name + "' dimension " + i + " is " + dims[i]
                        + "; expected >= 0 (or -1 for a dynamic batch at dimension 0)");
            }
        }
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueInfo v && name.equals(v.name) && Arrays.equals(dims, v.dims);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(dims);
    }
}
