package dev.wayfinder.randomization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.randomization.layout.PlannerCheck;
import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.GoalSpec;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.ParameterGroup;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.StartSpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Invariants of Randomizer over thousands of seeds, with every parameter randomized. */
class RandomizerPropertyTest {
    private static final int SEEDS = 2000;
    private static final Scenario ALL = Fixtures.everythingScenario();

    @Test
    void everyDrawnValueLiesInItsDeclaredRange() {
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            EpisodeDraw d = Randomizer.draw(ALL, seed, 1.0);
            for (Map.Entry<String, Double> e : d.values().entrySet()) {
                String key = EpisodeDraw.parameterKey(e.getKey());
                RandomParameter p = RandomParameter.byKey(key).orElseThrow();
                Distribution dist = ALL.randomization().get(p).orElseThrow();
                double v = e.getValue();
                String where = "seed " + seed + ", draw " + e.getKey() + " = " + v + " from " + dist;
                assertTrue(v >= dist.min() && v <= dist.max(), where);
                assertTrue(v >= p.domainMin() && v <= p.domainMax(), where + " (domain)");
                if (dist instanceof Distribution.Choice c) {
                    int i = c.values().indexOf(v);
                    assertTrue(i >= 0 && c.weights().get(i) > 0, where + ": not a value with weight > 0");
                }
                seen.add(key);
            }
        }
        Set<String> all = Arrays.stream(RandomParameter.values()).map(RandomParameter::key).collect(Collectors.toSet());
        assertEquals(all, seen, "every parameter is drawn for some seed");
    }

    @Test
    void drawnValuesAreWhatTheEpisodeCarries() {
        for (long seed = 0; seed < SEEDS / 4; seed++) {
            EpisodeDraw d = Randomizer.draw(ALL, seed, 1.0);
            Episode e = d.episode();
            Map<String, Double> v = d.values();
            String s = "seed " + seed;
            assertEquals(v.get("light_intensity"), e.lighting().intensity(), s);
            assertEquals(v.get("ambient"), e.lighting().ambient(), s);
            assertEquals(ColorTemperature.rgb(v.get("light_color_temperature")), e.lighting().color(), s);
            assertEquals(v.get("floor_friction"), e.arena().floorFriction(), s);
            assertEquals(v.get("motor_gain"), e.dynamics().motorGain(), s);
            assertEquals(v.get("control_latency"), e.dynamics().controlLatency(), s);
            assertEquals(v.get("camera_noise"), e.cameraEffects().noiseStd(), s);
            assertEquals(v.get("camera_latency"), e.dynamics().cameraLatency(), s);
            var depth = e.cameraEffects().depth();
            assertEquals(v.get("depth_noise_base"), depth.noiseBase(), s);
            assertEquals(v.get("depth_noise_quadratic"), depth.noiseQuadratic(), s);
            assertEquals(v.get("depth_quantization"), depth.disparityStep(), s);
            assertEquals(v.get("depth_min_range"), depth.minRange(), s);
            assertEquals(v.get("depth_max_range"), depth.maxRange(), s);
            assertEquals(v.get("depth_edge_threshold"), depth.edgeThreshold(), s);
            assertEquals(v.get("depth_dropout"), depth.dropoutFraction(), s);
            assertEquals(v.get("camera_fov"), e.robot().camera().horizontalFov(), s);
            assertEquals(v.get("motor_lag"), e.robot().motorLag(), s);
            assertEquals(Fixtures.ROBOT_MASS * v.get("robot_mass_scale"), e.robot().mass(), 1e-12, s);
            assertEquals(0.5 * v.get("max_speed_scale"), e.robot().maxLinearSpeed(), 1e-12, s);
            assertEquals(0.05 + v.get("camera_jitter_x"), e.robot().camera().mount().x(), 1e-12, s);
            long extras = e.obstacles().stream().filter(o -> o.id().startsWith("extra-")).count();
            long distractors = e.obstacles().stream().filter(o -> o.id().startsWith("distractor-")).count();
            assertEquals(v.get("extra_obstacle_count").longValue(), extras, s);
            assertEquals(v.get("distractor_count").longValue(), distractors, s);
            for (Obstacle o : e.obstacles()) {
                if (!o.id().startsWith("distractor-")) {
                    assertEquals(v.get("obstacle_friction/" + o.id()), o.friction(), s + " " + o.id());
                }
            }
        }
    }

    @Test
    void layoutsRespectRegionsDistancesAndClearances() {
        PlannerCheck planner = new PlannerCheck();
        Map<String, Obstacle> nominal = Fixtures.obstacles().stream()
                .collect(Collectors.toMap(Obstacle::id, o -> o));
        for (long seed = 0; seed < SEEDS / 2; seed++) {
            EpisodeDraw d = Randomizer.draw(ALL, seed, 1.0);
            Episode e = d.episode();
            String s = "seed " + seed;
            StartSpec ss = ALL.starts().get(0);
            assertTrue(ss.region().contains(e.start().position()), s + ": start " + e.start());
            assertTrue(e.start().yaw() >= ss.yawMin() && e.start().yaw() <= ss.yawMax(), s);
            assertTrue(ALL.goals().stream().map(GoalSpec::region).anyMatch(r -> r.contains(e.goal())), s + ": goal");
            assertTrue(Layouts.distance(e.start().position(), e.goal()) >= d.values().get("start_goal_min_distance"),
                    s + ": start-goal distance");
            assertTrue(planner.problem(e).isEmpty(), s + ": " + planner.problem(e));
            double robot = ALL.robot().footprint().boundingRadius();
            for (Obstacle o : e.obstacles()) {
                String w = s + ", " + o.id() + " at " + o.pose();
                if (o.id().startsWith("extra-") || o.id().startsWith("distractor-")) {
                    double r = o.shape().boundingRadius();
                    assertTrue(e.arena().containsDisc(o.pose().position(), r - 1e-9), w + " inside the arena");
                    assertTrue(Layouts.distance(o.pose().position(), e.start().position()) >= robot + r, w);
                    assertTrue(Layouts.distance(o.pose().position(), e.goal()) >= robot + r, w);
                    assertEquals(ObstacleKind.STATIC, o.kind(), w);
                } else {
                    Obstacle n = nominal.get(o.id());
                    assertTrue(e.arena().contains(o.pose().position()), w + " centre inside the arena");
                    if (n.pinned() || n.kind() == ObstacleKind.MOVING) {
                        assertEquals(n.pose(), o.pose(), w + " must not move");
                        assertEquals(n.shape(), o.shape(), w + " must keep its size");
                    } else {
                        assertTrue(Math.abs(o.pose().x() - n.pose().x()) <= 0.3 + 1e-9, w);
                        assertTrue(Math.abs(o.pose().yaw() - n.pose().yaw()) <= 0.8 + 1e-9, w);
                    }
                }
            }
        }
    }

    @Test
    void sameSeedSameEpisodeAndDifferentSeedsDiffer() {
        for (long seed = 0; seed < 300; seed++) {
            long sd = seed * 0x9E3779B97F4A7C15L;
            Episode a = Randomizer.episode(ALL, sd);
            Episode b = Randomizer.episode(ALL, sd);
            assertEquals(a, b, "seed " + sd);
            assertEquals(sd, a.seed());
            assertNotEquals(a, Randomizer.episode(ALL, sd + 1), "seed " + sd + " and the next one");
        }
    }

    @Test
    void removingAParameterLeavesEveryOtherDrawUnchanged() {
        Map<RandomParameter, Distribution> fewer = Fixtures.everything();
        fewer.remove(RandomParameter.LIGHT_INTENSITY);
        fewer.remove(RandomParameter.OBSTACLE_HUE);
        fewer.remove(RandomParameter.MOTOR_GAIN);
        Scenario less = Fixtures.withParameters("everything", fewer);
        for (long seed = 0; seed < 500; seed++) {
            Map<String, Double> full = Randomizer.draw(ALL, seed, 1.0).values();
            Map<String, Double> part = Randomizer.draw(less, seed, 1.0).values();
            for (Map.Entry<String, Double> e : part.entrySet()) {
                assertEquals(full.get(e.getKey()), e.getValue(), "seed " + seed + ", draw " + e.getKey());
            }
            assertEquals(full.size(), part.size() + 1 + full.keySet().stream()
                    .filter(k -> k.startsWith("obstacle_hue/")).count() + 1, "seed " + seed);
        }
    }

    @Test
    void addingALayoutParameterLeavesVisualAndPhysicalDrawsUnchanged() {
        Map<RandomParameter, Distribution> fewer = Fixtures.everything();
        fewer.remove(RandomParameter.EXTRA_OBSTACLE_COUNT);
        Scenario less = Fixtures.withParameters("everything", fewer);
        for (long seed = 0; seed < 300; seed++) {
            Map<String, Double> full = Randomizer.draw(ALL, seed, 1.0).values();
            Map<String, Double> part = Randomizer.draw(less, seed, 1.0).values();
            for (Map.Entry<String, Double> e : part.entrySet()) {
                RandomParameter p = RandomParameter.byKey(EpisodeDraw.parameterKey(e.getKey())).orElseThrow();
                boolean fixedDraw = p.group() != ParameterGroup.LAYOUT && !p.key().startsWith("distractor")
                        && !e.getKey().contains("/extra-") && !e.getKey().contains("/distractor-");
                if (fixedDraw) {
                    assertEquals(full.get(e.getKey()), e.getValue(), "seed " + seed + ", draw " + e.getKey());
                }
            }
        }
    }
}
