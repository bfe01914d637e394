package dev.wayfinder.cli.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.cli.CliRun;
import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.Main;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code wayfinder ros topic} commands in-process. The round trip runs two nodes of this JVM on loopback only
 * (localhost discovery, nothing sent to another address), on domain 37 and a topic name of its own, so parallel
 * runs and ROS programs on the usual domain 0 do not meet it.
 */
class RosTopicCommandsTest {
  private static final String DOMAIN = "37";

  private static void assertUserError(CliRun r, String... expected) {
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    for (String e : expected) {
      assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r);
    }
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r);
  }

  @Test
  void anUnknownTypeIsAUserErrorListingTheBuiltInTypes() {
    assertUserError(CliRun.of("ros", "topic", "pub", "/chatter", "std_msgs/msg/Strng", "{data: hi}",
            "--localhost", "--domain", DOMAIN),
        "unknown message type 'std_msgs/msg/Strng'", "std_msgs/msg/String", "geometry_msgs/msg/Twist",
        "pkg/msg/Name");
    assertUserError(CliRun.of("ros", "topic", "echo", "/chatter", "Twist", "--localhost", "--domain", DOMAIN),
        "unknown message type 'Twist'", "sensor_msgs/msg/Image");
  }

  @Test
  void malformedValuesNameTheFieldAndTheExpectedForm() {
    assertUserError(CliRun.of("ros", "topic", "pub", "/cmd_vel", "geometry_msgs/msg/Twist", "{linear: {x: fast}}",
        "--once", "--localhost", "--domain", DOMAIN), "Twist.linear.x", "'fast' is not a number");
    assertUserError(CliRun.of("ros", "topic", "pub", "/cmd_vel", "geometry_msgs/msg/Twist", "{linear: {x: 1}",
        "--once", "--localhost", "--domain", DOMAIN), "column", "YAML flow style", "linear, angular");
    assertUserError(CliRun.of("ros", "topic", "pub", "/cmd_vel", "geometry_msgs/Twist", "{linaer: {x: 1}}",
        "--once", "--localhost", "--domain", DOMAIN), "unknown field 'linaer'", "linear, angular");
  }

  @Test
  void badRatesCountsDomainsAndTopicNamesAreUserErrors() {
    assertUserError(CliRun.of("ros", "topic", "pub", "/chatter", "std_msgs/msg/String", "{data: hi}", "--rate", "0",
        "--localhost", "--domain", DOMAIN), "--rate must be above 0", "got 0.0");
    assertUserError(CliRun.of("ros", "topic", "pub", "/chatter", "std_msgs/msg/String", "--times", "0",
        "--localhost", "--domain", DOMAIN), "--times must be at least 1");
    assertUserError(CliRun.of("ros", "topic", "echo", "/chatter", "--count", "-2", "--localhost"),
        "--count must be at least 1");
    assertUserError(CliRun.of("ros", "topic", "echo", "not a topic!", "--localhost"),
        "not a valid ROS topic name: 'not a topic!'", "e.g. /cmd_vel");
    assertUserError(CliRun.of("ros", "topic", "list", "--domain", "300"), "--domain must be", "0..232", "300");
    assertUserError(CliRun.of("ros", "topic", "list", "--localhost", "--subnet"), "--localhost and --subnet");
    assertUserError(CliRun.of("ros", "topic", "hz", "/chatter", "--timeout", "0", "--localhost"),
        "--timeout must be");
    assertUserError(CliRun.of("ros", "topic", "hz", "/chatter", "--window", "1", "--localhost"),
        "--window must be at least 2");
    assertUserError(CliRun.of("ros", "topic", "pub", "/chatter"), "Missing required parameter");
  }

  @Test
  void echoOfATopicNobodyPublishesFailsAfterTheTimeout() {
    long start = System.nanoTime();
    CliRun r = CliRun.of("ros", "topic", "echo", "/nobody_publishes_this", "--localhost", "--domain", DOMAIN,
        "--timeout", "0.3");
    assertUserError(r, "no publisher on /nobody_publishes_this within 0.3", "domain 37, localhost only");
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "bounded by --timeout");
  }

  @Test
  void publishedValuesArriveAtEchoHzAndList() throws Exception {
    String topic = "/wayfinder_cli_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    String[] net = {"--localhost", "--domain", DOMAIN, "--timeout", "10"};
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<CliRun> pub = pool.submit(() -> CliRun.of(concat(
          new String[] {"ros", "topic", "pub", topic, "std_msgs/msg/String", "{data: 'hello, robot'}",
              "--rate", "20", "--times", "80", "--print", "20"}, net)));
      Future<CliRun> echo = pool.submit(() -> CliRun.of(concat(
          new String[] {"ros", "topic", "echo", topic, "--count", "2"}, net)));
      Future<CliRun> json = pool.submit(() -> CliRun.of(concat(
          new String[] {"ros", "topic", "echo", topic, "std_msgs/String", "--once", "--json"}, net)));
      Future<CliRun> hz = pool.submit(() -> CliRun.of(concat(
          new String[] {"ros", "topic", "hz", topic, "--duration", "1.5"}, net)));

      CliRun e = echo.get(30, TimeUnit.SECONDS);
      assertEquals(Main.OK, e.exitCode(), e::toString);
      assertEquals("data: 'hello, robot'\n---\ndata: 'hello, robot'\n---\n", e.out().replace("\r\n", "\n"));

      CliRun j = json.get(30, TimeUnit.SECONDS);
      assertEquals(Main.OK, j.exitCode(), j::toString);
      assertEquals("hello, robot", Json.mapper().readTree(j.out()).get("data").asText(), j::toString);

      CliRun list = CliRun.of(concat(new String[] {"ros", "topic", "list", "--json"},
          new String[] {"--localhost", "--domain", DOMAIN, "--timeout", "1"}));
      assertEquals(Main.OK, list.exitCode(), list::toString);
      JsonNode seen = null;
      for (JsonNode t : Json.mapper().readTree(list.out())) {
        if (t.get("name").asText().equals(topic)) {
          seen = t;
        }
      }
      assertTrue(seen != null, "the published topic is listed: " + list);
      assertEquals("std_msgs/msg/String", seen.get("type").asText(), list::toString);
      assertTrue(seen.get("publishers").asInt() >= 1, list::toString);

      CliRun h = hz.get(30, TimeUnit.SECONDS);
      assertEquals(Main.OK, h.exitCode(), h::toString);
      assertTrue(h.out().contains("average rate: "), h::toString);

      CliRun p = pub.get(30, TimeUnit.SECONDS);
      assertEquals(Main.OK, p.exitCode(), p::toString);
      assertTrue(p.out().startsWith("publisher: beginning loop\npublishing #1: std_msgs/msg/String "
          + "{data: 'hello, robot'}\n"), p::toString);
      assertTrue(p.out().contains("publishing #61: "), p::toString);
      assertFalse(p.out().contains("publishing #81"), p::toString);
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "every command ended");
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
