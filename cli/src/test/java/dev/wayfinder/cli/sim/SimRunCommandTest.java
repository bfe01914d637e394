package dev.wayfinder.cli.sim;

import dev.wayfinder.cli.CliRun;
import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.sim.record.EpisodeTable;
import dev.wayfinder.sim.record.Recording;
import dev.wayfinder.sim.record.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code wayfinder sim run}: the expert, and a trained model through the same episode loop. */
class SimRunCommandTest {
    private static final String MODEL = Path.of("..", "models", "cluttered-room-rgbd-map").toString();

    @Test
    @ExtendWith(NeedsEgl.class)
    void aTrainedModelRunsInTheSimulatorAndIsRecorded(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("sim", "run", "--scenario", "empty-arena", "--policy", MODEL, "--episodes", "2",
                "--randomize", "--seed", "3", "--json", "--record", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().replace(" ", "").contains("\"episodes\":2,"), r.toString());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.filter(f -> f.toString().endsWith(".wfrec")).count(), r.toString());
        }
        // The recording replays bit for bit: the trained policy's actions were recorded as the episode ran.
        Path first;
        try (var files = Files.list(dir)) {
            first = files.sorted().findFirst().orElseThrow();
        }
        CliRun replay = CliRun.of("sim", "replay", "--randomize", first.toString());
        assertEquals(0, replay.exitCode(), replay.toString());
    }

    @Test
    void recordedEpisodesAreListedWithTheirOutcomesForTheStudio(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("sim", "run", "--scenario", "empty-arena", "--episodes", "3", "--seed", "5", "--record",
                dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        var entries = EpisodeTable.read(dir.resolve(EpisodeTable.FILE));
        assertEquals(java.util.List.of(5L, 6L, 7L), entries.stream().map(e -> e.outcome().seed()).toList());
        for (EpisodeTable.Entry e : entries) {
            assertEquals("expert", e.policy());
            assertEquals(false, e.randomized());
            assertTrue(e.outcome().success(), e.toString());
            Recording rec = RecordingFile.read(dir.resolve(e.recording()));
            assertEquals(e.outcome().steps(), rec.steps().size());
            assertEquals(e.outcome().seed(), rec.seed());
        }
    }

    @Test
    void theExpertRunIsSummarized() {
        CliRun r = CliRun.of("sim", "run", "--scenario", "empty-arena", "--episodes", "2");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("success rate") && r.out().contains("100.0 %"), r.toString());
    }

    @Test
    void aMissingModelOrAModelWithContinuousActionsIsAUserError(@TempDir Path dir) {
        CliRun missing = CliRun.of("sim", "run", "--scenario", "empty-arena", "--policy", dir.resolve("nope").toString());
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("--policy") && missing.err().contains("nope"), missing.toString());
        CliRun empty = CliRun.of("sim", "run", "--scenario", "empty-arena", "--policy", dir.toString());
        assertEquals(1, empty.exitCode(), empty.toString());
        assertTrue(empty.err().contains("expected a model folder"), empty.toString());
        CliRun continuous = CliRun.of("sim", "run", "--scenario", "empty-arena", "--policy", MODEL, "--actions",
                "continuous");
        assertEquals(1, continuous.exitCode(), continuous.toString());
        assertTrue(continuous.err().contains("discrete"), continuous.toString());
        CliRun shield = CliRun.of("sim", "run", "--scenario", "empty-arena", "--shield");
        assertEquals(1, shield.exitCode(), shield.toString());
    }
}
