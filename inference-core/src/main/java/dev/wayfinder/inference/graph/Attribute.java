package dev.wayfinder.inference.graph;

import java.util.Arrays;

/** An operator attribute value, as stored in model files and ONNX: an integer, a float, lists of them, or a string. */
public sealed interface Attribute {

    /** A 64-bit integer attribute. */
    record Int(long value) implements Attribute {
    }

    /** A float attribute. */
    record Float(float value) implements Attribute {
    }

    /** A list of integers; the array is copied in. */
    record Ints(long[] values) implements Attribute {
        public Ints {
            values = values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ints i && Arrays.equals(values, i.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    /** A list of floats; the array is copied in. */
    record Floats(float[] values) implements Attribute {
        public Floats {
            values = values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Floats f && Arrays.equals(values, f.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** A string attribute. */
    record Str(String value) implements Attribute {
        public Str {
            if (value == null) {
                throw new IllegalArgumentException("value must not be null");
            }
        }
    }
}
