package dev.wayfinder.sim.record;

import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingFolderTest {
    @TempDir
    Path dir;

    private static Recording recording(String scenario, long seed, int steps) {
        List<Recording.Step> s = new java.util.ArrayList<>();
        for (int i = 0; i < steps; i++) {
            s.add(new Recording.Step(new Action.Discrete(0), i, 0, 0, 0, false, false));
        }
        return new Recording(scenario, "0123456789abcdef", seed, EnvConfig.DISCRETE, s, "running");
    }

    private static EpisodeOutcome outcome(String scenario, long seed, int steps) {
        return new EpisodeOutcome(scenario, seed, false, false, "none", steps, steps / 10.0, 0, 1);
    }

    @Test
    void aFreshFolderListsItsOwnEpisodesAndAContinuedOneAddsAndReplacesByFile() throws IOException {
        Path runs = dir.resolve("runs");
        RecordingFolder f = RecordingFolder.fresh(runs);
        Path a = f.add("expert", false, outcome("room", 0, 3), recording("room", 0, 3));
        f.add("expert", false, outcome("room", 1, 4), recording("room", 1, 4));
        assertEquals(runs.resolve("room-0.wfrec"), a);
        assertEquals(3, RecordingFile.read(a).steps().size());
        assertEquals(2, EpisodeTable.read(runs.resolve(EpisodeTable.FILE)).size());

        RecordingFolder again = RecordingFolder.continued(runs);
        assertEquals(2, again.entries().size(), "the table it found");
        again.add("keyboard", true, outcome("room", 0, 7), recording("room", 0, 7));
        List<EpisodeTable.Entry> table = EpisodeTable.read(runs.resolve(EpisodeTable.FILE));
        assertEquals(List.of("room-1.wfrec", "room-0.wfrec"), table.stream().map(EpisodeTable.Entry::recording).toList(),
                "seed 0 recorded again replaces its line");
        assertEquals("keyboard", table.get(1).policy());
        assertEquals(7, RecordingFile.read(runs.resolve("room-0.wfrec")).steps().size());

        RecordingFolder.fresh(runs).add("expert", false, outcome("room", 5, 1), recording("room", 5, 1));
        assertEquals(1, EpisodeTable.read(runs.resolve(EpisodeTable.FILE)).size(), "a fresh folder's table is its own");
    }

    @Test
    void aFileWhereTheFolderShouldBeIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        IOException e = assertThrows(IOException.class, () -> RecordingFolder.continued(file));
        assertTrue(e.getMessage() != null && e.getMessage().contains("taken"), String.valueOf(e.getMessage()));
    }
}
