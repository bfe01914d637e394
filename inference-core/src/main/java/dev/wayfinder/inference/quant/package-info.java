/** Weight-only INT8 quantization (symmetric, per output channel) of dense layers. */
package dev.wayfinder.inference.quant;
