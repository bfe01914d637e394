package dev.wayfinder.inference.backend;

/**
 * A kernel provider, discovered through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.wayfinder.inference.backend.Backend}). Implementations are stateless and
 * thread-safe, and need a public no-argument constructor.
 */
public interface Backend {

    /** A short unique name, e.g. {@code "vector"}; selectable with {@code -Dwayfinder.inference.backend=NAME}. */
    String name();

    /** Preference among available backends: higher wins. The scalar reference has rank 0. */
    int rank();

    /** Whether this backend can run here (e.g. its module or device is present). Must not throw. */
    boolean isAvailable();

    /**
     * Why this backend is unavailable here, in words a user can act on (what to install, what is missing); empty
     * when it is available. Must not throw.
     */
    default String unavailableReason() {
        return isAvailable() ? "" : "not available on this machine";
    }

    /**
     * Builds the kernel for one step. Every backend supports every spec (delegating where it has nothing faster).
     *
     * @param spec the lowered step, its weight arrays already in final form (read-only)
     * @return an immutable kernel
     */
    Kernel kernel(KernelSpec spec);
}
