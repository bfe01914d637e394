package dev.wayfinder.cli.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The studio command's mistakes are user errors; none of these start JavaFX. */
class StudioCommandTest {
  @TempDir Path dir;

  @Test
  void aMissingFileIsAUserErrorNamingTheBundledScenarios() {
    CliRun r = CliRun.of("studio", dir.resolve("nope.yaml").toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("nope.yaml: no such file, and not a bundled scenario"), r.err());
    assertTrue(r.err().contains("cluttered-room"), r.err());
    assertTrue(!r.err().contains("Exception"), "no stack trace: " + r.err());
  }

  @Test
  void aBrokenFileListsItsLocatedProblems() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "name: bad\narena: {size: [4, -1]}\nstarts: [{center: [0, 0]}]\ngoals: [{center: [1, 1]}]\n");
    CliRun r = CliRun.of("studio", bad.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains(bad + ":2:"), "file:line:column: " + r.err());
  }

  @Test
  void snapshotNeedsAFolderAndNoFile() throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    CliRun r = CliRun.of("studio", "--snapshot", file.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("is a file; expected a folder"), r.err());
    CliRun both = CliRun.of("studio", "maze", "--snapshot", dir.toString());
    assertEquals(1, both.exitCode(), both.err());
    assertTrue(both.err().contains("not both"), both.err());
  }

  @Test
  void headlessIsForSnapshotsOnly() {
    CliRun r = CliRun.of("studio", "--headless");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("--headless is for --snapshot DIR"), r.err());
    assertTrue(!r.err().contains("Exception"), "no stack trace: " + r.err());
  }

  @Test
  void anUnknownModelIsAUserErrorNamingTheOption() {
    CliRun r = CliRun.of("studio", "--model", dir.resolve("no-such-model").toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("--model " + dir.resolve("no-such-model") + ": no such weights file"), r.err());
    assertTrue(!r.err().contains("Exception"), "no stack trace: " + r.err());
  }

  @Test
  void benchStudioRefusesABadSpeedBeforeStartingAnything() {
    CliRun r = CliRun.of("bench", "studio", "--speed", "fast");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("--speed must be a number > 0 or max, got 'fast'"), r.err());
  }

  @Test
  void benchStudioRefusesAnUnknownPhaseBeforeStartingAnything() {
    CliRun r = CliRun.of("bench", "studio", "--phases", "play,trainig");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("--phases: unknown phase 'trainig'; expected a comma-separated list of play, training,"
        + " evaluation"), r.err());
  }
}
