package dev.wayfinder.randomization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.randomization.layout.PlannerCheck;
import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every bundled scenario randomizes into solvable episodes whose draws respect the file's ranges. */
class LibraryScenariosTest {
    private static final int SEEDS = 150;

    @Test
    void everyBundledScenarioDrawsSolvableEpisodesWithinItsRanges() throws ScenarioException {
        PlannerCheck planner = new PlannerCheck();
        for (String name : ScenarioLibrary.NAMES) {
            Scenario s = ScenarioLibrary.load(name);
            for (long i = 0; i < SEEDS; i++) {
                long seed = Split.values()[(int) (i % 3)].seed(i);
                double progress = (i % 4) / 3.0;
                EpisodeDraw d = Randomizer.draw(s, seed, progress);
                String where = name + ", seed " + seed + ", progress " + progress;
                assertEquals(name, d.episode().scenarioName(), where);
                assertTrue(planner.problem(d.episode()).isEmpty(), where + ": " + planner.problem(d.episode()));
                for (Map.Entry<String, Double> e : d.values().entrySet()) {
                    RandomParameter p = RandomParameter.byKey(EpisodeDraw.parameterKey(e.getKey())).orElseThrow();
                    Distribution range = s.randomization().get(p).orElseThrow();
                    assertTrue(e.getValue() >= range.min() && e.getValue() <= range.max(),
                            where + ": " + e + " outside " + range);
                }
            }
        }
    }
}
