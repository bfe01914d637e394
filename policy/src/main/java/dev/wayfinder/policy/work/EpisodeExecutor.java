package dev.wayfinder.policy.work;

import dev.wayfinder.policy.data.SampleSink;
import dev.wayfinder.policy.rollout.Rollouts;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Runs episode jobs somewhere: in this JVM ({@link InProcessExecutor}, the default) or spread over other processes.
 * An implementation must give the results {@link LocalEpisodes} gives for the same jobs: it may cut a job into
 * consecutive ranges and run them anywhere, since an episode depends only on its job and its split index, but must
 * merge them in split-index order, count each index once, and run a range again when the process running it is lost.
 * Engines other than the in-process one are found with {@link java.util.ServiceLoader} through {@link Provider}
 * ({@link EpisodeExecutors}).
 */
public interface EpisodeExecutor extends AutoCloseable {
    /** An engine that connects to a cluster by address. */
    interface Provider {
        /** The engine's name ("hazelcast"). */
        String name();

        /**
         * Connects to the cluster a member of which listens at {@code address} (HOST:PORT).
         *
         * @param shardEpisodes split indices per range a job is cut into, &gt;= 1 (the unit of work, and of
         *                      what is run again when a worker is lost)
         * @param select        which workers may get work, by their attributes ({@code KEY=VALUE} or
         *                      {@code KEY>=NUMBER} terms, all of which must hold; empty: every worker)
         * @param log           progress and warnings (members excluded, ranges run again)
         * @throws IllegalArgumentException with a message for the user when nothing usable answers there (bounded
         *                                  in time) or a {@code select} term is malformed
         */
        EpisodeExecutor connect(String address, int shardEpisodes, java.util.List<String> select, PrintStream log);
    }

    /** Says where jobs run, for logs ("in this process", "3 workers of the cluster at HOST:PORT"). */
    String describe();

    /** Whether jobs run in this JVM (listeners, such as the evaluation's GIFs, then see their steps). */
    boolean local();

    /**
     * Runs every job.
     *
     * @param weights   the weights the jobs name, by key
     * @param listeners per job (by position), what sees its steps; honoured only by a {@link #local()} executor
     * @return per job (by position), its result with the episodes in split-index order
     */
    List<JobResult> run(List<EpisodeJob> jobs, Map<String, WeightsBlob> weights,
                        IntFunction<Optional<Rollouts.Listener>> listeners) throws IOException;

    /**
     * Runs one DAgger collection round ({@link CollectRound}): shards accepted in order until their steps reach the
     * budget, each accepted shard's samples handed to {@code sink} whole and in order.
     */
    CollectRound.Collected collect(CollectRound round, WeightsBlob weights, SampleSink sink) throws IOException;

    @Override
    void close();
}
