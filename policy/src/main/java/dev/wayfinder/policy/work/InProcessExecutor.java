package dev.wayfinder.policy.work;

import dev.wayfinder.inference.server.InferenceServer;
import dev.wayfinder.inference.server.Priority;
import dev.wayfinder.policy.data.SampleSink;
import dev.wayfinder.policy.rollout.Driver;
import dev.wayfinder.policy.rollout.Rollouts;
import dev.wayfinder.robot.net.PolicyWeights;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Runs jobs one after another on the calling thread, each whole, consecutive jobs of one scenario sharing their
 * rollouts: the default executor.
 */
public final class InProcessExecutor implements EpisodeExecutor {
    private final int servedBatch;
    /** One inference server per weights, when served. */
    private final Map<String, InferenceServer> servers = new HashMap<>();

    /** Policy steps batched over a job's envs, synchronously (the default). */
    public InProcessExecutor() {
        this(0);
    }

    /**
     * @param servedBatch above 0: evaluation jobs of the trained policy run through one batching inference server per
     *                    weights, batches of at most this many (rounded up to a multiple of 4), each env stepped as
     *                    its reply comes ({@link Rollouts#runServed}); the same episodes and results as without it
     *                    when a job's envs are a multiple of 4. 0: synchronous.
     */
    public InProcessExecutor(int servedBatch) {
        if (servedBatch < 0) {
            throw new IllegalArgumentException("served batch must be >= 0 (0: synchronous), got " + servedBatch);
        }
        this.servedBatch = servedBatch;
    }

    private InferenceServer.Client served(EpisodeJob job, PolicyWeights w) {
        if (servedBatch == 0 || w == null || job.driver() != Driver.POLICY || job.collect()) {
            return null;
        }
        return servers.computeIfAbsent(job.weightsKey(), k -> Rollouts.serve(w, servedBatch))
                .client("evaluation", Priority.NORMAL);
    }
    @Override
    public String describe() {
        return "in this process";
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public List<JobResult> run(List<EpisodeJob> jobs, Map<String, WeightsBlob> weights,
                               IntFunction<Optional<Rollouts.Listener>> listeners) {
        Map<String, PolicyWeights> parsed = new HashMap<>();
        List<JobResult> out = new ArrayList<>();
        try (LocalEpisodes.Cache cache = new LocalEpisodes.Cache()) {
            for (int j = 0; j < jobs.size(); j++) {
                EpisodeJob job = jobs.get(j);
                PolicyWeights w = job.weightsKey() == null ? null
                        : parsed.computeIfAbsent(job.weightsKey(), k -> blob(weights, k).weights());
                out.add(LocalEpisodes.run(job, w, listeners.apply(j), "local", cache, served(job, w)));
            }
        }
        return out;
    }

    @Override
    public CollectRound.Collected collect(CollectRound round, WeightsBlob weights, SampleSink sink)
            throws IOException {
        PolicyWeights w = weights.weights();
        int imageBytes = w.spec().width() * w.spec().height() * 3;
        long steps = 0;
        long samples = 0;
        int episodes = 0;
        int k = 0;
        try (LocalEpisodes.Cache cache = new LocalEpisodes.Cache()) {
            while (steps < round.stepBudget()) {
                JobResult r = LocalEpisodes.run(round.shard(k), w, Optional.empty(), "local", cache);
                SampleBuffer.replay(r.samples(), r.sampleCount(), imageBytes, w.spec().sampleFloats(), sink);
                steps += r.steps();
                samples += r.sampleCount();
                episodes += r.outcomes().size();
                k++;
            }
        }
        return new CollectRound.Collected(k, steps, samples, episodes, (long) k * round.shardEpisodes());
    }

    static WeightsBlob blob(Map<String, WeightsBlob> weights, String key) {
        WeightsBlob b = weights.get(key);
        if (b == null) {
            throw new IllegalArgumentException("a job names weights " + key + ", which were not given");
        }
        return b;
    }

    @Override
    public void close() {
        for (InferenceServer s : servers.values()) {
            s.close();
        }
        servers.clear();
    }
}
