package dev.wayfinder.policy.work;

import dev.wayfinder.policy.rollout.Driver;
import dev.wayfinder.policy.rollout.SimRobot;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * An episode's outcome depends on its job and its split index only: not on how many envs ran the job, nor on how the
 * job's range was cut. This is what lets the cluster spread a job over workers and still give the local numbers.
 */
@ExtendWith(NeedsEgl.class)
class EpisodePlacementTest {
    private static final long SEED = 17;
    private static final EpisodeJob.SensorsData SENSORS = EpisodeJob.SensorsData.of(SimRobot.Sensors.RGBD_MAP);

    private static JobResult run(EpisodeJob job, PolicyWeights w) {
        return LocalEpisodes.run(job, w, Optional.empty(), "test");
    }

    @Test
    void randomEpisodesAreTheSameOnOneEnvOnThreeAndCutIntoRanges() {
        EpisodeJob job = new EpisodeJob(ScenarioText.of("empty-arena"), Driver.RANDOM, 0, Split.VALIDATION, 0, 6, SEED,
                1, 1, false, SENSORS, null, null, 0, false);
        JobResult one = run(job, null);
        JobResult three = run(job.range(0, 6).withEnvs(3), null);
        assertEquals(one.outcomes(), three.outcomes(), "seed " + SEED);
        JobResult cut = JobResult.merge(List.of(run(job.range(0, 2), null), run(job.range(2, 1), null),
                run(job.range(3, 3), null)), "test");
        assertEquals(one.outcomes(), cut.outcomes(), "seed " + SEED);
        assertEquals(6, one.outcomes().size());
        // Another plan seed gives other random episodes: the seed is used.
        assertNotEquals(one.outcomes(), run(new EpisodeJob(job.scenario(), Driver.RANDOM, 0, Split.VALIDATION, 0, 6,
                SEED + 1, 1, 1, false, SENSORS, null, null, 0, false), null).outcomes());
    }

    @Test
    void theShieldsSampledOrderAndDaggersMixtureDoNotDependOnTheEnv() {
        PolicyWeights w = PolicyWeights.random(new NetworkSpec(32, 32, List.of(8, 8), 16, 6), SEED);
        WeightsBlob blob = WeightsBlob.of(w, 1);
        EpisodeJob shielded = new EpisodeJob(ScenarioText.of("empty-arena"), Driver.POLICY, 0, Split.TEST, 0, 3, SEED,
                1, 1, true, SENSORS, EpisodeJob.ShieldData.of(SafetyShield.Settings.TRAINING), blob.key(), 1, false);
        assertEquals(run(shielded, w).outcomes(), run(shielded.withEnvs(2), w).outcomes(), "seed " + SEED);
        EpisodeJob mixed = new EpisodeJob(ScenarioText.of("empty-arena"), Driver.MIXED, 0.5, Split.TRAIN, 4, 3, SEED,
                0.5, 1, true, SENSORS, null, blob.key(), 1, true);
        JobResult a = run(mixed, w);
        JobResult b = run(mixed.withEnvs(3), w);
        assertEquals(a.outcomes(), b.outcomes(), "seed " + SEED);
        assertEquals(a.steps(), a.sampleCount());
        // The samples interleave differently over 1 and 3 envs; each episode's own samples are the same.
        assertEquals(a.sampleCount(), b.sampleCount());
        int imageBytes = 32 * 32 * 3;
        var sa = new SampleBuffer(imageBytes, w.spec().sampleFloats());
        var sb = new SampleBuffer(imageBytes, w.spec().sampleFloats());
        try {
            SampleBuffer.replay(a.samples(), a.sampleCount(), imageBytes, w.spec().sampleFloats(), sa);
            SampleBuffer.replay(b.samples(), b.sampleCount(), imageBytes, w.spec().sampleFloats(), sb);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(sa.count(), sb.count());
        byte[] one = a.samples().clone();
        byte[] three = b.samples().clone();
        java.util.Arrays.sort(one);
        java.util.Arrays.sort(three);
        assertArrayEquals(one, three, "the same bytes, in another order, seed " + SEED);
    }

    @Test
    void anEvaluationJobServedByTheInferenceServerGivesTheSameEpisodes() {
        PolicyWeights w = PolicyWeights.random(new NetworkSpec(32, 32, List.of(8, 8), 16, 6), SEED);
        WeightsBlob blob = WeightsBlob.of(w, 1);
        // Through the shield, whose sampled action order starts over at each episode from the plan's seed.
        EpisodeJob job = new EpisodeJob(ScenarioText.of("empty-arena"), Driver.POLICY, 0, Split.TEST, 0, 8, SEED, 1, 4,
                true, SENSORS, EpisodeJob.ShieldData.of(SafetyShield.Settings.TRAINING), blob.key(), 1, false);
        java.util.Map<String, WeightsBlob> weights = java.util.Map.of(blob.key(), blob);
        List<JobResult> plain;
        List<JobResult> served;
        try (InProcessExecutor sync = new InProcessExecutor()) {
            plain = sync.run(List.of(job), weights, j -> Optional.empty());
        }
        try (InProcessExecutor batched = new InProcessExecutor(4)) {
            served = batched.run(List.of(job), weights, j -> Optional.empty());
        }
        assertEquals(8, plain.get(0).outcomes().size());
        assertEquals(plain.get(0).outcomes(), served.get(0).outcomes(), "4 envs, batches of 4, seed " + SEED);
    }
}
