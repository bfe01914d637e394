package dev.wayfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wayfinder.render.NeedsEgl;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything a command prints goes to the writers {@link Main#run} was given, so the in-process harness
 * ({@link CliRun}) and the studio see it. Training progress and the benchmark tables went to System.out and
 * System.err directly before, and the harness saw nothing of them.
 */
class CapturedOutputTest {
  private static final String TINY = """
      scenarios: [cluttered-room]
      iterations: 1
      first_collect_steps: 200
      collect_steps: 100
      gradient_steps: 5
      validation_episodes: 2
      envs: 2
      """;

  @Test
  void trainingProgressIsWrittenToTheGivenStdout(@TempDir Path dir) throws Exception {
    NeedsEgl.check();
    Path config = Files.writeString(dir.resolve("tiny.yaml"), TINY);
    CliRun r = CliRun.of("train", "--config", config.toString(), "-o", dir.resolve("run").toString());
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.out().contains("iteration 1/1:"), () -> "progress line missing from the captured stdout: " + r);
    assertTrue(r.out().contains("trained 1 iterations"), r::toString);
  }

  @Test
  void withJsonTheProgressGoesToTheGivenStderrAndStdoutIsJsonOnly(@TempDir Path dir) throws Exception {
    NeedsEgl.check();
    Path config = Files.writeString(dir.resolve("tiny.yaml"), TINY);
    CliRun r = CliRun.of("train", "--json", "--config", config.toString(), "-o", dir.resolve("run").toString());
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.err().contains("iteration 1/1:"), () -> "progress line missing from the captured stderr: " + r);
    assertEquals(1, new ObjectMapper().readTree(r.out()).get("iterations").asInt(), r::toString);
  }

  @Test
  void benchInferenceTableIsWrittenToTheGivenStdout() {
    CliRun r = CliRun.of("bench", "inference", "--quick", "--runs", "1", "--batch", "1", "--no-scalar", "--no-djl");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.out().contains("onnxruntime"), () -> "benchmark table missing from the captured stdout: " + r);
  }

  @Test
  void benchServerRefusesBadOptionsNamingThem() {
    CliRun r = CliRun.of("bench", "server", "--sizes", "4,4");
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--sizes distinct values in 1..4096") && r.err().contains("--sizes 4,4"), r::toString);
    r = CliRun.of("bench", "server", "--clients", "0");
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--clients 0"), r::toString);
  }

  @Test
  void benchRolloutsTableIsWrittenToTheGivenStdout() throws Exception {
    NeedsEgl.check();
    CliRun r = CliRun.of("bench", "rollouts", "--model", "../models/cluttered-room-rgbd-map", "--only",
        "eval,collect-mixed", "--steps", "100", "--runs", "1", "--scenario", "empty-arena");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.out().contains("evaluation: network alone") && r.out().contains("collection: DAgger mixture"),
        () -> "rollout rows missing from the captured stdout: " + r);
    assertFalse(r.out().contains("through the shield"), () -> "--only eval,collect-mixed ran the shield row: " + r);
  }

  @Test
  void benchRolloutsRefusesBadOptionsNamingThem() {
    CliRun r = CliRun.of("bench", "rollouts", "--only", "eval,fast");
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--only fast") && r.err().contains("eval, eval-shield, collect-expert, collect-mixed"),
        r::toString);
    r = CliRun.of("bench", "rollouts", "--model", "../models/cluttered-room-rgbd-map", "--steps", "5");
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.err().contains("steps in 100..1000000") && r.err().contains("steps 5"), r::toString);
  }

  @Test
  void benchTrainingTimesTheCoreLearnerAndRefusesBadOptions() {
    CliRun ok = CliRun.of("bench", "training", "--model", "../models/cluttered-room-rgbd-map", "--learner", "core",
        "--core-threads", "1,2", "--batch", "8", "--steps", "2", "--runs", "1");
    assertEquals(Main.OK, ok.exitCode(), ok::toString);
    assertTrue(ok.out().contains("core ") && ok.out().contains("core-2t") && ok.out().contains("MFLOP per sample"),
        () -> "learner rows missing from the captured stdout: " + ok);
    assertFalse(ok.out().contains("djl "), () -> "--learner core ran DJL: " + ok);
    CliRun bad = CliRun.of("bench", "training", "--learner", "tf");
    assertEquals(Main.USER_ERROR, bad.exitCode(), bad::toString);
    assertTrue(bad.err().contains("--learner tf") && bad.err().contains("djl, core"), bad::toString);
    CliRun zero = CliRun.of("bench", "training", "--model", "../models/cluttered-room-rgbd-map", "--core-threads", "0");
    assertEquals(Main.USER_ERROR, zero.exitCode(), zero::toString);
    assertTrue(zero.err().contains("thread counts must be >= 1"), zero::toString);
    CliRun train = CliRun.of("train", "--learner", "tf", "--iterations", "1", "-o", "target/never-trained");
    assertEquals(Main.USER_ERROR, train.exitCode(), train::toString);
    assertTrue(train.err().contains("--learner tf") && train.err().contains("djl, core"), train::toString);
    assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("target/never-trained")), train::toString);
  }

  @Test
  void benchRosBadOptionIsAUserErrorOnTheGivenStderr() {
    CliRun r = CliRun.of("bench", "ros", "--round-trips", "5");
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--round-trips must be >= 10"), r::toString);
  }

  @Test
  void commandsLeaveTheDefaultLocaleAlone() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      CliRun.of("bench", "ros", "--round-trips", "5"); // it set Locale.ROOT for the whole JVM before
      CliRun.of("scenario", "list");
      assertEquals(Locale.GERMANY, Locale.getDefault());
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void writerStreamKeepsMultiByteCharactersSplitAcrossWrites() {
    StringWriter text = new StringWriter();
    PrintStream s = WriterStream.of(new PrintWriter(text));
    byte[] utf8 = "µs ± 2 → ok".getBytes(StandardCharsets.UTF_8);
    for (byte b : utf8) {
      s.write(b);
    }
    s.flush();
    assertEquals("µs ± 2 → ok", text.toString());
    assertFalse(text.toString().contains("\uFFFD"));
  }
}
