/** Value types for tensor shapes and constant tensors (float32, row-major, NCHW for images). */
package dev.wayfinder.inference.tensor;
