/** Export of trained policies to the inference-core model format and to ONNX, verified against DJL. */
package dev.wayfinder.policy.export;
