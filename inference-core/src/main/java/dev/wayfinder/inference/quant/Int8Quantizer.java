package dev.wayfinder.inference.quant;

import dev.wayfinder.inference.backend.KernelSpec;

/**
 * Symmetric per-output-channel INT8 quantization of dense weights: scale[m] = max|w[m, :]| / 127,
 * q = round(w / scale) clamped to -127..127. Activations stay float; kernels dequantize on the fly, which pays
 * for memory-bound (small batch, large weight) layers. Stateless.
 */
public final class Int8Quantizer {

    private Int8Quantizer() {
    }

    /** The INT8 form of a float dense layer (same extents, bias and activation). */
    public static KernelSpec.DenseInt8 quantize(KernelSpec.Dense d) {
        int k = d.k();
        byte[] q = new byte[d.m() * k];
        float[] scale = new float[d.m()];
        float[] w = d.weight();
        for (int m = 0; m < d.m(); m++) {
            float max = 0f;
            for (int i = 0; i < k; i++) {
                max = Math.max(max, Math.abs(w[m * k + i]));
            }
            float s = max > 0f ? max / 127f : 1f;
            scale[m] = s;
            for (int i = 0; i < k; i++) {
                int v = Math.round(w[m * k + i] / s);
                q[m * k + i] = (byte) Math.max(-127, Math.min(127, v));
            }
        }
        return new KernelSpec.DenseInt8(d.n(), k, d.m(), q, scale, d.bias(), d.activation());
    }
}
