package dev.wayfinder.policy.rollout;

import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.sim.GlCameraSensor;
import dev.wayfinder.robot.Pose2D;
import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.robot.RobotPolicy;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.sim.core.World;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.NavEnv;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Not a test: which privileged input the shield's collisions come from (run with -Dprobe=weights-file). */
class ShieldProbe {
    @Test
    void probe() throws Exception {
        String file = System.getProperty("probe");
        if (file == null || !file.endsWith(".weights")) {
            return;
        }
        PolicyWeights w = PolicyWeights.fromBytes(Files.readAllBytes(Path.of(file)), file);
        var s = ScenarioLibrary.load("cluttered-room");
        var sim = new SimRobot(s, EnvConfig.DISCRETE.actions(), SimRobot.Sensors.RGBD_MAP);
        for (int variant = 0; variant < 4; variant++) {
            boolean trueDepth = false;
            boolean masked = false;
            boolean truePose = false;
            final int v = variant;
            int ok = 0, coll = 0, n = 16;
            try (Renderer r = Renderer.create();
                 NavEnv env = new NavEnv(sd -> {
                     var e = Randomizer.episode(s, sd, 1.0);
                     var de = e.cameraEffects().depth();
                     de = switch (v) {
                         case 1 -> new dev.wayfinder.scenarios.model.DepthEffects(de.noiseBase(), de.noiseQuadratic(),
                                 de.disparityStep(), 0, de.maxRange(), de.edgeThreshold(), de.dropoutFraction());
                         case 2 -> new dev.wayfinder.scenarios.model.DepthEffects(de.noiseBase(), de.noiseQuadratic(),
                                 de.disparityStep(), de.minRange(), de.maxRange(), Double.POSITIVE_INFINITY,
                                 de.dropoutFraction());
                         case 3 -> new dev.wayfinder.scenarios.model.DepthEffects(0, 0, 0, de.minRange(), de.maxRange(),
                                 de.edgeThreshold(), 0);
                         default -> de;
                     };
                     return new dev.wayfinder.scenarios.model.Episode(e.scenarioName(), e.seed(), e.arena(),
                             e.obstacles(), e.robot(), e.dynamics(), e.cameraEffects().withDepth(de), e.lighting(),
                             e.start(), e.goal(), e.goalTolerance(), e.limits());
                 }, EnvConfig.DISCRETE,
                         Optional.of(new GlCameraSensor(r, s.robot().camera())))) {
                InferencePolicy net = new InferencePolicy(w, 1);
                RobotPolicy rp = new RobotPolicy(w.spec(), sim.description(), Optional.of(SafetyShield.Settings.DEFAULT),
                        7, 64, false);
                var runner = new RobotPolicy.Runner(rp, net);
                for (int k = 0; k < n; k++) {
                    var obs = env.reset(Split.VALIDATION.seed(k)).observation();
                    rp.reset();
                    while (true) {
                        RobotObservation o = sim.observe(obs, env.world().episode(), env.state().timeNanos());
                        var f = obs.camera().orElseThrow();
                        if (trueDepth || masked) {
                            float[] d = new float[f.depth().length];
                            for (int p = 0; p < d.length; p++) {
                                int id = f.segmentation()[p];
                                boolean obstacle = id == World.SEG_WALL || (id > World.SEG_FIRST_BODY && id < 1000);
                                d[p] = trueDepth ? (Float.isFinite(f.depth()[p]) ? f.depth()[p] : Float.NaN)
                                        : obstacle ? f.measuredDepth()[p] : Float.NaN;
                            }
                            o = new RobotObservation(o.image(), o.camera(), Optional.of(
                                    new RobotObservation.DepthImage(o.image().width(), o.image().height(), d,
                                            o.depth().get().stampNanos())), o.odometry(), o.imu(), o.goal(), o.map());
                        }
                        if (truePose) {
                            var st = env.state();
                            var od = new RobotObservation.Odometry(new Pose2D(st.robotX(), st.robotY(), st.robotYaw()),
                                    0, 0, o.depth().get().stampNanos());
                            o = new RobotObservation(o.image(), o.camera(), o.depth(), od, o.imu(), o.goal(), o.map());
                        }
                        int a = runner.act(o);
                        var step = env.step(new Action.Discrete(a));
                        obs = step.observation();
                        if (step.done()) {
                            ok += step.info().success() ? 1 : 0;
                            coll += step.info().collision() ? 1 : 0;
                            break;
                        }
                    }
                }
            }
            System.out.printf("variant %d (0 as is, 1 no min range, 2 no edge test, 3 no noise/dropout): success %d/%d"
                    + " collisions %d%n", v, ok, n, coll);
        }
    }
}
