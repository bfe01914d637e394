package dev.wayfinder.policy.eval;

import dev.wayfinder.policy.rollout.Driver;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.policy.rollout.Rollouts;
import dev.wayfinder.policy.rollout.SimRobot;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.render.NeedsEgl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model that ships in models/ loads, and drives an easy scenario it was not trained on through the robot
 * boundary (RGB-D camera, odometry, the nominal static map with the obstacle layer, the safety shield), so eval,
 * deployment and the studio work on a fresh clone without training.
 */
@ExtendWith(NeedsEgl.class)
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
            r.sensors(SimRobot.Sensors.RGBD_MAP.withObstacleLayer(true));
            r.shield(SafetyShield.Settings.DEFAULT);
            var out = r.run(new Rollouts.Plan(Driver.POLICY, 0, Split.TEST, 0, Long.MAX_VALUE, episodes, seed),
                    Optional.of(new InferencePolicy(w, 4)), Optional.empty(), Optional.empty());
            long ok = out.episodes().stream().filter(EpisodeOutcome::success).count();
            long hit = out.episodes().stream().filter(EpisodeOutcome::collision).count();
            System.out.println("shipped model, empty arena: " + ok + " of " + out.episodes().size() + " reached, " + hit
                    + " collided");
            // Measured: 5 of these 8 (0.78 on 32 test episodes); the failures are time-outs of a robot turning left
            // and right in open space (models/cluttered-room-rgbd-map/README.md). The bound keeps a regression of the
            // robot-side pipeline from passing unnoticed; random actions reach none.
            assertTrue(ok >= 4 && hit == 0, ok + " of " + out.episodes().size() + " empty-arena test episodes reached, "
                    + hit + " collided (sampling seed " + seed + "): " + out.episodes());
        }
    }
}
