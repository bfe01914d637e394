package dev.wayfinder.policy.work;

import dev.wayfinder.policy.rollout.Rollouts;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.scenarios.model.Scenario;

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
     * Runs {@code job}.
     *
     * @param weights  the job's weights (null when its driver needs none)
     * @param listener sees every step (GIFs); only in the process that asked for the job
     * @param ranOn    names this process in the result
     */
    public static JobResult run(EpisodeJob job, PolicyWeights weights, Optional<Rollouts.Listener> listener,
                                String ranOn) {
        if (job.weightsKey() != null && weights == null) {
            throw new IllegalArgumentException("job " + job.describe() + " needs weights " + job.weightsKey());
        }
        Scenario s = job.scenario().scenario();
        int envs = Math.min(job.envs(), job.episodes());
        try (Rollouts r = new Rollouts(List.of(s), envs, job.camera())) {
            r.sensors(job.sensors().sensors());
            job.shield().ifPresent(r::shield);
            Optional<InferencePolicy> net = weights == null ? Optional.empty()
                    : Optional.of(new InferencePolicy(weights, envs));
            SampleBuffer samples = null;
            if (job.collect()) {
                NetworkSpec spec = weights.spec();
                samples = new SampleBuffer(spec.width() * spec.height() * 3, spec.sampleFloats());
            }
            Rollouts.Outcome out = r.run(job.plan(), net, Optional.ofNullable(samples), listener);
            return new JobResult(job.firstIndex(), job.episodes(), JobResult.inIndexOrder(out.episodes(), job.split()),
                    out.steps(), job.weightsVersion(), samples == null ? new byte[0] : samples.toBytes(),
                    samples == null ? 0 : samples.count(), ranOn);
        }
    }
}
