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
            out.add(Evaluator.runEpisode(env, expert, 0, s -> { }));
            for (int i = 1; i < episodes; i++) {
                out.add(Evaluator.runEpisode(env, expert, Evaluator.episodeSeed(base, i), s -> { }));
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
        EvalResult r = Evaluator.summarize(out);
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
    void expertIsDeterministic() {
        Episode e = TestEpisodes.clutter(TestEpisodes.noisy());
        List<EpisodeOutcome> a = run(EpisodeSource.fixed(e), EnvConfig.DISCRETE, 3, 5);
        List<EpisodeOutcome> b = run(EpisodeSource.fixed(e), EnvConfig.DISCRETE, 3, 5);
        assertEquals(a, b);
    }
}
