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
}
