package dev.wayfinder.policy.work;

import dev.wayfinder.policy.rollout.Rollouts;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;

import java.util.List;
import java.util.Optional;

/**
 * Runs an {@link EpisodeJob} in this JVM, on the calling thread: one {@link Rollouts} of {@code min(envs, episodes)}
 * envs over the job's range (with the camera, its OpenGL renderer lives on this thread for the job's duration).
 * The in-process executor and every cluster worker run jobs through here, so a job gives the same result wherever it
 * runs.
 */
public final class LocalEpisodes {
    private LocalEpisodes() {
    }

    /**
     * What one thread keeps between jobs so that consecutive jobs of the same scenario and env count do not start a
     * renderer and compile the network again: the last {@link Rollouts} and the last compiled network. Reusing them
     * does not change results (an episode depends on its job and index only). Use and close it on one thread.
     */
    public static final class Cache implements AutoCloseable {
        private Rollouts rollouts;
        private String rolloutsKey;
        private InferencePolicy net;
        private String netKey;

        Rollouts rollouts(EpisodeJob job, int envs) {
            ScenarioText t = job.scenario();
            String key = t.variant() + "\n" + t.factor() + "\n" + envs + "\n" + job.camera() + "\n" + t.source() + "\n"
                    + t.yaml();
            if (!key.equals(rolloutsKey)) {
                close();
                rollouts = new Rollouts(List.of(t.scenario()), envs, job.camera());
                rolloutsKey = key;
            }
            return rollouts;
        }

        InferencePolicy net(PolicyWeights w, String weightsKey, int envs) {
            String key = weightsKey + "/" + envs;
            if (!key.equals(netKey)) {
                net = new InferencePolicy(w, envs);
                netKey = key;
            }
            return net;
        }

        @Override
        public void close() {
            if (rollouts != null) {
                rollouts.close();
            }
            rollouts = null;
            rolloutsKey = null;
            net = null;
            netKey = null;
        }
    }

    /**
     * Runs {@code job} with rollouts of its own.
     *
     * @param weights  the job's weights (null when its driver needs none)
     * @param listener sees every step (GIFs); only in the process that asked for the job
     * @param ranOn    names this process in the result
     */
    public static JobResult run(EpisodeJob job, PolicyWeights weights, Optional<Rollouts.Listener> listener,
                                String ranOn) {
        try (Cache cache = new Cache()) {
            return run(job, weights, listener, ranOn, cache);
        }
    }

    /** {@link #run(EpisodeJob, PolicyWeights, Optional, String)}, reusing what {@code cache} holds. */
    public static JobResult run(EpisodeJob job, PolicyWeights weights, Optional<Rollouts.Listener> listener,
                                String ranOn, Cache cache) {
        return run(job, weights, listener, ranOn, cache, null);
    }

    /**
     * As {@link #run(EpisodeJob, PolicyWeights, Optional, String, Cache)}; with {@code served} (a trained policy's
     * evaluation job) the network runs through that inference server's client, envs stepped as replies come.
     */
    public static JobResult run(EpisodeJob job, PolicyWeights weights, Optional<Rollouts.Listener> listener,
                                String ranOn, Cache cache, dev.wayfinder.inference.server.InferenceServer.Client served) {
        if (job.weightsKey() != null && weights == null) {
            throw new IllegalArgumentException("job " + job.describe() + " needs weights " + job.weightsKey());
        }
        int envs = Math.min(job.envs(), job.episodes());
        Rollouts r = cache.rollouts(job, envs);
        r.sensors(job.sensors().sensors());
        r.shield(job.shield().orElse(null));
        Optional<InferencePolicy> net = weights == null || served != null ? Optional.empty()
                : Optional.of(cache.net(weights, job.weightsKey(), envs));
        SampleBuffer samples = null;
        if (job.collect()) {
            NetworkSpec spec = weights.spec();
            samples = new SampleBuffer(spec.width() * spec.height() * 3, spec.sampleFloats());
        }
        Rollouts.Outcome out = served != null ? r.runServed(job.plan(), weights.spec(), served, listener)
                : r.run(job.plan(), net, Optional.ofNullable(samples), listener);
        return new JobResult(job.firstIndex(), job.episodes(), JobResult.inIndexOrder(out.episodes(), job.split()),
                out.steps(), job.weightsVersion(), samples == null ? new byte[0] : samples.toBytes(),
                samples == null ? 0 : samples.count(), ranOn);
    }
}
