package dev.wayfinder.policy.rollout;

import dev.wayfinder.randomization.Split;
import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classical baseline ({@link Driver#PLANNER}) drives from robot inputs only: the shipped model's route settings,
 * the nominal map, the depth camera's obstacles and the shield; the network's weights are never run.
 */
@ExtendWith(NeedsEgl.class)
class PlannerDriverTest {
    private static final Path MODEL = Path.of("..", "models", "cluttered-room-rgbd-map", "policy.weights");

    @Test
    void theLocalPlannerReachesGoalsAndNeedsTheShield() throws Exception {
        PolicyWeights w = PolicyWeights.fromBytes(Files.readAllBytes(MODEL), MODEL.toString());
        // Random weights of the same shape: the planner's decisions must not depend on the network at all.
        PolicyWeights noise = PolicyWeights.random(w.spec(), 99);
        var s = ScenarioLibrary.load("empty-arena");
        long seed = 5;
        List<EpisodeOutcome> trained;
        List<EpisodeOutcome> random;
        try (Rollouts r = new Rollouts(List.of(s), 4, true)) {
            r.sensors(SimRobot.Sensors.RGBD_MAP.withObstacleLayer(true));
            assertThrows(IllegalArgumentException.class, () -> r.run(new Rollouts.Plan(Driver.PLANNER, 0, Split.TEST, 0,
                    Long.MAX_VALUE, 4, seed), Optional.of(new InferencePolicy(w, 4)), Optional.empty(),
                    Optional.empty()), "the planner runs behind the shield on the depth camera");
            r.shield(SafetyShield.Settings.DEFAULT);
            trained = r.run(new Rollouts.Plan(Driver.PLANNER, 0, Split.TEST, 0, Long.MAX_VALUE, 8, seed),
                    Optional.of(new InferencePolicy(w, 4)), Optional.empty(), Optional.empty()).episodes();
            random = r.run(new Rollouts.Plan(Driver.PLANNER, 0, Split.TEST, 0, Long.MAX_VALUE, 8, seed),
                    Optional.of(new InferencePolicy(noise, 4)), Optional.empty(), Optional.empty()).episodes();
        }
        long ok = trained.stream().filter(EpisodeOutcome::success).count();
        long hit = trained.stream().filter(EpisodeOutcome::collision).count();
        System.out.println("planner, empty arena: " + ok + " of " + trained.size() + " reached, " + hit + " collided");
        assertTrue(ok >= 6 && hit == 0, ok + " of " + trained.size() + " reached, " + hit + " collided (seed " + seed
                + "): " + trained);
        assertEquals(trained.toString(), random.toString(), "the same episodes whatever the network's weights");
    }
}
