package dev.wayfinder.inference.backend;

/**
 * An element-wise activation, possibly fused into a preceding kernel.
 *
 * @param kind  which function
 * @param alpha the negative slope for {@link Kind#LEAKY_RELU}; ignored otherwise
 */
public record Activation(Kind kind, float alpha) {

    /** The supported functions. */
    public enum Kind { NONE, RELU, LEAKY_RELU, TANH, SIGMOID }

    /** No activation. */
    public static final Activation NONE = new Activation(Kind.NONE, 0f);
    /** max(x, 0). */
    public static final Activation RELU = new Activation(Kind.RELU, 0f);

    public Activation {
        if (kind == null || !Float.isFinite(alpha)) {
            throw new IllegalArgumentException("activation needs a kind and a finite alpha");
        }
    }

    /** Applies the function to one value (the scalar reference definition). */
    public float apply(float x) {
        return switch (kind) {
            case NONE -> x;
            case RELU -> x > 0f ? x : 0f;
            case LEAKY_RELU -> x >= 0f ? x : alpha * x;
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
        };
    }
}
