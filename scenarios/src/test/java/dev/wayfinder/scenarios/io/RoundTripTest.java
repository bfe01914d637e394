package dev.wayfinder.scenarios.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Canonical YAML loads back to an equal scenario, and writing is idempotent. */
class RoundTripTest {
    static java.util.List<String> names() {
        return ScenarioLibrary.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void bundledScenarioSurvivesSaveAndLoad(String name) throws ScenarioException {
        Scenario s = ScenarioLibrary.load(name);
        String text = ScenarioWriter.write(s);
        Scenario back = ScenarioLoader.parse(text, name + " (written)");
        assertEquals(s, back);
        assertEquals(text, ScenarioWriter.write(back));
    }

    @Test
    void randomScenariosSurviveSaveAndLoad() {
        long base = 20_261_129L;
        for (int i = 0; i < 300; i++) {
            long seed = base + i;
            Scenario s = RandomScenarios.generate(new Random(seed));
            String text = ScenarioWriter.write(s);
            Scenario back;
            try {
                back = ScenarioLoader.parseStructure(text, "generated");
            } catch (ScenarioException e) {
                throw new AssertionError("seed " + seed + ": written scenario does not load:\n" + e.getMessage()
                        + "\n" + text, e);
            }
            assertEquals(s, back, () -> "seed " + seed + ":\n" + text);
        }
    }

    @Test
    void degreesAreWrittenSoThatRadiansComeBackExactly() {
        Random r = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            double rad = (r.nextDouble() * 4 - 2) * Math.PI;
            String d = Angles.degrees(rad);
            assertEquals(rad, Angles.radians(d), () -> "radians " + rad + " written as " + d);
        }
        assertEquals("90", Angles.degrees(Angles.radians("90")));
        assertEquals("-17.5", Angles.degrees(Angles.radians("-17.5")));
        assertEquals(Math.PI / 2, Angles.radians("90"));
    }

    @Test
    void numbersAreShortAndExact() {
        assertEquals("0", Numbers.format(0.0));
        assertEquals("-0.0", Numbers.format(-0.0));
        assertEquals("0.1", Numbers.format(0.1));
        assertEquals("1.0E-5", Numbers.format(1e-5));
        assertEquals("4", Numbers.format(4.0));
        Random r = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            double v = Double.longBitsToDouble(r.nextLong());
            if (Double.isFinite(v)) {
                assertEquals(v, Double.parseDouble(Numbers.format(v)));
            }
        }
    }
}
