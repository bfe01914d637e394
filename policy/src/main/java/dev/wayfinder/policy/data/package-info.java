/**
 * The imitation dataset on disk (compressed chunks, written atomically), bounded-memory batch sampling with
 * augmentation, and crash-safe file writes.
 */
package dev.wayfinder.policy.data;
