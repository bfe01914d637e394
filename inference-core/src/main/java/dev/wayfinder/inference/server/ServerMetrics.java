package dev.wayfinder.inference.server;

import java.util.Locale;

/**
 * A snapshot of an {@link InferenceServer}'s counters, taken at one moment (plain values: inference-core has no
 * metrics library; a module that has one can publish these).
 *
 * @param queueDepth        requests waiting now
 * @param maxQueueDepth     the most that ever waited at once
 * @param accepted          requests accepted since the start
 * @param refusedFull       submissions refused because the queue stayed full until their deadline (or at once, for
 *                          {@code trySubmit})
 * @param refusedClosed     submissions refused because the server was shutting down
 * @param completed         replies with {@link Reply.Status#OK}
 * @param timedOut          replies with {@link Reply.Status#TIMED_OUT}
 * @param cancelled         replies with {@link Reply.Status#CANCELLED}
 * @param failed            replies with {@link Reply.Status#FAILED}
 * @param batches           batches run
 * @param paddedRows        rows of compiled plans that ran without a request (padding up to a compiled size)
 * @param batchRows         histogram: {@code batchRows[k]} batches held k requests
 * @param latencyP50Micros  median time from acceptance to reply, over every reply so far (about 6 % resolution)
 * @param latencyP99Micros  99th percentile of the same
 * @param latencyMaxMicros  the largest bucket reached
 * @param completionErrors  reply handlers that threw (the server carries on)
 * @param weightsVersion    the version of the weights new batches use
 */
public record ServerMetrics(int queueDepth, int maxQueueDepth, long accepted, long refusedFull, long refusedClosed,
                            long completed, long timedOut, long cancelled, long failed, long batches, long paddedRows,
                            long[] batchRows, double latencyP50Micros, double latencyP99Micros,
                            double latencyMaxMicros, long completionErrors, long weightsVersion) {

    public ServerMetrics {
        batchRows = batchRows.clone();
    }

    @Override
    public long[] batchRows() {
        return batchRows.clone();
    }

    /** Replies given so far, whatever their status. */
    public long answered() {
        return completed + timedOut + cancelled + failed;
    }

    /** Mean requests per batch (0 before the first). */
    public double meanBatchRows() {
        long n = 0;
        long rows = 0;
        for (int k = 0; k < batchRows.length; k++) {
            n += batchRows[k];
            rows += (long) k * batchRows[k];
        }
        return n == 0 ? 0 : (double) rows / n;
    }

    /** One line for logs. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "queue %d (max %d), accepted %d, ok %d, timed out %d, cancelled %d, failed %d,"
                        + " refused %d full / %d closed, %d batches of %.1f rows (%d padded rows), latency p50 %.0f µs"
                        + " p99 %.0f µs, weights v%d", queueDepth, maxQueueDepth, accepted, completed, timedOut,
                cancelled, failed, refusedFull, refusedClosed, batches, meanBatchRows(), paddedRows, latencyP50Micros,
                latencyP99Micros, weightsVersion);
    }
}
