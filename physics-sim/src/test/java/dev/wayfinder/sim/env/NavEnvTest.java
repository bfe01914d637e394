package dev.wayfinder.sim.env;

import dev.wayfinder.scenarios.model.Dynamics;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.TestEpisodes;
import dev.wayfinder.sim.core.Truncation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NavEnvTest {
    private static final Episode CLUTTER = TestEpisodes.clutter(TestEpisodes.noisy());

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void discreteEnvPassesTheChecker(long seed) {
        EnvChecker.check(() -> new NavEnv(EpisodeSource.fixed(CLUTTER), EnvConfig.DISCRETE), seed, 400);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void continuousEnvPassesTheChecker(long seed) {
        EnvChecker.check(() -> new NavEnv(EpisodeSource.fixed(CLUTTER), EnvConfig.CONTINUOUS), seed, 400);
    }

    @Test
    void drivingStraightToAVisibleGoalSucceedsWithABonus() {
        try (NavEnv env = new NavEnv(EpisodeSource.fixed(TestEpisodes.emptyRoom()), EnvConfig.DISCRETE)) {
            ResetResult r = env.reset(0);
            assertEquals(4.0, r.observation().goal()[0], 1e-5);
            assertEquals(0.0, r.observation().goal()[1], 1e-6);
            StepResult s = null;
            double total = 0;
            for (int t = 0; t < 200; t++) {
                s = env.step(new Action.Discrete(0));
                total += s.reward();
                if (s.done()) {
                    break;
                }
            }
            assertTrue(s.terminated(), "expected success, got " + s.info());
            assertTrue(s.info().success());
            assertFalse(s.info().collision());
            assertTrue(s.reward() > 9, "last reward carries the success bonus: " + s.reward());
            // progress about 3.75 m, bonus 10, time penalty 0.01 per step
            assertEquals(3.75 + 10 - 0.01 * s.info().steps(), total, 0.06);
        }
    }

    @Test
    void touchingAWallTerminatesWithCollision() {
        try (NavEnv env = new NavEnv(EpisodeSource.fixed(TestEpisodes.emptyRoom()), EnvConfig.CONTINUOUS)) {
            env.reset(0);
            StepResult s;
            do {
                s = env.step(new Action.Velocity(-0.5, 0));
            } while (!s.done());
            assertTrue(s.terminated());
            assertTrue(s.info().collision());
            assertEquals("wall", s.info().collidedWith());
            assertEquals(1f, s.observation().bumper()[0]);
            assertTrue(s.reward() < -9);
            assertThrows(IllegalStateException.class, () -> env.step(new Action.Velocity(0, 0)));
        }
    }

    @Test
    void standingStillIsTruncatedAtTheStepLimit() {
        try (NavEnv env = new NavEnv(EpisodeSource.fixed(TestEpisodes.emptyRoom()), EnvConfig.DISCRETE)) {
            env.reset(0);
            int stop = EnvConfig.DISCRETE.actions().indexOf("stop");
            StepResult s;
            int steps = 0;
            do {
                s = env.step(new Action.Discrete(stop));
                steps++;
            } while (!s.done());
            assertEquals(300, steps);
            assertTrue(s.truncated());
            assertEquals(Truncation.TIME_LIMIT, s.info().truncation());
        }
    }

    @Test
    void odometryDriftsButGroundTruthStaysInInfo() {
        Dynamics drifty = new Dynamics(1, 0, 0, 0, 0.2, 0, 0);
        Episode e = TestEpisodes.episode(java.util.List.of(), new dev.wayfinder.scenarios.model.Pose2(-2, 0, 0),
                new dev.wayfinder.scenarios.model.Vec2(2, 0), drifty, 0.8);
        try (NavEnv env = new NavEnv(EpisodeSource.fixed(e), EnvConfig.DISCRETE)) {
            env.reset(11);
            StepResult s = null;
            for (int t = 0; t < 20; t++) {
                s = env.step(new Action.Discrete(0));
            }
            assertTrue(s.info().odomErrorMetres() > 1e-3, "seed 11: drift expected, info " + s.info());
            assertEquals(s.info().trueX(), env.state().robotX());
        }
    }

    @Test
    void tunnellingOutOfTheArenaIsTruncatedWithAReasonNotThrown() {
        // An absurdly fast robot on an absurdly grippy floor jumps through the wall within one substep.
        Episode base = TestEpisodes.emptyRoom();
        var r = base.robot();
        var fast = new dev.wayfinder.scenarios.model.Robot(r.wheelBase(), r.wheelRadius(), r.mass(), r.height(),
                r.footprint(), 200, r.maxAngularSpeed(), 1e6, r.maxAngularAccel(), 0, r.camera(), r.lidar());
        var arena = base.arena();
        var grippy = new dev.wayfinder.scenarios.model.Arena(arena.size(), arena.wallHeight(), arena.wallThickness(),
                arena.wallMaterial(), arena.floorMaterial(), 1e4);
        Episode e = new Episode(base.scenarioName(), 0, grippy, base.obstacles(), fast, base.dynamics(),
                base.cameraEffects(), base.lighting(), base.start(), base.goal(), base.goalTolerance(), base.limits());
        try (NavEnv env = new NavEnv(EpisodeSource.fixed(e), EnvConfig.CONTINUOUS)) {
            env.reset(0);
            StepResult s = env.step(new Action.Velocity(-200, 0));
            assertTrue(s.truncated(), "expected truncation, got " + s.info());
            assertFalse(s.terminated());
            assertEquals(Truncation.LEFT_ARENA, s.info().truncation());
            assertTrue(env.observationSpace().contains(s.observation()), "observation stays in its space");
            assertThrows(IllegalStateException.class, () -> env.step(new Action.Velocity(0, 0)));
        }
    }

    @Test
    void outOfRangeDiscreteActionIsRejected() {
        try (NavEnv env = new NavEnv(EpisodeSource.fixed(CLUTTER), EnvConfig.DISCRETE)) {
            env.reset(0);
            assertThrows(IllegalArgumentException.class, () -> env.step(new Action.Discrete(6)));
            assertThrows(IllegalArgumentException.class, () -> env.step(new Action.Velocity(0.1, 0)));
        }
    }
}
