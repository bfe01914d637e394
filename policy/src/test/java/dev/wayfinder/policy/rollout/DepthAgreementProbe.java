package dev.wayfinder.policy.rollout;

import dev.wayfinder.policy.net.TrainingTargets;
import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.sim.GlCameraSensor;
import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.robot.net.Features;
import dev.wayfinder.robot.perception.DepthObstacles;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.expert.Expert;
import org.junit.jupiter.api.Test;

import java.util.Optional;

/** Not a test: prints how the geometric obstacle profile agrees with the segmentation along expert drives. */
class DepthAgreementProbe {
    @Test
    void probe() throws Exception {
        if (System.getProperty("probe") == null) {
            return;
        }
        var s = ScenarioLibrary.load("cluttered-room");
        var sim = new SimRobot(s, EnvConfig.DISCRETE.actions(), SimRobot.Sensors.RGBD_MAP);
        int strips = 16;
        long missedClose = 0; long frames = 0, nearTruth = 0, missed = 0, falseNear = 0, agree = 0, total = 0;
        DepthObstacles d = new DepthObstacles();
        try (Renderer r = Renderer.create();
             NavEnv env = new NavEnv(seed -> Randomizer.episode(s, seed, 1.0), EnvConfig.DISCRETE,
                     Optional.of(new GlCameraSensor(r, s.robot().camera())))) {
            Expert ex = new Expert(EnvConfig.DISCRETE);
            for (long k = 0; k < 12; k++) {
                var obs = env.reset(Split.VALIDATION.seed(k)).observation();
                ex.reset();
                for (int t = 0; t < 400; t++) {
                    if (t % 3 == 0) {
                        RobotObservation ro = sim.observe(obs, env.world().episode(), env.state().timeNanos());
                        var f = obs.camera().orElseThrow();
                        float[] truth = new float[strips];
                        TrainingTargets.depthProfile(f.depth(), f.segmentation(), f.info().width(), f.info().height(),
                                strips, truth, 0);
                        float[] seen = new float[strips];
                        d.profile(ro.depth().get(), ro.camera(), strips, Features.MAX_DEPTH, seen, 0);
                        frames++;
                        for (int b = 0; b < strips; b++) {
                            double tm = truth[b] * 3, sm = seen[b] * 3;
                            total++;
                            if (Math.abs(tm - sm) < 0.3) agree++;
                            if (tm < 0.6) {
                                nearTruth++;
                                if (sm > tm + 0.3) { missed++; if (tm < 0.22) missedClose++; }
                            }
                            if (sm < 0.6 && tm > sm + 0.3) falseNear++;
                        }
                    }
                    var st = env.step(ex.act(env.world(), env.state()));
                    obs = st.observation();
                    if (st.done()) break;
                }
            }
        }
        System.out.printf("frames %d strips %d agree %.3f | truth-near %d missed %d (%.3f) | false-near %d%n", frames,
                total, agree / (double) total, nearTruth, missed, missed / (double) Math.max(1, nearTruth), falseNear);
        System.out.println("missed within 0.22 m (below the depth camera's minimum range): " + missedClose);
    }
}
