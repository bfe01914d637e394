package dev.wayfinder.inference.backend.device;

/** One context's device state. Not thread-safe: used by one thread at a time, like its context. */
public interface DeviceSession extends AutoCloseable {

    /**
     * Runs the plan once: copies the plan's inputs out of {@code arena} (the host arena, laid out as the plan says;
     * constants are uploaded once, at the first run), runs every step on the device, and copies the outputs back
     * into {@code arena}. Only output ranges of {@code arena} are written.
     *
     * @throws DeviceException on any device error; the session is unusable afterwards
     */
    void run(float[] arena) throws DeviceException;

    /**
     * Runs the plan {@code runs} times, waiting for each step, and adds each step's nanoseconds (transfers counted
     * in the first and last step) to {@code nanos}.
     */
    void profile(float[] arena, long[] nanos, int runs) throws DeviceException;

    @Override
    void close();
}
