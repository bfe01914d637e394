package dev.wayfinder.inference.server;

/**
 * How urgently a client's requests are served. A batch is filled from the highest priority that has requests
 * waiting before any lower one is looked at (strict priority: a steady stream at a higher priority holds lower ones
 * back until their timeouts answer them); within one priority, clients take turns.
 */
public enum Priority {
    /** Robots and anything a person waits on: deployment, interactive use. */
    HIGH,
    /** Evaluation and validation. */
    NORMAL,
    /** Training rollouts and other bulk work. */
    LOW
}
