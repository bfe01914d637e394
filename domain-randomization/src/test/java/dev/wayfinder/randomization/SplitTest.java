package dev.wayfinder.randomization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.randomization.rng.Rng;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitTest {
    @Test
    void splitSeedsNeverOverlapAndRoundTrip() {
        Rng r = Rng.stream(2024, "split-test");
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            long index = i < 1000 ? i : r.nextLong() & Split.MAX_INDEX;
            for (Split s : Split.values()) {
                long seed = s.seed(index);
                assertEquals(Optional.of(s), Split.of(seed), "seed 2024, index " + index);
                assertEquals(index, s.index(seed), "seed 2024, index " + index);
                seen.add(seed);
            }
            assertNotEquals(Split.TRAIN.seed(index), Split.TEST.seed(index));
        }
        // Every (split, index) pair gave its own seed: the three seed spaces are disjoint.
        assertEquals(3 * 3000, seen.size());
        assertEquals(Optional.empty(), Split.of(12345));
        assertEquals(Split.MAX_INDEX, Split.TEST.index(-1L));
    }

    @Test
    void theSameIndexInDifferentSplitsGivesDifferentEpisodes() {
        var s = Fixtures.everythingScenario();
        for (long i = 0; i < 50; i++) {
            assertNotEquals(Randomizer.episode(s, Split.TRAIN.seed(i)), Randomizer.episode(s, Split.TEST.seed(i)),
                    "index " + i);
            assertNotEquals(Randomizer.episode(s, Split.VALIDATION.seed(i)), Randomizer.episode(s, Split.TEST.seed(i)),
                    "index " + i);
        }
    }

    @Test
    void badIndicesAndNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Split.TRAIN.seed(-1));
        assertThrows(IllegalArgumentException.class, () -> Split.TRAIN.seed(Split.MAX_INDEX + 1));
        assertThrows(IllegalArgumentException.class, () -> Split.TRAIN.index(Split.TEST.seed(3)));
        assertEquals(Optional.of(Split.VALIDATION), Split.byKey("Validation"));
        assertTrue(Split.byKey("dev").isEmpty());
    }
}
