package dev.wayfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void helpListsCommandsAndExitsZero() {
    CliRun r = CliRun.of("--help");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.out().contains("scenario"), r::toString);
    assertTrue(r.out().contains("demo"), r::toString);
  }

  @Test
  void helpWrapsDescriptionsAsParagraphsNotSourceLines() {
    // Source lines longer than the help's width used to wrap one by one, leaving a word alone on a line.
    CliRun r = CliRun.of("sim", "--help");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    java.util.List<String> desc = r.out().lines().dropWhile(l -> !l.startsWith("Run policies"))
        .takeWhile(l -> !l.startsWith(" ")).toList();
    assertTrue(desc.size() >= 3, r::toString);
    for (String l : desc.subList(0, desc.size() - 1)) {
      assertTrue(l.length() > 60 && l.length() <= 80, "a full line of a wrapped paragraph: '" + l + "'\n" + r.out());
    }
  }

  @Test
  void versionNamesTheJavaRuntime() {
    CliRun r = CliRun.of("--version");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.out().contains("Java " + Runtime.version().feature()), r::toString);
  }

  @Test
  void noCommandIsAUserError() {
    CliRun r = CliRun.of();
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.err().contains("a command is required"), r::toString);
  }

  @Test
  void unknownCommandIsAUserErrorWithASuggestion() {
    CliRun r = CliRun.of("scenaro");
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.err().contains("scenario"), "suggests the closest command: " + r);
    assertFalse(r.err().contains("at dev.wayfinder"), "no stack trace for a typo: " + r);
  }

  @Test
  void aBadRouteLookaheadIsAUserErrorNamingIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    CliRun r = CliRun.of("train", "--route-lookahead", "9", "-o", dir.resolve("run").toString());
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.err().contains("route look-ahead") && r.err().contains("9"), r::toString);
    assertFalse(r.err().contains("at dev.wayfinder"), "no stack trace: " + r);
    assertFalse(java.nio.file.Files.exists(dir.resolve("run")), "nothing written: " + r);
  }

  @Test
  void aBadShieldIsAUserErrorNamingIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    var file = dir.resolve("plain.weights");
    java.nio.file.Files.write(file, dev.wayfinder.robot.net.PolicyWeights.random(
        new dev.wayfinder.robot.net.NetworkSpec(32, 32, java.util.List.of(8, 8), 16, 6), 1).toBytes());
    CliRun predicted = CliRun.of("eval", "--weights", file.toString(), "--shield=predicted", "-o",
        dir.resolve("out").toString());
    assertEquals(Main.USER_ERROR, predicted.exitCode(), predicted::toString);
    assertTrue(predicted.err().contains("memory") && predicted.err().contains("plain.weights"), predicted::toString);
    CliRun unknown = CliRun.of("eval", "--weights", file.toString(), "--shield=lidar", "-o",
        dir.resolve("out").toString());
    assertEquals(Main.USER_ERROR, unknown.exitCode(), unknown::toString);
    assertTrue(unknown.err().contains("lidar") && unknown.err().contains("camera or predicted"), unknown::toString);
    CliRun margin = CliRun.of("eval", "--weights", file.toString(), "--shield", "--shield-margin", "2", "-o",
        dir.resolve("out").toString());
    assertEquals(Main.USER_ERROR, margin.exitCode(), margin::toString);
    assertTrue(margin.err().contains("margin"), margin::toString);
    CliRun hot = CliRun.of("eval", "--weights", file.toString(), "--shield", "--shield-temperature", "-1", "-o",
        dir.resolve("out").toString());
    assertEquals(Main.USER_ERROR, hot.exitCode(), hot::toString);
    assertTrue(hot.err().contains("shield temperature") && hot.err().contains("-1"), hot::toString);
    CliRun how = CliRun.of("eval", "--weights", file.toString(), "--shield", "--shield-sampling", "never", "-o",
        dir.resolve("out").toString());
    assertEquals(Main.USER_ERROR, how.exitCode(), how::toString);
    assertTrue(how.err().contains("never") && how.err().contains("always, stuck, refused or planner"), how::toString);
    CliRun movers = CliRun.of("eval", "--weights", file.toString(), "--shield=predicted", "--shield-movers", "-o",
        dir.resolve("out").toString());
    assertEquals(Main.USER_ERROR, movers.exitCode(), movers::toString);
    assertTrue(movers.err().contains("--shield-movers") && movers.err().contains("--shield camera"), movers::toString);
    for (CliRun r : java.util.List.of(predicted, unknown, margin, hot, how, movers)) {
      assertFalse(r.err().contains("at dev.wayfinder"), "no stack trace: " + r);
    }
    assertFalse(java.nio.file.Files.exists(dir.resolve("out")), "nothing written");
  }

  @Test
  void badSensorsAndSplitsAreUserErrorsNamingThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    var file = dir.resolve("route.weights");
    java.nio.file.Files.write(file, dev.wayfinder.robot.net.PolicyWeights.random(
        new dev.wayfinder.robot.net.NetworkSpec(32, 32, java.util.List.of(8, 8), 16, 6, 0.8), 1).toBytes());
    String out = dir.resolve("out").toString();
    CliRun train = CliRun.of("eval", "--weights", file.toString(), "--split", "train", "-o", out);
    assertEquals(Main.USER_ERROR, train.exitCode(), train::toString);
    assertTrue(train.err().contains("--split train") && train.err().contains("validation or test"), train::toString);
    CliRun where = CliRun.of("eval", "--weights", file.toString(), "--map", "true-layout", "-o", out);
    assertEquals(Main.USER_ERROR, where.exitCode(), where::toString);
    assertTrue(where.err().contains("true-layout") && where.err().contains("nominal, oracle or none"),
        where::toString);
    CliRun mapless = CliRun.of("eval", "--weights", file.toString(), "--map", "none", "-o", out);
    assertEquals(Main.USER_ERROR, mapless.exitCode(), mapless::toString);
    assertTrue(mapless.err().contains("static map") && mapless.err().contains("--obstacle-layer"), mapless::toString);
    CliRun blind = CliRun.of("eval", "--weights", file.toString(), "--no-depth", "--shield", "-o", out);
    assertEquals(Main.USER_ERROR, blind.exitCode(), blind::toString);
    assertTrue(blind.err().contains("depth camera"), blind::toString);
    CliRun many = CliRun.of("eval", "--run", dir.resolve("a").toString(), "--run", dir.resolve("b").toString());
    assertEquals(Main.USER_ERROR, many.exitCode(), many::toString);
    assertTrue(many.err().contains("-o DIR"), many::toString);
    for (CliRun r : java.util.List.of(train, where, mapless, blind, many)) {
      assertFalse(r.err().contains("at dev.wayfinder"), "no stack trace: " + r);
    }
    assertFalse(java.nio.file.Files.exists(dir.resolve("out")), "nothing written");
  }

  @Test
  void badMemorySectorsAreAUserErrorNamingThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    CliRun r = CliRun.of("train", "--memory-sectors", "40", "-o", dir.resolve("run").toString());
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.err().contains("memory sectors") && r.err().contains("40"), r::toString);
    assertFalse(r.err().contains("at dev.wayfinder"), "no stack trace: " + r);
    assertFalse(java.nio.file.Files.exists(dir.resolve("run")), "nothing written: " + r);
  }

  @Test
  void badRecurrentSettingsAreAUserErrorNamingThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    CliRun r = CliRun.of("train", "--recurrent-units", "1000", "-o", dir.resolve("run").toString());
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.err().contains("recurrent units") && r.err().contains("1000"), r::toString);
    assertFalse(r.err().contains("at dev.wayfinder"), "no stack trace: " + r);
    CliRun k = CliRun.of("train", "--recurrent-units", "16", "--sequence-length", "0", "-o",
        dir.resolve("run").toString());
    assertEquals(Main.USER_ERROR, k.exitCode(), k::toString);
    assertTrue(k.err().contains("sequence_length") && k.err().contains("1..64"), k::toString);
    assertFalse(java.nio.file.Files.exists(dir.resolve("run")), "nothing written: " + k);
  }

  @Test
  void unknownOptionIsAUserError() {
    CliRun r = CliRun.of("scenario", "list", "--frobnicate");
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--frobnicate"), r::toString);
  }
}
