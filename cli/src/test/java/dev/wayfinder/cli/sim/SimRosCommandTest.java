package dev.wayfinder.cli.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.cli.CliRun;
import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.Main;
import org.junit.jupiter.api.Test;

/**
 * {@code wayfinder sim --scenario S --ros} in-process, on loopback only and on domain 39 (apart from the ros topic
 * commands' 37), so ROS programs on the usual domain do not meet it.
 */
class SimRosCommandTest {
  private static final String[] NET = {"--localhost", "--domain", "39"};

  private static void assertUserError(CliRun r, String... expected) {
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    for (String e : expected) {
      assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r);
    }
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r);
  }

  @Test
  void mistakesAreUserErrorsThatSayWhatWasExpected() {
    assertUserError(CliRun.of("sim"), "a subcommand is required", "--ros");
    assertUserError(CliRun.of("sim", "--scenario", "empty-arena"), "need --ros");
    assertUserError(CliRun.of("sim", "--ros"), "--ros needs --scenario");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "no-such-scenario"), "no-such-scenario");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--rate-factor", "0"),
        "--rate-factor must be 0.01 to 100", "--max-speed");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--max-speed", "--rate-factor", "2"),
        "contradict");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--camera-hz", "500"),
        "--camera-hz must be above 0 and at most 120", "500");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--camera-width", "0"),
        "--camera-width must be 1 to 4096 pixels, got 0");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--cmd-vel-timeout", "-1"),
        "--cmd-vel-timeout must be above 0");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--domain", "300"), "0..232", "300");
    assertUserError(CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--episodes", "-1"), "--episodes");
  }

  @Test
  void anEpisodeRunsToItsTimeLimitAsFastAsPossibleAndIsSummarized() throws Exception {
    CliRun r = CliRun.of("sim", "--ros", "--scenario", "empty-arena", "--max-speed", "--no-camera", "--episodes",
        "1", "--seed", "4", "--json", NET[0], NET[1], NET[2]);
    assertEquals(Main.OK, r.exitCode(), r::toString);
    JsonNode j = Json.mapper().readTree(r.out());
    assertEquals("empty-arena", j.get("scenario").asText(), r::toString);
    assertEquals(30.0, j.get("simSeconds").asDouble(), 1e-6, "the episode's 30 s limit: " + r);
    assertEquals(1, j.get("episodes").size(), r::toString);
    JsonNode e = j.get("episodes").get(0);
    assertEquals(4, e.get("seed").asLong());
    assertEquals("time_limit", e.get("truncation").asText(), "nobody drove: " + r);
    assertTrue(j.get("realTimeFactor").asDouble() > 1, "--max-speed runs faster than real time: " + r);
  }
}
