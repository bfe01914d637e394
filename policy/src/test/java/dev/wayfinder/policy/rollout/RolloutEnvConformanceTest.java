package dev.wayfinder.policy.rollout;

import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.sim.GlCameraSensor;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.sim.env.EnvChecker;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.render.NeedsEgl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Optional;

/**
 * The env the policy's rollouts step (randomized episodes, the robot camera with its effects, measured depth and
 * latency) passes the Gymnasium-style conformance checks, camera images included: same seed, same pixels.
 */
@ExtendWith(NeedsEgl.class)
class RolloutEnvConformanceTest {
    @Test
    void cameraEnvUnderRandomizationConforms() throws Exception {
        var s = ScenarioLibrary.load("cluttered-room");
        long seed = Split.VALIDATION.seed(3);
        try (Renderer r = Renderer.create()) {
            EnvChecker.check(() -> new NavEnv(sd -> Randomizer.episode(s, sd, 1.0), EnvConfig.DISCRETE,
                    Optional.of(new GlCameraSensor(r, s.robot().camera()))), seed, 120);
        }
    }
}
