/**
 * Training kernels: what a gradient step of the policy network needs beyond inference (patch gathering into tiles
 * and its adjoint, the convolution's forward, weight-gradient and input-gradient products, the ReLU's backward pass,
 * general products for dense layers, Adam) and {@link dev.wayfinder.inference.train.WorkSplit}, which runs a call's
 * chunks on several threads with the same result as one. Policy's {@code CoreLearner} composes them into the
 * network's step. JDK only (the Vector API).
 */
package dev.wayfinder.inference.train;
