/**
 * The Wayfinder model file ({@code .wfm}): a compact, checksummed, little-endian binary form of a
 * {@link dev.wayfinder.inference.graph.Graph}. The layout is documented in inference-core/README.md.
 * Reading validates everything and fails with {@link dev.wayfinder.inference.format.ModelFormatException}.
 */
package dev.wayfinder.inference.format;
