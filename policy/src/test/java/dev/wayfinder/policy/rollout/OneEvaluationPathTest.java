package dev.wayfinder.policy.rollout;

import dev.wayfinder.policy.eval.TrainedModel;
import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.sim.GlCameraSensor;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.eval.Evaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A trained model run as physics-sim's {@code Policy} through the one episode loop ({@code wayfinder sim run}) and
 * the batched rollouts of training and {@code wayfinder eval} decide alike: same episodes, same outcomes, step for
 * step (the network alone is greedy, so nothing is sampled).
 */
@ExtendWith(NeedsEgl.class)
class OneEvaluationPathTest {
    private static final Path MODEL = Path.of("..", "models", "cluttered-room-rgbd-map");

    @Test
    void theTrainedPolicyAsAPolicyMatchesTheBatchedRollouts() throws Exception {
        TrainedModel m = TrainedModel.load(MODEL);
        var s = ScenarioLibrary.load("empty-arena");
        int episodes = 3;
        SimRobot.Sensors sensors = m.sensors();
        List<EpisodeOutcome> batched;
        try (Rollouts r = new Rollouts(List.of(s), 1, true)) {
            r.sensors(sensors);
            batched = r.run(new Rollouts.Plan(Driver.POLICY, 0, Split.TEST, 0, Long.MAX_VALUE, episodes, 1),
                    Optional.of(new InferencePolicy(m.weights(), 1)), Optional.empty(), Optional.empty()).episodes();
        }
        List<EpisodeOutcome> single = new ArrayList<>();
        try (Renderer renderer = Renderer.create();
             NavEnv env = new NavEnv(seed -> Randomizer.episode(s, seed, 1.0), EnvConfig.DISCRETE,
                     Optional.of(new GlCameraSensor(renderer, s.robot().camera())))) {
            TrainedPolicy p = new TrainedPolicy(m.weights(), s, sensors, Optional.empty(), 1);
            for (int i = 0; i < episodes; i++) {
                single.add(Evaluator.runEpisode(env, p, Split.TEST.seed(i), (a, st) -> { }));
            }
        }
        assertEquals(batched, single, "test episodes 0.." + (episodes - 1) + " of empty-arena");
    }

    /**
     * A recurrent network decides alike on both paths too: the batched rollouts hand every env its own row of the new
     * hidden state, the single-robot runner its one row, and both start each episode from zeros.
     */
    @Test
    void aRecurrentPolicyCarriesItsHiddenStateAlikeOnBothPaths() throws Exception {
        long seed = 29;
        PolicyWeights w = PolicyWeights.random(NetworkSpec.DEFAULT.withRecurrentUnits(32), seed);
        var s = ScenarioLibrary.load("empty-arena");
        int episodes = 3;
        SimRobot.Sensors sensors = SimRobot.Sensors.RGBD_MAP;
        Comparator<EpisodeOutcome> bySeed = Comparator.comparingLong(EpisodeOutcome::seed);
        List<EpisodeOutcome> batched;
        try (Rollouts r = new Rollouts(List.of(s), 2, true)) {
            r.sensors(sensors);
            batched = new ArrayList<>(r.run(new Rollouts.Plan(Driver.POLICY, 0, Split.TEST, 0, Long.MAX_VALUE,
                    episodes, 1), Optional.of(new InferencePolicy(w, 2)), Optional.empty(), Optional.empty()).episodes());
        }
        batched.sort(bySeed);
        List<EpisodeOutcome> single = new ArrayList<>();
        try (Renderer renderer = Renderer.create();
             NavEnv env = new NavEnv(seed2 -> Randomizer.episode(s, seed2, 1.0), EnvConfig.DISCRETE,
                     Optional.of(new GlCameraSensor(renderer, s.robot().camera())))) {
            TrainedPolicy p = new TrainedPolicy(w, s, sensors, Optional.empty(), 1);
            for (int i = 0; i < episodes; i++) {
                single.add(Evaluator.runEpisode(env, p, Split.TEST.seed(i), (a, st) -> { }));
            }
        }
        single.sort(bySeed);
        assertEquals(single, batched, "seed " + seed + ": test episodes 0.." + (episodes - 1) + " of empty-arena");
    }

    @Test
    void aModelPathWithoutWeightsIsRefusedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(Path.of("..", "models")));
        assertEquals(true, e.getMessage().contains("models") && e.getMessage().contains("expected a model folder"),
                e.getMessage());
    }
}
