package dev.wayfinder.policy.expert;

import dev.wayfinder.policy.rollout.Driver;
import dev.wayfinder.policy.rollout.EpisodeResult;
import dev.wayfinder.policy.rollout.Rollouts;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The privileged expert solves randomized cluttered-room episodes, which imitation depends on. */
class ExpertTest {
    @Test
    void expertReachesMostRandomizedGoals() throws Exception {
        var s = ScenarioLibrary.load("cluttered-room");
        try (Rollouts r = new Rollouts(List.of(s), 4, false)) {
            var out = r.run(new Rollouts.Plan(Driver.EXPERT, 1, Split.VALIDATION, 0, 1_000_000, 24, 3),
                    Optional.empty(), Optional.empty(), Optional.empty());
            long ok = out.episodes().stream().filter(EpisodeResult::success).count();
            double spl = out.episodes().stream().mapToDouble(EpisodeResult::spl).average().orElse(0);
            System.out.println("expert: " + ok + "/" + out.episodes().size() + " spl " + spl + " steps " + out.steps());
            out.episodes().stream().filter(e -> !e.success()).forEach(System.out::println);
            assertTrue(ok >= 0.9 * out.episodes().size(), "validation seeds from index 0: " + out.episodes());
        }
    }
}
