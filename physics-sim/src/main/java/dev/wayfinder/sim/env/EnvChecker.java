package dev.wayfinder.sim.env;

import dev.wayfinder.sim.camera.CameraFrame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Conformance checks for any {@link Env}, like Gymnasium's env_checker: declared spaces, observations inside
 * them, seed determinism (the camera's images too, when the env has a camera), terminated/truncated semantics,
 * stepping before a reset and after the end refused, reset after the end. Main code, so that any env a user builds
 * (a wrapper, a new sensor, the camera env, the env the policy's rollouts step) can be checked the same way; a
 * failed check throws {@link Failure} naming the check and the seed.
 */
public final class EnvChecker {
    /** A failed check. */
    public static final class Failure extends RuntimeException {
        Failure(String message) {
            super("env check failed: " + message);
        }
    }

    private EnvChecker() {
    }

    private static void assertTrue(boolean ok, String what) {
        if (!ok) {
            throw new Failure(what);
        }
    }

    private static void assertFalse(boolean bad, String what) {
        assertTrue(!bad, what);
    }

    private static void assertNotNull(Object o, String what) {
        assertTrue(o != null, what + " is null");
    }

    private static void assertEquals(Object expected, Object actual, String what) {
        assertTrue(Objects.equals(expected, actual), what + ": expected " + expected + ", got " + actual);
    }

    private static void assertArrayEquals(float[] expected, float[] actual, String what) {
        assertTrue(Arrays.equals(expected, actual), what + " differs");
    }

    private static void assertThrows(Class<? extends RuntimeException> type, Runnable r, String what) {
        try {
            r.run();
        } catch (RuntimeException e) {
            assertTrue(type.isInstance(e), what + ": threw " + e + " instead of " + type.getSimpleName());
            return;
        }
        throw new Failure(what + ": nothing was thrown");
    }

    /** Runs every check on fresh envs from {@code factory}, random actions from {@code seed}. */
    public static void check(Supplier<? extends Env> factory, long seed, int maxSteps) {
        try (Env env = factory.get()) {
            assertNotNull(env.observationSpace(), "observation space");
            Space as = env.actionSpace();
            assertTrue(as instanceof DiscreteSpace || (as instanceof BoxSpace b && b.size() == 2),
                    "action space must be Discrete or Box(2), got " + as);
            assertThrows(IllegalStateException.class, () -> env.step(sample(as, new SplittableRandom(seed))),
                    "step before reset must be refused");
        }
        List<Trace> first = run(factory, seed, maxSteps);
        List<Trace> second = run(factory, seed, maxSteps);
        assertEquals(first.size(), second.size(), "episode length must be a function of the seed " + seed);
        for (int i = 0; i < first.size(); i++) {
            Trace a = first.get(i);
            Trace b = second.get(i);
            assertArrayEquals(a.flat, b.flat, "observation at step " + i + ", seed " + seed);
            assertTrue(Arrays.equals(a.rgb, b.rgb) && Arrays.equals(a.depth, b.depth),
                    "camera image at step " + i + " differs between two runs of seed " + seed);
            assertEquals(a.reward, b.reward, "reward at step " + i + ", seed " + seed);
            assertEquals(a.terminated, b.terminated, "terminated at step " + i + ", seed " + seed);
            assertEquals(a.truncated, b.truncated, "truncated at step " + i + ", seed " + seed);
        }
        // Same env, reset again with the same seed: same start.
        try (Env env = factory.get()) {
            ResetResult r1 = env.reset(seed);
            Observation o1 = r1.observation().copy();
            env.step(sample(env.actionSpace(), new SplittableRandom(seed)));
            ResetResult r2 = env.reset(seed);
            assertTrue(o1.sameValues(r2.observation()), "reset(" + seed + ") twice must give equal observations");
        }
    }

    private static List<Trace> run(Supplier<? extends Env> factory, long seed, int maxSteps) {
        List<Trace> traces = new ArrayList<>();
        try (Env env = factory.get()) {
            SplittableRandom rng = new SplittableRandom(seed * 7919 + 1);
            ResetResult r = env.reset(seed);
            assertTrue(env.observationSpace().contains(r.observation()),
                    "reset observation outside the observation space, seed " + seed + ": " + r.observation());
            boolean done = false;
            for (int t = 0; t < maxSteps && !done; t++) {
                Action a = sample(env.actionSpace(), rng);
                assertTrue(env.actionSpace().contains(a), "sampled action outside the action space: " + a);
                StepResult s = env.step(a);
                assertTrue(env.observationSpace().contains(s.observation()),
                        "observation outside the space at step " + t + ", seed " + seed + ": " + s.observation());
                assertTrue(Double.isFinite(s.reward()), "reward must be finite, seed " + seed);
                assertFalse(s.terminated() && s.truncated(), "terminated and truncated at once, seed " + seed);
                float[] flat = new float[s.observation().flatSize()];
                s.observation().flatten(flat, 0);
                CameraFrame cam = s.observation().camera().orElse(null);
                if (cam != null) {
                    assertTrue(cam.stampNanos() <= s.info().timeNanos(),
                            "camera frame stamped after the step's time, seed " + seed);
                }
                traces.add(new Trace(flat, s.reward(), s.terminated(), s.truncated(),
                        cam == null ? null : cam.rgb().clone(), cam == null ? null : cam.measuredDepth().clone()));
                done = s.done();
            }
            if (done) {
                assertThrows(IllegalStateException.class, () -> env.step(sample(env.actionSpace(), rng)),
                        "step after the end must be refused, seed " + seed);
                ResetResult again = env.reset(seed + 1);
                assertTrue(env.observationSpace().contains(again.observation()), "reset after done, seed " + seed);
                StepResult s = env.step(sample(env.actionSpace(), rng));
                assertTrue(env.observationSpace().contains(s.observation()), "step after reset, seed " + seed);
            }
        }
        return traces;
    }

    /** A random action of {@code space}. */
    public static Action sample(Space space, SplittableRandom rng) {
        if (space instanceof DiscreteSpace d) {
            return new Action.Discrete(d.sample(rng));
        }
        float[] x = ((BoxSpace) space).sample(rng);
        return new Action.Velocity(x[0], x[1]);
    }

    private record Trace(float[] flat, double reward, boolean terminated, boolean truncated, byte[] rgb,
                         float[] depth) {
    }
}
