package dev.wayfinder.sim.env;

import dev.wayfinder.sim.TestEpisodes;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.World;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checker catches an env whose observations do not follow from the seed, and one that steps after its end. */
class EnvCheckerTest {
    /** Passes everything through, but nudges the odometry by a counter shared by all instances (hidden state). */
    private static final class Leaky implements Env {
        static final AtomicInteger CALLS = new AtomicInteger();
        private final NavEnv inner = new NavEnv(EpisodeSource.fixed(TestEpisodes.clutter(TestEpisodes.noisy())), EnvConfig.DISCRETE);

        @Override public DictSpace observationSpace() { return inner.observationSpace(); }
        @Override public Space actionSpace() { return inner.actionSpace(); }
        @Override public ResetResult reset(long seed) { return inner.reset(seed); }
        @Override public StepResult step(Action a) {
            StepResult r = inner.step(a);
            r.observation().odometry()[3] += 1e-3f * (CALLS.incrementAndGet() % 7);
            return r;
        }
        @Override public World world() { return inner.world(); }
        @Override public SimState state() { return inner.state(); }
        @Override public void close() { inner.close(); }
    }

    @Test
    void hiddenStateAcrossRunsIsCaught() {
        EnvChecker.Failure f = assertThrows(EnvChecker.Failure.class, () -> EnvChecker.check(Leaky::new, 11, 50));
        assertTrue(f.getMessage().contains("seed 11"), f.getMessage());
    }
}
