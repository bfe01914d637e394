package dev.wayfinder.scenarios.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Scenario;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One distribution as text: what the file writes reads back equal, and bad text is refused with its reason. */
class DistributionTextTest {
    @Test
    void everyBundledDistributionReadsBackEqual() throws ScenarioException {
        int checked = 0;
        for (String name : ScenarioLibrary.NAMES) {
            Scenario s = ScenarioLibrary.load(name);
            for (Map.Entry<RandomParameter, Distribution> e : s.randomization().parameters().entrySet()) {
                String text = DistributionText.format(e.getKey(), e.getValue());
                assertEquals(e.getValue(), DistributionText.parse(e.getKey(), text), name + " " + e.getKey().key()
                        + " written as " + text);
                checked++;
            }
        }
        assertTrue(checked > 50, "the bundled scenarios randomize many parameters, checked " + checked);
    }

    @Test
    void anglesAreDegreesAndCategoriesNames() throws ScenarioException {
        assertEquals(new Distribution.Uniform(0, Math.PI / 2),
                DistributionText.parse(RandomParameter.LIGHT_AZIMUTH, "{uniform: [0, 90]}"));
        assertEquals("{uniform: [0, 90]}",
                DistributionText.format(RandomParameter.LIGHT_AZIMUTH, new Distribution.Uniform(0, Math.PI / 2)));
        Distribution textures = DistributionText.parse(RandomParameter.WALL_TEXTURE, "{choice: [solid, brick]}");
        assertEquals("{choice: [solid, brick]}", DistributionText.format(RandomParameter.WALL_TEXTURE, textures));
        assertEquals(new Distribution.Fixed(3), DistributionText.parse(RandomParameter.EXTRA_OBSTACLE_COUNT, "3"));
    }

    @Test
    void randomUniformRangesSurvive() throws ScenarioException {
        long seed = 20_261_207L;
        Random r = new Random(seed);
        for (int i = 0; i < 500; i++) {
            RandomParameter p = RandomParameter.values()[r.nextInt(RandomParameter.values().length)];
            if (p.unit() == dev.wayfinder.scenarios.model.ParameterUnit.CATEGORY) {
                continue;
            }
            double a = p.domainMin() + r.nextDouble() * (p.domainMax() - p.domainMin());
            double b = a + r.nextDouble() * (p.domainMax() - a);
            if (p.unit() == dev.wayfinder.scenarios.model.ParameterUnit.COUNT) {
                a = Math.ceil(a);
                b = Math.max(a, Math.floor(b));
            }
            Distribution d = new Distribution.Uniform(a, b);
            String text = DistributionText.format(p, d);
            int n = i;
            assertEquals(d, DistributionText.parse(p, text), () -> "seed " + seed + " draw " + n + ": " + text);
        }
    }

    @Test
    void badTextNamesTheParameterAndWhatWasExpected() {
        ScenarioException out = assertThrows(ScenarioException.class,
                () -> DistributionText.parse(RandomParameter.AMBIENT, "{uniform: [0.2, 3]}"));
        assertTrue(out.getMessage().startsWith("ambient:1:"), out.getMessage());
        assertTrue(out.getMessage().contains("3"), out.getMessage());
        ScenarioException swapped = assertThrows(ScenarioException.class,
                () -> DistributionText.parse(RandomParameter.AMBIENT, "{uniform: [0.6, 0.2]}"));
        assertTrue(swapped.getMessage().contains("min <= max"), swapped.getMessage());
        ScenarioException texture = assertThrows(ScenarioException.class,
                () -> DistributionText.parse(RandomParameter.FLOOR_TEXTURE, "{choice: [solid, chekcer]}"));
        assertTrue(texture.getMessage().contains("did you mean 'checker'"), texture.getMessage());
        ScenarioException form = assertThrows(ScenarioException.class,
                () -> DistributionText.parse(RandomParameter.AMBIENT, "{uniformly: [0, 1]}"));
        assertTrue(form.getMessage().contains("uniform"), form.getMessage());
        for (String bad : List.of("", "  ", "[0, 1]", "{uniform: [0, 1]", "{uniform: [0, 1]}\n---\n1")) {
            assertThrows(ScenarioException.class, () -> DistributionText.parse(RandomParameter.AMBIENT, bad),
                    () -> "'" + bad + "' is not a distribution");
        }
    }
}
