package dev.wayfinder.inference.backend.device;

/**
 * A plan loaded on a device: built kernels and uploaded weights, shared by every context of the plan. Thread-safe.
 * Closing it (or losing the plan) frees its device memory; sessions must be closed first.
 */
public interface DeviceProgram extends AutoCloseable {

    /**
     * A session for one execution context: its own device arena, queue or stream, and pinned staging memory.
     *
     * @throws DeviceException when the device cannot hold another arena
     */
    DeviceSession newSession() throws DeviceException;

    @Override
    void close();
}
