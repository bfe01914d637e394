package dev.wayfinder.policy.rollout;

import dev.wayfinder.randomization.Split;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.wayfinder.render.NeedsEgl;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The privileged expert, driven through {@link Rollouts}, solves randomized cluttered-room episodes (imitation
 * depends on it), and a fixed quota runs exactly the requested split indices.
 */
@ExtendWith(NeedsEgl.class)
class ExpertRolloutsTest {
    @Test
    void expertReachesMostRandomizedGoals() throws Exception {
        var s = ScenarioLibrary.load("cluttered-room");
        try (Rollouts r = new Rollouts(List.of(s), 4, false)) {
            var out = r.run(new Rollouts.Plan(Driver.EXPERT, 1, Split.VALIDATION, 0, Long.MAX_VALUE, 12, 3),
                    Optional.empty(), Optional.empty(), Optional.empty());
            assertTrue(out.episodes().size() <= 12 && out.episodes().size() >= 10, "quota: " + out.episodes().size());
            assertEquals(out.episodes().size(), out.episodes().stream().map(EpisodeOutcome::seed).distinct().count());
            for (EpisodeOutcome e : out.episodes()) {
                assertEquals(Split.VALIDATION, Split.of(e.seed()).orElseThrow());
                assertTrue(Split.VALIDATION.index(e.seed()) < 12, "index within the quota: " + e);
            }
            long ok = out.episodes().stream().filter(EpisodeOutcome::success).count();
            double spl = out.episodes().stream().mapToDouble(EpisodeOutcome::spl).average().orElse(0);
            assertTrue(ok >= 0.9 * out.episodes().size() && spl > 0.7,
                    "validation seeds 0..11: " + ok + " successes, SPL " + spl + ": " + out.episodes());
        }
    }

    @Test
    void recordedSamplesCarryTheFramesDepthProfile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var spec = dev.wayfinder.robot.net.NetworkSpec.DEFAULT;
        var chunk = expertSamples(spec, dir);
        int stride = chunk.stateSize();
        int near = 0;
        for (int k = 0; k < chunk.size(); k++) {
            for (int b = 0; b < dev.wayfinder.robot.net.NetworkSpec.AUX_TARGETS; b++) {
                float v = chunk.states()[k * stride + spec.stateSize() + b];
                assertTrue(v >= 0 && v <= 1, "sample " + k + " strip " + b + ": " + v);
                near += v < 0.5 ? 1 : 0;
            }
        }
        // A 5 x 5 m room with a dozen obstacles: walls and obstacles within 1.5 m are seen in many strips.
        assertTrue(near > chunk.size(), near + " strips nearer than 1.5 m in " + chunk.size() + " samples");
    }

    @Test
    void aNetworkWithMemoryRemembersObstaclesThatLeftTheView(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        int sectors = 16;
        var spec = dev.wayfinder.robot.net.NetworkSpec.DEFAULT.withMemorySectors(sectors);
        var chunk = expertSamples(spec, dir);
        int stride = chunk.stateSize();
        int behind = 0;
        int ahead = 0;
        for (int k = 0; k < chunk.size(); k++) {
            for (int q = 0; q < sectors; q++) {
                float v = chunk.states()[k * stride + spec.memoryOffset() + q];
                assertTrue(v >= 0 && v <= 1, "sample " + k + " sector " + q + ": " + v);
                // Sectors 5..11 lie 101..259 degrees from the heading, far outside the 90-degree view.
                if (v < 1 && q >= 5 && q <= 11) {
                    behind++;
                } else if (v < 1 && (q <= 1 || q >= 15)) {
                    ahead++;
                }
            }
        }
        // The expert turns and drives past furniture: what it saw stays remembered behind and beside it.
        assertTrue(behind > chunk.size() / 4, behind + " remembered sectors behind in " + chunk.size() + " samples");
        assertTrue(ahead > chunk.size() / 2, ahead + " remembered sectors ahead in " + chunk.size() + " samples");
    }

    /** The first chunk of samples recorded while the expert drives 600 steps of the cluttered room in two envs. */
    private static dev.wayfinder.policy.data.Chunk expertSamples(dev.wayfinder.robot.net.NetworkSpec spec,
                                                                 java.nio.file.Path dir) throws Exception {
        var ds = new dev.wayfinder.policy.data.Dataset(dir, spec.width() * spec.height() * 3, spec.sampleFloats());
        try (Rollouts r = new Rollouts(List.of(ScenarioLibrary.load("cluttered-room")), 2, true)) {
            var policy = new dev.wayfinder.robot.net.InferencePolicy(
                    dev.wayfinder.robot.net.PolicyWeights.random(spec, 1), 2);
            r.run(new Rollouts.Plan(Driver.EXPERT, 1, Split.TRAIN, 0, 600, Integer.MAX_VALUE, 1),
                    Optional.of(policy), Optional.of(ds), Optional.empty());
        }
        ds.flush();
        var chunk = ds.read(0);
        assertEquals(spec.sampleFloats(), chunk.stateSize());
        return chunk;
    }
}
