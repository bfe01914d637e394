package dev.wayfinder.policy.train;

import dev.wayfinder.policy.rollout.Driver;
import dev.wayfinder.policy.rollout.Rollouts;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Validation on its own thread and rollouts, started while the training rollouts collect with the same weights,
 * gives the episodes that validation on the training rollouts after the collection gives (what the trainer did
 * before it overlapped the two).
 */
@ExtendWith(NeedsEgl.class)
class ValidationThreadTest {
    @Test
    void overlappedValidationMatchesValidationAfterCollecting() throws Exception {
        TrainConfig cfg = TrainConfig.fromYaml("""
                scenarios: [cluttered-room]
                envs: 2
                validation_episodes: 3
                shield: true
                seed: 7
                network:
                  width: 32
                  height: 32
                  conv_channels: [8, 8]
                  hidden: 16
                """, "test config");
        List<Scenario> scenarios = ScenarioRefs.load(cfg.scenarios());
        PolicyWeights w = PolicyWeights.random(cfg.network(), 11);
        Rollouts.Plan collect = new Rollouts.Plan(Driver.MIXED, 0.5, Split.TRAIN, 0, 300, Integer.MAX_VALUE, 5, 0.5);
        List<EpisodeOutcome> sequential;
        long collectedBefore;
        try (Rollouts r = new Rollouts(scenarios, cfg.envs(), true)) {
            r.sensors(cfg.sensors());
            r.shield(SafetyShield.Settings.TRAINING);
            collectedBefore = r.run(collect, Optional.of(new InferencePolicy(w, cfg.envs())), Optional.empty(),
                    Optional.empty()).steps();
            sequential = r.run(new Rollouts.Plan(Driver.POLICY, 0, Split.VALIDATION, 0, Long.MAX_VALUE,
                            cfg.validationEpisodes(), cfg.seed()), Optional.of(new InferencePolicy(w, cfg.envs())),
                    Optional.empty(), Optional.empty()).episodes();
        }
        List<EpisodeOutcome> overlapped;
        long collectedDuring;
        try (ValidationThread v = new ValidationThread(scenarios, cfg);
             Rollouts r = new Rollouts(scenarios, cfg.envs(), true)) {
            r.sensors(cfg.sensors());
            r.shield(SafetyShield.Settings.TRAINING);
            Future<ValidationThread.Validation> f = v.submit(w);
            collectedDuring = r.run(collect, Optional.of(new InferencePolicy(w, cfg.envs())), Optional.empty(),
                    Optional.empty()).steps();
            overlapped = ValidationThread.await(f).episodes();
        }
        assertEquals(cfg.validationEpisodes(), overlapped.size(), "validation episodes, seed " + cfg.seed());
        assertEquals(sequential, overlapped, "validation episodes 0.." + (cfg.validationEpisodes() - 1)
                + " with seed " + cfg.seed());
        assertEquals(collectedBefore, collectedDuring, "collection beside validation");
    }
}
