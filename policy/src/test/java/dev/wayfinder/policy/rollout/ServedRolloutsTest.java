package dev.wayfinder.policy.rollout;

import dev.wayfinder.inference.server.InferenceServer;
import dev.wayfinder.inference.server.Priority;
import dev.wayfinder.policy.eval.TrainedModel;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rollouts through the inference server (asynchronous mode: more envs than a batch holds, each decided when its own
 * reply is in) give the synchronous rollouts' episodes seed for seed, outcome for outcome.
 */
@ExtendWith(NeedsEgl.class)
class ServedRolloutsTest {
    private static final Path MODEL = Path.of("..", "models", "cluttered-room-rgbd-map");
    private static final Comparator<EpisodeOutcome> BY_SEED = Comparator.comparingLong(EpisodeOutcome::seed);

    private static List<EpisodeOutcome> sorted(List<EpisodeOutcome> list) {
        List<EpisodeOutcome> out = new ArrayList<>(list);
        out.sort(BY_SEED);
        return out;
    }

    @Test
    void servedRolloutsMatchTheSynchronousOnesSeedForSeed() throws Exception {
        TrainedModel m = TrainedModel.load(MODEL);
        var s = ScenarioLibrary.load("empty-arena");
        int envs = 8;
        int episodes = 10;
        long seed = 3;
        Rollouts.Plan plan = new Rollouts.Plan(Driver.POLICY, 0, Split.VALIDATION, 0, Long.MAX_VALUE, episodes, seed);
        List<EpisodeOutcome> sync;
        List<EpisodeOutcome> served;
        try (Rollouts r = new Rollouts(List.of(s), envs, true)) {
            r.sensors(m.sensors());
            sync = sorted(r.run(plan, Optional.of(new InferencePolicy(m.weights(), envs)), Optional.empty(),
                    Optional.empty()).episodes());
            // Batches of at most 4 for 8 envs: envs wait for each other's batches in an order set by the timing.
            try (InferenceServer server = Rollouts.serve(m.weights(), 4)) {
                var out = r.runServed(plan, m.weights().spec(), server.client("eval", Priority.NORMAL), Optional.empty());
                served = sorted(out.episodes());
                var metrics = server.metrics();
                assertEquals(out.steps(), metrics.completed(), metrics.toString());
                assertTrue(metrics.batches() >= out.steps() / 4, metrics.toString());
            }
        }
        assertEquals(episodes, sync.size());
        assertEquals(sync, served, "validation episodes 0.." + (episodes - 1) + " of empty-arena, plan seed " + seed);
    }

    /** A recurrent network's hidden state travels in each env's own reply, as in the batched run. */
    @Test
    void aRecurrentNetworkServedMatchesTheSynchronousRun() throws Exception {
        long seed = 29;
        PolicyWeights w = PolicyWeights.random(NetworkSpec.DEFAULT.withRecurrentUnits(32), seed);
        var s = ScenarioLibrary.load("empty-arena");
        int envs = 4;
        Rollouts.Plan plan = new Rollouts.Plan(Driver.POLICY, 0, Split.TEST, 0, 600, 4, seed);
        List<EpisodeOutcome> sync;
        List<EpisodeOutcome> served;
        try (Rollouts r = new Rollouts(List.of(s), envs, true)) {
            r.sensors(SimRobot.Sensors.RGBD_MAP);
            sync = sorted(r.run(plan, Optional.of(new InferencePolicy(w, envs)), Optional.empty(), Optional.empty())
                    .episodes());
            try (InferenceServer server = Rollouts.serve(w, 4)) {
                served = sorted(r.runServed(plan, w.spec(), server.client("eval", Priority.NORMAL), Optional.empty())
                        .episodes());
            }
            var e = assertThrows(IllegalArgumentException.class, () -> {
                try (InferenceServer server = Rollouts.serve(w, 4)) {
                    r.runServed(new Rollouts.Plan(Driver.MIXED, 0.5, Split.TEST, 0, 10, 1, seed), w.spec(),
                            server.client("x", Priority.LOW), Optional.empty());
                }
            });
            assertTrue(e.getMessage().contains("policy driver only"), e.getMessage());
        }
        assertEquals(sync, served, "seed " + seed + ": test episodes of empty-arena");
    }
}
