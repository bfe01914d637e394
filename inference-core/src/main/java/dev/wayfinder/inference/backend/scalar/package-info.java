/**
 * The scalar reference backend: plain loops, accumulating in double, written for obviousness. It is the
 * oracle every other backend is tested against, and always available.
 */
package dev.wayfinder.inference.backend.scalar;
