package dev.wayfinder.policy.eval;

import dev.wayfinder.policy.rollout.Driver;
import dev.wayfinder.policy.rollout.EpisodeResult;
import dev.wayfinder.policy.rollout.Rollouts;
import dev.wayfinder.policy.rollout.SimRobot;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model that ships in models/ loads, and drives an easy scenario it was not trained on through the robot
 * boundary (RGB-D camera, odometry, the nominal static map, the safety shield), so eval, deployment and the studio
 * work on a fresh clone without training.
 */
class ShippedModelTest {
    static final Path MODEL = Path.of("..", "models", "cluttered-room-rgbd-map", "policy.weights");

    @Test
    void theShippedModelLoadsAndReachesGoalsInAnEmptyArena() throws Exception {
        assertTrue(Files.exists(MODEL), "the shipped model is missing: " + MODEL.toAbsolutePath());
        PolicyWeights w = PolicyWeights.fromBytes(Files.readAllBytes(MODEL), MODEL.toString());
        assertTrue(w.spec().followsRoute(), "the shipped model follows a route on the static map");
        var s = ScenarioLibrary.load("empty-arena");
        int episodes = 8;
        long seed = 5;
        try (Rollouts r = new Rollouts(List.of(s), 4, true)) {
            r.sensors(SimRobot.Sensors.RGBD_MAP);
            r.shield(SafetyShield.Settings.DEFAULT);
            var out = r.run(new Rollouts.Plan(Driver.POLICY, 0, Split.TEST, 0, Long.MAX_VALUE, episodes, seed),
                    Optional.of(new InferencePolicy(w, 4)), Optional.empty(), Optional.empty());
            long ok = out.episodes().stream().filter(EpisodeResult::success).count();
            assertTrue(ok >= episodes - 1, ok + " of " + out.episodes().size() + " empty-arena test episodes reached"
                    + " (sampling seed " + seed + "): " + out.episodes());
        }
    }
}
