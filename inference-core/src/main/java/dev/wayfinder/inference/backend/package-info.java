/**
 * The backend seam: a {@link dev.wayfinder.inference.backend.Backend} turns each lowered
 * {@link dev.wayfinder.inference.backend.KernelSpec} into a {@link dev.wayfinder.inference.backend.Kernel}.
 * Backends are found with {@link java.util.ServiceLoader} and chosen by {@link dev.wayfinder.inference.backend.Backends}.
 */
package dev.wayfinder.inference.backend;
