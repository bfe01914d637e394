package dev.wayfinder.studio.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.policy.eval.EvalRow;
import dev.wayfinder.policy.eval.Report;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.eval.EvalResult;
import dev.wayfinder.sim.record.EpisodeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation folders as the commands write them, read back. */
class EvalFolderTest {
    @TempDir
    Path dir;

    @Test
    void recordedEpisodesGiveTheirTableRowAndTheirRecordings() throws Exception {
        List<Path> files = Recordings.expert(ScenarioLibrary.load("empty-arena"), false, dir, 0, 1, 2);
        EvalFolder f = EvalFolder.read(dir);
        assertEquals(3, f.episodes().size());
        List<EpisodeOutcome> outcomes = f.episodes().stream().map(EvalFolder.EpisodeItem::outcome).toList();
        assertEquals(List.of(0L, 1L, 2L), outcomes.stream().map(EpisodeOutcome::seed).toList());
        assertEquals(files, f.episodes().stream().map(e -> e.recording().orElseThrow()).toList());
        assertEquals(List.of(new EvalRow("empty-arena", EvalFolder.PERTURBED, "expert", EvalResult.of(outcomes))),
                f.rows());
        Files.delete(files.get(1));
        assertEquals(Optional.empty(), EvalFolder.read(dir).episodes().get(1).recording(),
                "a listed recording that is gone is not offered");
    }

    @Test
    void anEvaluationsResultsTableReadsBackExactly() throws Exception {
        List<EvalRow> rows = List.of(
                new EvalRow("cluttered-room", "in-distribution", "policy", new EvalResult(30, 0.4, 0.31, 0.2,
                        0.4, 210.5, 12.25)),
                new EvalRow("cluttered-room", "ood", "random", new EvalResult(30, 0, 0, 0.9, 0.1, 40,
                        Double.NaN)));
        Report.writeResults(dir, rows);
        EvalFolder f = EvalFolder.read(dir);
        assertEquals(rows, f.rows());
        assertEquals(List.of(), f.episodes());
    }

    @Test
    void aFolderThatIsNoEvaluationSaysWhatWasExpected() throws Exception {
        IOException e = assertThrows(IOException.class, () -> EvalFolder.read(dir));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains(EpisodeTable.FILE)
                && e.getMessage().contains(Report.RESULTS), e.getMessage());
        Files.writeString(dir.resolve(EpisodeTable.FILE), EpisodeTable.HEADER + "\nexpert,false,empty-arena,x\n");
        e = assertThrows(IOException.class, () -> EvalFolder.read(dir));
        assertTrue(e.getMessage().contains(EpisodeTable.FILE + ":2:") && e.getMessage().contains("12"),
                e.getMessage());
    }
}
