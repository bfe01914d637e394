package dev.wayfinder.randomization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Scenario;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The visual-style variant draws looks the training distribution never produces, and leaves geometry alone. */
class StyleVariantTest {
    @Test
    void texturesAndSaturationsLeaveTheTrainingPalette() throws Exception {
        Scenario s = ScenarioLibrary.load("cluttered-room");
        Scenario style = Randomizer.style(s);
        assertEquals("cluttered-room-style", style.name());
        for (RandomParameter p : new RandomParameter[] {RandomParameter.FLOOR_TEXTURE, RandomParameter.WALL_TEXTURE,
                RandomParameter.OBSTACLE_TEXTURE}) {
            var train = (Distribution.Choice) s.randomization().get(p).orElseThrow();
            var shown = (Distribution.Choice) style.randomization().get(p).orElseThrow();
            for (double v : shown.values()) {
                assertFalse(train.values().contains(v), p + ": texture " + v + " is in the training palette");
            }
        }
        for (RandomParameter p : new RandomParameter[] {RandomParameter.FLOOR_SATURATION,
                RandomParameter.WALL_SATURATION}) {
            double trainMax = s.randomization().get(p).orElseThrow().max();
            assertTrue(style.randomization().get(p).orElseThrow().min() > trainMax, p + " above " + trainMax);
        }
        // Same geometry: for one seed, the style episode's obstacles, start and goal equal the training draw's.
        long seed = Split.TEST.seed(7);
        Episode a = Randomizer.episode(s, seed, 1.0);
        Episode b = Randomizer.episode(style, seed, 1.0);
        assertEquals(a.start(), b.start(), "seed " + seed);
        assertEquals(a.goal(), b.goal(), "seed " + seed);
        assertEquals(a.obstacles().size(), b.obstacles().size(), "seed " + seed);
        Set<Object> looks = new HashSet<>();
        looks.add(a.arena().floorMaterial());
        looks.add(b.arena().floorMaterial());
        assertEquals(2, looks.size(), "the floor looks different (seed " + seed + ")");
    }
}
