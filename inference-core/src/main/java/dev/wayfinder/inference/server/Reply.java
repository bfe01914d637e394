package dev.wayfinder.inference.server;

/**
 * The answer to one accepted request; every accepted request gets exactly one.
 *
 * @param tag            the caller's tag from the submission, unchanged
 * @param status         how it ended
 * @param weightsVersion the version of the weights that computed the outputs ({@link Status#OK}); for the other
 *                       statuses the version current when the request was answered
 * @param outputs        the caller's output arrays, filled for {@link Status#OK} (one row of each graph output)
 * @param batchRows      requests in the batch that computed it (0 unless {@link Status#OK} or {@link Status#FAILED})
 * @param planBatch      the compiled batch size that batch ran at (at least {@code batchRows}; the rest padding)
 * @param latencyNanos   from acceptance to this reply
 * @param error          what went wrong for {@link Status#FAILED}, otherwise null
 */
public record Reply(long tag, Status status, long weightsVersion, float[][] outputs, int batchRows, int planBatch,
                    long latencyNanos, Throwable error) {

    /** How a request ended. */
    public enum Status {
        /** Computed; the outputs are filled. */
        OK,
        /** Its deadline passed while it was still queued; it was not run. */
        TIMED_OUT,
        /** The server was shut down with {@link InferenceServer#shutdownNow()} while it was queued; not run. */
        CANCELLED,
        /** The batch it was in failed (a kernel threw); {@link #error()} says why. */
        FAILED
    }

    /** Whether the outputs were computed. */
    public boolean ok() {
        return status == Status.OK;
    }
}
