package dev.wayfinder.policy.rollout;

import dev.wayfinder.randomization.Split;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The privileged expert, driven through {@link Rollouts}, solves randomized cluttered-room episodes (imitation
 * depends on it), and a fixed quota runs exactly the requested split indices.
 */
class ExpertRolloutsTest {
    @Test
    void expertReachesMostRandomizedGoals() throws Exception {
        var s = ScenarioLibrary.load("cluttered-room");
        try (Rollouts r = new Rollouts(List.of(s), 4, false)) {
            var out = r.run(new Rollouts.Plan(Driver.EXPERT, 1, Split.VALIDATION, 0, Long.MAX_VALUE, 12, 3),
                    Optional.empty(), Optional.empty(), Optional.empty());
            assertTrue(out.episodes().size() <= 12 && out.episodes().size() >= 10, "quota: " + out.episodes().size());
            assertEquals(out.episodes().size(), out.episodes().stream().map(EpisodeResult::seed).distinct().count());
            for (EpisodeResult e : out.episodes()) {
                assertEquals(Split.VALIDATION, Split.of(e.seed()).orElseThrow());
                assertTrue(Split.VALIDATION.index(e.seed()) < 12, "index within the quota: " + e);
            }
            long ok = out.episodes().stream().filter(EpisodeResult::success).count();
            double spl = out.episodes().stream().mapToDouble(EpisodeResult::spl).average().orElse(0);
            assertTrue(ok >= 0.9 * out.episodes().size() && spl > 0.7,
                    "validation seeds 0..11: " + ok + " successes, SPL " + spl + ": " + out.episodes());
        }
    }
}
