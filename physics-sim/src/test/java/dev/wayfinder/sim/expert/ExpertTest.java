package dev.wayfinder.sim.expert;

import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.TestEpisodes;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.EpisodeSource;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.eval.EvalResult;
import dev.wayfinder.sim.eval.Evaluator;
import dev.wayfinder.sim.eval.PerturbedStarts;
import dev.wayfinder.sim.eval.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpertTest {
    /** 25 episodes per scenario: at this count a success rate of at least 98 % means no failure at all. */
    private static final int EPISODES = 25;
    private static final long BASE_SEED = 2026;

    static Stream<String> staticScenarios() throws Exception {
        List<String> names = new ArrayList<>();
        for (String n : ScenarioLibrary.NAMES) {
            Scenario s = ScenarioLibrary.load(n);
            if (s.obstacles().stream().noneMatch(o -> o.kind() == ObstacleKind.MOVING)) {
                names.add(n);
            }
        }
        return names.stream();
    }

    private static List<EpisodeOutcome> run(EpisodeSource source, EnvConfig cfg, int episodes, long base) {
        List<EpisodeOutcome> out = new ArrayList<>();
        try (NavEnv env = new NavEnv(source, cfg)) {
            Policy expert = Policy.expert(cfg);
            out.add(Evaluator.runEpisode(env, expert, 0, (a, s) -> { }));
            for (int i = 1; i < episodes; i++) {
                out.add(Evaluator.runEpisode(env, expert, Evaluator.episodeSeed(base, i), (a, s) -> { }));
            }
        }
        return out;
    }

    private static void assertAllSucceed(String what, List<EpisodeOutcome> outcomes) {
        List<EpisodeOutcome> failed = outcomes.stream().filter(o -> !o.success()).toList();
        assertTrue(failed.isEmpty(), what + ": " + failed.size() + " of " + outcomes.size()
                + " episodes failed (base seed " + BASE_SEED + "): " + failed);
    }

    @ParameterizedTest
    @MethodSource("staticScenarios")
    void reachesTheGoalOnEveryStaticScenarioWithDiscreteActions(String name) throws Exception {
        Scenario s = ScenarioLibrary.load(name);
        List<EpisodeOutcome> out = run(PerturbedStarts.of(s), EnvConfig.DISCRETE, EPISODES, BASE_SEED);
        assertAllSucceed(name, out);
        EvalResult r = EvalResult.of(out);
        assertTrue(r.spl() > 0.8, name + ": SPL " + r.spl());
    }

    @Test
    void reachesTheGoalWithContinuousActionsAndNoisyDynamics() throws Exception {
        Scenario s = ScenarioLibrary.load("cluttered-room");
        assertAllSucceed("cluttered-room, continuous, noisy",
                run(PerturbedStarts.of(s).withDynamics(TestEpisodes.noisy()), EnvConfig.CONTINUOUS, 10, BASE_SEED));
    }

    @Test
    void avoidsMovingObstacles() throws Exception {
        Scenario s = ScenarioLibrary.load("moving-obstacles");
        List<EpisodeOutcome> out = run(PerturbedStarts.of(s), EnvConfig.DISCRETE, 10, BASE_SEED);
        long ok = out.stream().filter(EpisodeOutcome::success).count();
        assertTrue(ok >= 9, "moving-obstacles: " + ok + "/10 (base seed " + BASE_SEED + "): " + out);
    }

    @Test
    void costsRankTheChosenActionFirstAndMarkUnsafeOnes() {
        long seed = 17;
        EnvConfig cfg = EnvConfig.DISCRETE;
        Expert expert = new Expert(cfg);
        double[] costs = new double[cfg.actions().size()];
        int unsafeSteps = 0;
        int steps = 0;
        try (NavEnv env = new NavEnv(EpisodeSource.fixed(TestEpisodes.clutter(TestEpisodes.noisy())), cfg)) {
            env.reset(seed);
            expert.reset();
            boolean done = false;
            while (!done) {
                int a = ((dev.wayfinder.sim.env.Action.Discrete) expert.act(env.world(), env.state())).index();
                expert.lastCosts(costs);
                assertEquals(0, costs[a], 0, "seed " + seed + ", step " + steps + ": the chosen action costs 0");
                boolean anyUnsafe = false;
                for (double c : costs) {
                    assertTrue(c >= 0, "seed " + seed + ", step " + steps + ": costs " + java.util.Arrays.toString(costs));
                    anyUnsafe |= c == Double.POSITIVE_INFINITY;
                }
                unsafeSteps += anyUnsafe ? 1 : 0;
                var r = env.step(new dev.wayfinder.sim.env.Action.Discrete(a));
                done = r.done();
                steps++;
                if (done) {
                    assertTrue(r.info().success(), "seed " + seed + ": " + r.info());
                }
            }
        }
        assertEquals(0, unsafeSteps, "seed " + seed + ": keeping its clearance, the expert never needs an unsafe command");
        // A post 4.5 cm in front of the robot: driving forward would hit it, turning on the spot is safe.
        var post = dev.wayfinder.scenarios.model.Obstacle.fixed("post", new dev.wayfinder.scenarios.model.Cylinder(0.15, 0.6),
                new dev.wayfinder.scenarios.model.Pose2(-1.7, 0, 0), TestEpisodes.GREY);
        Episode blocked = TestEpisodes.episode(List.of(post), new dev.wayfinder.scenarios.model.Pose2(-2, 0, 0),
                new dev.wayfinder.scenarios.model.Vec2(2, 0), dev.wayfinder.scenarios.model.Dynamics.NOMINAL, 0.8);
        try (NavEnv env = new NavEnv(EpisodeSource.fixed(blocked), cfg)) {
            env.reset(seed);
            expert.reset();
            expert.act(env.world(), env.state());
            expert.lastCosts(costs);
            int forward = 0;
            int turnLeft = 3;
            assertEquals(Double.POSITIVE_INFINITY, costs[forward], java.util.Arrays.toString(costs));
            assertTrue(Double.isFinite(costs[turnLeft]), java.util.Arrays.toString(costs));
        }
        assertThrows(IllegalArgumentException.class, () -> expert.lastCosts(new double[1]));
    }

    @Test
    void theRoutePointLiesAheadAlongThePlannedPath() {
        long seed = 19;
        EnvConfig cfg = EnvConfig.DISCRETE;
        Expert expert = new Expert(cfg);
        double[] p = new double[2];
        try (NavEnv env = new NavEnv(EpisodeSource.fixed(TestEpisodes.clutter(TestEpisodes.noisy())), cfg)) {
            env.reset(seed);
            expert.reset();
            var st = env.state();
            assertFalse(expert.routePoint(st.robotX(), st.robotY(), 0.8, p), "no route before the first plan");
            expert.act(env.world(), st);
            assertTrue(expert.routePoint(st.robotX(), st.robotY(), 0.8, p));
            double d = Math.hypot(p[0] - st.robotX(), p[1] - st.robotY());
            assertTrue(d > 0.5 && d <= 0.8 + 1e-9, "seed " + seed + ": route point " + d + " m away");
            // The block between start and goal sits at x 0 above y 0: the route must not cut through it.
            var path = expert.path().orElseThrow().points();
            for (int k = 0; k + 1 < path.size(); k++) {
                double mx = (path.get(k).x() + path.get(k + 1).x()) / 2;
                double my = (path.get(k).y() + path.get(k + 1).y()) / 2;
                assertFalse(Math.abs(mx) < 0.2 && my > 0 && my < 1.6, "seed " + seed + ": path through the block");
            }
        }
    }

    @Test
    void expertIsDeterministic() {
        Episode e = TestEpisodes.clutter(TestEpisodes.noisy());
        List<EpisodeOutcome> a = run(EpisodeSource.fixed(e), EnvConfig.DISCRETE, 3, 5);
        List<EpisodeOutcome> b = run(EpisodeSource.fixed(e), EnvConfig.DISCRETE, 3, 5);
        assertEquals(a, b);
    }
}
