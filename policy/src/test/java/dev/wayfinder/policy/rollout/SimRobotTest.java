package dev.wayfinder.policy.rollout;

import dev.wayfinder.policy.net.TrainingTargets;
import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.sim.GlCameraSensor;
import dev.wayfinder.robot.OccupancyMap;
import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.robot.net.Features;
import dev.wayfinder.robot.perception.DepthObstacles;
import dev.wayfinder.robot.route.GridPlanner;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.NavEnv;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.wayfinder.render.NeedsEgl;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The simulated robot's observations hold what a robot has: the nominal map (not the episode's layout) and a depth
 * image whose obstacles, found by geometry alone, agree with the renderer's segmentation (which the robot never sees).
 */
@ExtendWith(NeedsEgl.class)
class SimRobotTest {
    @Test
    void nominalMapHasTheFilesStaticObstaclesAndAFreeStartAndGoal() throws Exception {
        var s = ScenarioLibrary.load("cluttered-room");
        var robot = new SimRobot(s, EnvConfig.DISCRETE.actions(), SimRobot.Sensors.RGBD_MAP);
        OccupancyMap map = SimRobot.map(s.arena(), s.obstacles().stream()
                .filter(o -> o.kind() == ObstacleKind.STATIC).toList());
        var o = s.obstacles().stream().filter(x -> x.kind() == ObstacleKind.STATIC).findFirst().orElseThrow();
        assertTrue(map.occupied(map.column(o.pose().x()), map.row(o.pose().y())), "obstacle " + o.id() + " mapped");
        assertTrue(map.occupied(0, 0) && map.occupied(map.width() - 1, map.height() - 1), "walls all round");
        var e = dev.wayfinder.scenarios.model.Episode.nominal(s);
        GridPlanner p = new GridPlanner(map, robot.description().radius());
        assertTrue(p.free(e.start().x(), e.start().y()) && p.free(e.goal().x(), e.goal().y()));
        assertTrue(p.plan(e.start().x(), e.start().y(), e.goal().x(), e.goal().y()) != null, "a route exists");
    }

    @Test
    void geometricObstaclesAgreeWithSegmentationAndTheMapIsNominal() throws Exception {
        var s = ScenarioLibrary.load("cluttered-room");
        var sim = new SimRobot(s, EnvConfig.DISCRETE.actions(), SimRobot.Sensors.RGBD_MAP);
        int checked = 0;
        int agree = 0;
        try (Renderer r = Renderer.create();
             NavEnv env = new NavEnv(seed -> Randomizer.episode(s, seed, 1.0), EnvConfig.DISCRETE,
                     Optional.of(new GlCameraSensor(r, s.robot().camera())))) {
            for (long k = 0; k < 6; k++) {
                long seed = Split.VALIDATION.seed(k);
                var obs = env.reset(seed).observation();
                RobotObservation ro = sim.observe(obs, env.world().episode(), env.state().timeNanos());
                assertTrue(ro.depth().isPresent() && ro.map().isPresent(), "seed " + seed);
                // The map is the same object for every episode: the nominal layout, not this episode's.
                assertTrue(ro.map().get() == sim.observe(obs, env.world().episode(), env.state().timeNanos()).map().get());
                var frame = obs.camera().orElseThrow();
                var info = frame.info();
                float[] truth = new float[8];
                TrainingTargets.depthProfile(frame.depth(), frame.segmentation(), info.width(), info.height(), 8,
                        truth, 0);
                float[] seen = new float[8];
                new DepthObstacles().profile(ro.depth().get(), ro.camera(), 8, Features.MAX_DEPTH, seen, 0);
                for (int b = 0; b < 8; b++) {
                    checked++;
                    // Within 0.3 m, or both see nothing within range.
                    if (Math.abs(truth[b] - seen[b]) * Features.MAX_DEPTH < 0.3) {
                        agree++;
                    }
                }
            }
        }
        assertTrue(agree >= 0.8 * checked, agree + " of " + checked + " strips agree with the segmentation");
    }

    @Test
    void thePoseARobotGetsIsItsDriftingOdometryNotTheTruth() throws Exception {
        var s = ScenarioLibrary.load("cluttered-room");
        var sim = new SimRobot(s, EnvConfig.DISCRETE.actions(), SimRobot.Sensors.RGBD_MAP);
        double worst = 0;
        try (Renderer r = Renderer.create();
             NavEnv env = new NavEnv(seed -> Randomizer.episode(s, seed, 1.0), EnvConfig.DISCRETE,
                     Optional.of(new GlCameraSensor(r, s.robot().camera())))) {
            for (long k = 0; k < 4; k++) {
                long seed = Split.VALIDATION.seed(k);
                var obs = env.reset(seed).observation();
                for (int t = 0; t < 40; t++) {
                    var step = env.step(new dev.wayfinder.sim.env.Action.Discrete(t % 7 == 0 ? 1 : 0));
                    obs = step.observation();
                    if (step.done()) {
                        break;
                    }
                }
                RobotObservation ro = sim.observe(obs, env.world().episode(), env.state().timeNanos());
                var st = env.state();
                assertEquals(obs.odometry()[0], ro.odometry().pose().x(), 1e-6, "seed " + seed);
                assertEquals(obs.odometry()[1], ro.odometry().pose().y(), 1e-6, "seed " + seed);
                worst = Math.max(worst, Math.hypot(st.robotX() - ro.odometry().pose().x(),
                        st.robotY() - ro.odometry().pose().y()));
            }
        }
        assertTrue(worst > 1e-4, "odometry drifts from the true pose in some episode (worst " + worst + " m)");
    }

    @Test
    void sensorsAreDescribedAndMapSourcesParse() {
        assertEquals(SimRobot.MapSource.ORACLE, SimRobot.MapSource.byKey("Oracle").orElseThrow());
        assertFalse(SimRobot.MapSource.byKey("true-layout").isPresent());
        assertTrue(new SimRobot.Sensors(true, SimRobot.MapSource.ORACLE).describe().contains("ORACLE"));
    }
}
