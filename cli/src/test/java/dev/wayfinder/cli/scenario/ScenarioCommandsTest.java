package dev.wayfinder.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.cli.CliRun;
import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.Main;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCommandsTest {
  @TempDir Path dir;

  @Test
  void listPrintsEveryBundledScenarioAsJson() throws Exception {
    CliRun r = CliRun.of("scenario", "list", "--json");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    JsonNode list = Json.mapper().readTree(r.out());
    assertEquals(ScenarioLibrary.NAMES.size(), list.size(), r::toString);
    assertEquals(ScenarioLibrary.NAMES.get(0), list.get(0).get("name").asText());
  }

  @Test
  void validateReportsEveryFileAndFailsWhenOneIsBad() throws Exception {
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, ScenarioLibrary.text("empty-arena"));
    Path bad = dir.resolve("bad.yaml");
    String badText = ScenarioLibrary.text("empty-arena").replaceFirst("name: empty-arena", "name: x\nnmae: y");
    Files.writeString(bad, badText);
    int badLine = badText.substring(0, badText.indexOf("nmae")).split("\n", -1).length;
    CliRun r = CliRun.of("scenario", "validate", good.toString(), bad.toString());
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.out().contains("ok       " + good), r::toString);
    assertTrue(r.out().contains("INVALID  " + bad), r::toString);
    assertTrue(r.out().contains("bad.yaml:" + badLine + ":1"), "the problem is located: " + r);
    assertTrue(r.out().contains("did you mean"), r::toString);
    assertTrue(r.out().contains("1 valid, 1 invalid"), r::toString);

    CliRun j = CliRun.of("scenario", "validate", "--json", good.toString(), bad.toString());
    JsonNode results = Json.mapper().readTree(j.out());
    assertTrue(results.get(0).get("valid").asBoolean());
    assertFalse(results.get(1).get("valid").asBoolean());
    assertEquals(badLine, results.get(1).get("problems").get(0).get("line").asInt(), j::toString);
  }

  @Test
  void validateOfAMissingFileOrAFolderIsAUserErrorWithoutStackTrace() {
    CliRun r = CliRun.of("scenario", "validate", dir.resolve("nope.yaml").toString(), dir.toString());
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.out().contains("0 valid, 2 invalid"), r::toString);
    assertFalse((r.out() + r.err()).contains("Exception"), r::toString);
  }

  @Test
  void drawWritesAPngOfTheRequestedSize() throws Exception {
    Path png = dir.resolve("maps/maze.png");
    CliRun r = CliRun.of("scenario", "draw", "maze", "-o", png.toString(), "--size", "300", "--json");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    BufferedImage img = ImageIO.read(png.toFile());
    assertTrue(img.getWidth() >= 300 && img.getWidth() < 600, "width " + img.getWidth());
    JsonNode drawn = Json.mapper().readTree(r.out());
    assertTrue(drawn.get("paths").asInt() >= 1, r::toString);
  }

  @Test
  void drawOfAnUnknownScenarioNamesTheBundledOnes() {
    CliRun r = CliRun.of("scenario", "draw", "mazee", "-o", dir.resolve("x.png").toString());
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.err().contains("cluttered-room"), r::toString);
  }

  @Test
  void drawIntoAFolderPathIsAUserError() {
    CliRun r = CliRun.of("scenario", "draw", "maze", "-o", dir.toString());
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    assertTrue(r.err().contains("is a folder"), r::toString);
  }
}
