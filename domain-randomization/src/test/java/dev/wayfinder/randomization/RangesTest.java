package dev.wayfinder.randomization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.randomization.rng.Rng;
import dev.wayfinder.randomization.rng.Sampler;
import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Scenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Curriculum narrowing and out-of-distribution widening. */
class RangesTest {
    @Test
    void widenedRangesContainTheOriginalStayInTheDomainAndGrowByAtMostTheFactor() {
        for (double factor : new double[] {1, 1.5, 3, 100}) {
            for (Map.Entry<RandomParameter, Distribution> e : Fixtures.everything().entrySet()) {
                RandomParameter p = e.getKey();
                Distribution d = e.getValue();
                Distribution w = Ranges.widen(d, p, factor);
                String s = p.key() + " x" + factor + ": " + d + " -> " + w;
                assertEquals(d.getClass(), w.getClass(), s);
                assertTrue(w.min() <= d.min() && w.max() >= d.max(), s + " contains the original");
                assertTrue(w.min() >= p.domainMin() && w.max() <= p.domainMax(), s + " inside the domain");
                assertTrue(p.check(w).isEmpty(), s + ": " + p.check(w));
                if (!(d instanceof Distribution.Choice) && !(d instanceof Distribution.LogUniform)) {
                    assertTrue(w.max() - w.min() <= factor * (d.max() - d.min()) * (1 + 1e-12) + 1e-12, s);
                }
                if (factor == 1) {
                    assertEquals(d.min(), w.min(), 1e-12, s);
                    assertEquals(d.max(), w.max(), 1e-12, s);
                }
            }
        }
    }

    @Test
    void widenedCategoryChoicesAddTheUnusedCategories() {
        var d = Fixtures.generic(RandomParameter.FLOOR_TEXTURE);
        var w = (Distribution.Choice) Ranges.widen(d, RandomParameter.FLOOR_TEXTURE, 2);
        assertEquals(RandomParameter.FLOOR_TEXTURE.categories().size(), w.values().size());
        assertSame(d, Ranges.widen(d, RandomParameter.FLOOR_TEXTURE, 1));
        var fixed = new Distribution.Fixed(0.7);
        assertSame(fixed, Ranges.widen(fixed, RandomParameter.FLOOR_FRICTION, 5));
        assertThrows(IllegalArgumentException.class, () -> Ranges.widen(fixed, RandomParameter.AMBIENT, 0.5));
    }

    @Test
    void oodScenarioDrawsBeyondTheTrainingRangeButInsideTheDomain() {
        Scenario train = Fixtures.everythingScenario();
        Scenario ood = Randomizer.ood(train, 2);
        assertEquals("everything-ood", ood.name());
        boolean outside = false;
        for (long seed = 0; seed < 300; seed++) {
            EpisodeDraw d = Randomizer.draw(ood, seed, 1.0);
            double v = d.values().get("floor_friction");
            Distribution trainRange = train.randomization().get(RandomParameter.FLOOR_FRICTION).orElseThrow();
            outside |= v < trainRange.min() || v > trainRange.max();
            for (var e : d.values().entrySet()) {
                RandomParameter p = RandomParameter.byKey(EpisodeDraw.parameterKey(e.getKey())).orElseThrow();
                Distribution range = ood.randomization().get(p).orElseThrow();
                assertTrue(e.getValue() >= range.min() && e.getValue() <= range.max(), "seed " + seed + " " + e);
            }
        }
        assertTrue(outside, "some out-of-distribution floor friction lies outside the training range");
    }

    @Test
    void narrowedRangesShrinkTowardTheNominalValue() {
        List<Distribution> cases = List.of(new Distribution.Uniform(0.2, 1.4), new Distribution.Normal(1, 0.3, 0.2, 1.4),
                new Distribution.LogUniform(0.2, 1.4), Distribution.Choice.of(List.of(0.2, 0.8, 1.4)));
        for (Distribution d : cases) {
            for (double width : new double[] {0, 0.25, 0.5, 1}) {
                Distribution n = Ranges.narrow(d, 0.8, width);
                String s = d + " at width " + width + ": " + n;
                assertTrue(n.min() >= d.min() && n.max() <= d.max(), s);
                Rng r = Rng.stream(11, "narrow");
                for (int i = 0; i < 2000; i++) {
                    double v = Sampler.sample(n, r);
                    if (d instanceof Distribution.Choice) {
                        assertTrue(width > 0 || v == 0.8, s + ": " + v);
                    } else if (d instanceof Distribution.LogUniform) {
                        double lv = Math.log(v / 0.8);
                        assertTrue(lv >= width * Math.log(0.2 / 0.8) - 1e-9 && lv <= width * Math.log(1.4 / 0.8) + 1e-9,
                                s + ": seed 11, " + v);
                    } else {
                        assertTrue(v >= 0.8 - width * 0.6 - 1e-9 && v <= 0.8 + width * 0.6 + 1e-9, s + ": seed 11, " + v);
                    }
                }
            }
        }
        assertSame(cases.get(0), Ranges.narrow(cases.get(0), 0.8, 1));
    }
}
