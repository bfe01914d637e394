package dev.wayfinder.randomization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.randomization.layout.LayoutCheck;
import dev.wayfinder.scenarios.model.Curriculum;
import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Randomization;
import dev.wayfinder.scenarios.model.RectRegion;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Curricula, the nominal case, layout areas and the errors for impossible ranges. */
class RandomizerBehaviourTest {
    @Test
    void withoutRandomizationOnlyStartAndGoalVary() {
        Scenario s = Fixtures.scenario("plain", Randomization.none());
        Episode nominal = Episode.nominal(s);
        for (long seed = 0; seed < 200; seed++) {
            Episode e = Randomizer.episode(s, seed);
            String w = "seed " + seed;
            assertEquals(nominal.arena(), e.arena(), w);
            assertEquals(nominal.obstacles(), e.obstacles(), w);
            assertEquals(nominal.robot(), e.robot(), w);
            assertEquals(nominal.dynamics(), e.dynamics(), w);
            assertEquals(nominal.cameraEffects(), e.cameraEffects(), w);
            assertEquals(nominal.lighting(), e.lighting(), w);
            assertTrue(Randomizer.draw(s, seed, 1.0).values().isEmpty(), w);
        }
    }

    @Test
    void curriculumWidensRangesWithProgress() {
        Map<RandomParameter, Distribution> p = new EnumMap<>(RandomParameter.class);
        p.put(RandomParameter.FLOOR_FRICTION, new Distribution.Uniform(0.2, 1.4)); // nominal 0.8
        p.put(RandomParameter.OBSTACLE_POSITION_JITTER, new Distribution.Uniform(-0.3, 0.3)); // nominal 0
        Scenario s = Fixtures.withCurriculum(p, new Curriculum(0.2, 0.5));
        for (double progress : new double[] {0, 0.25, 0.5, 1}) {
            double width = Math.min(1, 0.2 + 0.8 * progress / 0.5);
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (long seed = 0; seed < 1500; seed++) {
                EpisodeDraw d = Randomizer.draw(s, seed, progress);
                double f = d.values().get("floor_friction");
                double j = d.values().get("obstacle_position_jitter/crate/x");
                String w = "seed " + seed + ", progress " + progress;
                assertTrue(Math.abs(f - 0.8) <= 0.6 * width + 1e-9, w + ": friction " + f);
                assertTrue(Math.abs(j) <= 0.3 * width + 1e-9, w + ": jitter " + j);
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
            assertTrue(hi - lo > 0.95 * 1.2 * width, "progress " + progress + " spans [" + lo + ", " + hi + "]");
        }
        assertThrows(IllegalArgumentException.class, () -> Randomizer.draw(s, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Randomizer.draw(s, 1, Double.NaN));
    }

    @Test
    void depthCameraIsPerfectUnlessRandomizedAndACurriculumStartsLenient() {
        Scenario plain = Fixtures.scenario("plain", Randomization.none());
        assertTrue(Randomizer.episode(plain, 7).cameraEffects().depth().isNoiseFree());
        assertEquals(0, Randomizer.episode(plain, 7).dynamics().cameraLatency());

        Map<RandomParameter, Distribution> p = new EnumMap<>(RandomParameter.class);
        p.put(RandomParameter.DEPTH_MAX_RANGE, new Distribution.Uniform(3, 10));
        p.put(RandomParameter.DEPTH_EDGE_THRESHOLD, new Distribution.Uniform(0.02, 0.1));
        p.put(RandomParameter.DEPTH_NOISE_QUADRATIC, new Distribution.Uniform(0.004, 0.015));
        p.put(RandomParameter.CAMERA_LATENCY, new Distribution.Uniform(0.02, 0.08));
        Scenario s = Fixtures.withCurriculum(p, new Curriculum(0, 0.5));
        for (long seed = 0; seed < 50; seed++) {
            String w = "seed " + seed;
            Episode start = Randomizer.episode(s, seed, 0);
            // Nothing to centre on for an unlimited range: the curriculum starts at the most lenient camera.
            assertEquals(10, start.cameraEffects().depth().maxRange(), 1e-12, w);
            assertEquals(0.1, start.cameraEffects().depth().edgeThreshold(), 1e-12, w);
            assertEquals(0.004, start.cameraEffects().depth().noiseQuadratic(), 1e-12, w);
            assertEquals(0.02, start.dynamics().cameraLatency(), 1e-12, w);
            Episode full = Randomizer.episode(s, seed, 1);
            double r = full.cameraEffects().depth().maxRange();
            assertTrue(r >= 3 && r <= 10, w + ": max range " + r);
            assertEquals(0, full.cameraEffects().depth().minRange(), w + ": min range not randomized");
        }
    }

    @Test
    void addedObjectsStayInsideTheLayoutArea() {
        Map<RandomParameter, Distribution> p = new EnumMap<>(RandomParameter.class);
        p.put(RandomParameter.EXTRA_OBSTACLE_COUNT, new Distribution.Uniform(2, 5));
        p.put(RandomParameter.DISTRACTOR_COUNT, new Distribution.Fixed(6));
        RectRegion area = new RectRegion(new Vec2(0, -1.5), new Vec2(3, 2.5));
        Scenario s = Fixtures.scenario("area", new Randomization(p, Optional.empty(), Optional.of(area), 100));
        for (long i = 0; i < 500; i++) {
            long seed = i;
            Episode e = Randomizer.episode(s, seed);
            long added = e.obstacles().stream().filter(o -> o.id().startsWith("extra-") || o.id().startsWith("distractor-"))
                    .peek(o -> {
                        double r = o.shape().boundingRadius();
                        Vec2 c = o.pose().position();
                        assertTrue(c.x() - r >= area.min().x() - 1e-9 && c.x() + r <= area.max().x() + 1e-9
                                && c.y() - r >= area.min().y() - 1e-9 && c.y() + r <= area.max().y() + 1e-9,
                                "seed " + seed + ": " + o.id() + " at " + c);
                    }).count();
            assertTrue(added >= 8 && added <= 11, "seed " + seed + ": " + added + " objects added");
        }
    }

    @Test
    void anImpossibleMinimumDistanceFailsNamingScenarioAndParameter() {
        Map<RandomParameter, Distribution> p = new EnumMap<>(RandomParameter.class);
        p.put(RandomParameter.START_GOAL_MIN_DISTANCE, new Distribution.Fixed(50));
        Scenario s = Fixtures.scenario("too-far", new Randomization(p, Optional.empty(), Optional.empty(), 5));
        RandomizationException e = assertThrows(RandomizationException.class, () -> Randomizer.episode(s, 3));
        assertEquals("too-far", e.scenarioName());
        assertTrue(e.getMessage().contains("'too-far'") && e.getMessage().contains("start_goal_min_distance 50.00 m")
                && e.getMessage().contains("5 attempts"), e.getMessage());
    }

    @Test
    void anUnsolvableLayoutFailsAfterMaxAttemptsWithTheReason() {
        Scenario s = Fixtures.scenario("walled", new Randomization(Map.of(), Optional.empty(), Optional.empty(), 7));
        int[] calls = {0};
        LayoutCheck never = e -> {
            calls[0]++;
            return Optional.of("no path from here");
        };
        RandomizationException e = assertThrows(RandomizationException.class,
                () -> Randomizer.draw(s, 9, 1.0, never));
        assertEquals(7, calls[0]);
        assertTrue(e.getMessage().contains("'walled'") && e.getMessage().contains("no path from here")
                && e.getMessage().contains("seed 9"), e.getMessage());
    }

    @Test
    void crowdedLayoutsAreRedrawnUntilSolvable() {
        Map<RandomParameter, Distribution> p = new EnumMap<>(RandomParameter.class);
        p.put(RandomParameter.EXTRA_OBSTACLE_COUNT, new Distribution.Uniform(10, 20));
        p.put(RandomParameter.EXTRA_OBSTACLE_SIZE, new Distribution.Uniform(0.5, 1.0));
        RectRegion band = new RectRegion(new Vec2(0, 0), new Vec2(2.5, 6));
        Scenario s = Fixtures.scenario("crowded", new Randomization(p, Optional.empty(), Optional.of(band), 1000));
        int retried = 0;
        var planner = new dev.wayfinder.randomization.layout.PlannerCheck();
        for (long seed = 0; seed < 100; seed++) {
            EpisodeDraw d = Randomizer.draw(s, seed, 1.0);
            assertTrue(planner.problem(d.episode()).isEmpty(), "seed " + seed);
            retried += d.attempts() > 1 ? 1 : 0;
        }
        assertTrue(retried > 0, "some crowded layouts needed a redraw");
    }
}
