package dev.wayfinder.sim.env;

import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.TestEpisodes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorEnvTest {
    private static final Episode CLUTTER = TestEpisodes.clutter(TestEpisodes.noisy());

    private static VectorEnv make(int n, int threads) {
        List<Env> envs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            envs.add(new NavEnv(EpisodeSource.fixed(CLUTTER), EnvConfig.DISCRETE));
        }
        return new VectorEnv(envs, threads);
    }

    /** Flattened observations and rewards of every step; also counts finished episodes. */
    private static float[] run(int threads, long seed, int steps, int[] episodesOut) {
        return run(4, threads, seed, steps, episodesOut);
    }

    private static float[] run(int n, int threads, long seed, int steps, int[] episodesOut) {
        try (VectorEnv v = make(n, threads)) {
            SplittableRandom rng = new SplittableRandom(seed);
            VectorStep s = v.reset(seed);
            int per = s.observation(0).flatSize() + 1;
            float[] trace = new float[steps * n * per];
            Action[] actions = new Action[n];
            int k = 0;
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < n; i++) {
                    actions[i] = new Action.Discrete(rng.nextInt(6));
                }
                s = v.step(actions);
                for (int i = 0; i < n; i++) {
                    k = s.observation(i).flatten(trace, k);
                    trace[k++] = (float) s.reward(i);
                    if (s.terminated(i) || s.truncated(i)) {
                        episodesOut[0]++;
                        assertTrue(s.finalObservation(i).isPresent());
                        assertEquals(0, v.env(i).state().steps(), "auto-reset happened");
                    } else {
                        assertTrue(s.finalObservation(i).isEmpty());
                    }
                }
            }
            return trace;
        }
    }

    @Test
    void resultsDoNotDependOnThreadCountAndEpisodesAutoReset() {
        long seed = 99;
        int[] e1 = new int[1];
        int[] e2 = new int[1];
        float[] serial = run(1, seed, 120, e1);
        float[] parallel = run(2, seed, 120, e2);
        assertArrayEquals(serial, parallel, "seed " + seed);
        assertEquals(e1[0], e2[0]);
        assertTrue(e1[0] > 0, "random driving in clutter must end some episodes within 120 steps, seed " + seed);
    }

    @Test
    void manyEnvsOnThreeWorkersMatchTheSerialRunThroughManyResets() {
        long seed = 7;
        int[] e1 = new int[1];
        int[] e3 = new int[1];
        float[] serial = run(6, 1, seed, 250, e1);
        float[] parallel = run(6, 3, seed, 250, e3);
        assertArrayEquals(serial, parallel, "seed " + seed);
        assertTrue(e1[0] >= 6, "expected several auto-resets, got " + e1[0] + ", seed " + seed);
    }

    @Test
    void envsGetDistinctSeeds() {
        assertTrue(VectorEnv.seedFor(1, 0, 0) != VectorEnv.seedFor(1, 1, 0));
        assertTrue(VectorEnv.seedFor(1, 0, 0) != VectorEnv.seedFor(1, 0, 1));
    }

    @Test
    void aSeedScheduleWithAQuotaRunsEachEpisodeOnceThenTheEnvsGoIdle() {
        long seed = 5;
        int quota = 5;
        List<Env> envs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            envs.add(new NavEnv(EpisodeSource.fixed(CLUTTER), EnvConfig.DISCRETE));
        }
        try (VectorEnv v = new VectorEnv(envs, 1)) {
            VectorStep s = v.reset((env, draw) -> {
                long index = draw * 2 + env;
                return index < quota ? java.util.OptionalLong.of(1000 + index) : java.util.OptionalLong.empty();
            });
            SplittableRandom rng = new SplittableRandom(seed);
            List<Long> finished = new ArrayList<>();
            Action[] actions = new Action[2];
            for (int t = 0; t < 20_000 && (s.active(0) || s.active(1)); t++) {
                for (int i = 0; i < 2; i++) {
                    actions[i] = new Action.Discrete(rng.nextInt(6));
                }
                s = v.step(actions);
                for (int i = 0; i < 2; i++) {
                    if (s.finalObservation(i).isPresent()) {
                        finished.add(s.info(i).seed());
                    }
                }
            }
            assertEquals(List.of(1000L, 1001L, 1002L, 1003L, 1004L), finished.stream().sorted().toList(),
                    "every scheduled episode ends exactly once, seed " + seed);
            assertTrue(!s.active(0) && !s.active(1), "both envs idle after the quota, seed " + seed);
            assertEquals(3, v.draws(0));
            assertEquals(2, v.draws(1));
            s = v.step(actions);
            assertTrue(!s.stepped(0) && !s.stepped(1), "idle envs are not stepped");
        }
    }

    @Test
    void unavailableDrawsAreSkippedForTheNextSeed() {
        List<Env> envs = List.of(new NavEnv(s -> {
            if (s % 2 == 1) {
                throw new EpisodeSource.Unavailable("no layout for seed " + s, null);
            }
            return CLUTTER;
        }, EnvConfig.DISCRETE));
        try (VectorEnv v = new VectorEnv(envs, 1)) {
            // Draws 0..2 are seeds 1, 3, 5 (unavailable); draw 3 is seed 6.
            VectorStep s = v.reset((env, draw) -> java.util.OptionalLong.of(draw < 3 ? 2 * draw + 1 : 6));
            assertTrue(s.active(0));
            assertEquals(4, v.draws(0));
            assertEquals(6, s.info(0).seed());
        }
        List<Env> never = List.of(new NavEnv(s -> {
            if (s != 0) {
                throw new EpisodeSource.Unavailable("no layout for seed " + s, null);
            }
            return CLUTTER;
        }, EnvConfig.DISCRETE));
        try (VectorEnv v = new VectorEnv(never, 1)) {
            VectorStep s = v.reset((env, draw) -> java.util.OptionalLong.of(draw + 1));
            assertTrue(!s.active(0), "an env whose draws are all unavailable goes idle");
            assertEquals(VectorEnv.MAX_SKIPPED_DRAWS, v.draws(0));
        }
    }

    @Test
    void aNullActionHoldsThatEnvForOneStep() {
        try (VectorEnv v = make(2, 1)) {
            VectorStep s = v.reset(3);
            s = v.step(new Action[] {new Action.Discrete(0), null});
            assertTrue(s.stepped(0) && !s.stepped(1));
            assertEquals(1, v.env(0).state().steps());
            assertEquals(0, v.env(1).state().steps());
        }
    }
}
