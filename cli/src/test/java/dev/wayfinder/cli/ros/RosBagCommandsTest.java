package dev.wayfinder.cli.ros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.cli.CliRun;
import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.Main;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.RosDistro;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.mcap.McapReader;
import dev.wayfinder.ros.mcap.RosBagWriter;
import dev.wayfinder.ros.msg.MessageType;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.Vector3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wayfinder ros record | play | info} in-process, and record in a child JVM stopped as Ctrl-C stops it. Live
 * traffic stays on loopback (localhost discovery, domain 37, topic names of this run's own).
 */
class RosBagCommandsTest {
  private static final String DOMAIN = "37";
  private static final String[] NET = {"--localhost", "--domain", DOMAIN};

  @TempDir
  Path dir;

  private static void assertUserError(CliRun r, String... expected) {
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    for (String e : expected) {
      assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r);
    }
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r);
  }

  private static String[] args(String... a) {
    String[] out = Arrays.copyOf(a, a.length + NET.length);
    System.arraycopy(NET, 0, out, a.length, NET.length);
    return out;
  }

  private Path sampleBag() throws Exception {
    Path file = dir.resolve("sample.mcap");
    try (RosBagWriter bag = RosBagWriter.create(file, RosDistro.HUMBLE)) {
      RosBagWriter.Topic<Twist> cmd = bag.topic("/cmd_vel", Twist.TYPE, QosProfile.DEFAULT);
      RosBagWriter.Topic<StringMessage> chat = bag.topic("/chatter", StringMessage.TYPE, QosProfile.LATCHED);
      for (int i = 0; i < 30; i++) {
        cmd.write(new Twist(new Vector3(i, 0, 0), Vector3.ZERO), 1_700_000_000_000_000_000L + i * 10_000_000L);
        if (i % 3 == 0) {
          chat.write(new StringMessage("hi " + i), 1_700_000_000_000_000_000L + i * 10_000_000L + 1);
        }
      }
    }
    return file;
  }

  @Test
  void infoListsTopicsTypesCountsAndDuration() throws Exception {
    Path file = sampleBag();
    CliRun r = CliRun.of("ros", "info", file.toString());
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.out().contains("Messages:          40"), r.out());
    assertTrue(r.out().contains("Duration:          0.290 s"), r.out());
    assertTrue(r.out().contains("Topic: /cmd_vel | Type: geometry_msgs/msg/Twist | Count: 30 | Serialization Format: cdr"),
        r.out());
    assertTrue(r.out().contains("Topic: /chatter | Type: std_msgs/msg/String     | Count: 10"), r.out());
    assertTrue(r.out().contains("Compression:       zstd (1 chunk"), r.out());
    assertTrue(r.out().contains("ROS_DISTRO humble"), r.out());
    assertTrue(r.out().contains("Start:             2023-11-14 22:13:20.000 UTC (1700000000.000000000)"), r.out());

    CliRun j = CliRun.of("ros", "info", file.toString(), "--json");
    assertEquals(Main.OK, j.exitCode(), j::toString);
    JsonNode info = Json.mapper().readTree(j.out());
    assertEquals(40, info.get("messages").asLong());
    assertEquals(290_000_000L, info.get("durationNanos").asLong());
    assertEquals("/cmd_vel", info.get("topics").get(0).get("name").asText());
    assertEquals(30, info.get("topics").get(0).get("count").asLong());
  }

  @Test
  void brokenFilesAndBadFlagsAreUserErrors() throws Exception {
    Path file = sampleBag();
    byte[] whole = Files.readAllBytes(file);
    Path cut = dir.resolve("cut.mcap");
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
    assertUserError(CliRun.of("ros", "info", cut.toString()), cut + ": offset ", "truncated",
        "expected a complete MCAP file");
    Path flipped = dir.resolve("flipped.mcap");
    byte[] bad = whole.clone();
    bad[whole.length / 3] ^= 0x10;
    Files.write(flipped, bad);
    assertUserError(CliRun.of("ros", "info", flipped.toString()), flipped + ": offset ");
    assertUserError(CliRun.of("ros", "info", dir.resolve("nope.mcap").toString()), "nope.mcap: no such file");
    assertUserError(CliRun.of(args("ros", "play", cut.toString())), "offset", "truncated");
    assertUserError(CliRun.of(args("ros", "play", file.toString(), "--topics", "/odom")),
        "holds no topic /odom", "/chatter, /cmd_vel");
    assertUserError(CliRun.of(args("ros", "play", file.toString(), "--rate", "0")), "--rate must be above 0");

    assertUserError(CliRun.of(args("ros", "record", "-o", dir.resolve("x.mcap").toString())),
        "give the topics to record", "--all");
    assertUserError(CliRun.of(args("ros", "record", "-o", file.toString(), "/cmd_vel")), "exists already");
    assertUserError(CliRun.of(args("ros", "record", "-o", dir.resolve("x.mcap").toString(), "/cmd_vel",
        "--compression", "lz4")), "--compression must be zstd or none");
    assertUserError(CliRun.of(args("ros", "record", "-o", dir.resolve("x.mcap").toString(), "/cmd_vel",
        "--duration", "-1")), "--duration must be");
    assertUserError(CliRun.of(args("ros", "record", "-o", dir.resolve("no/such/x.mcap").toString(), "/cmd_vel")),
        "does not exist");
    assertFalse(Files.exists(dir.resolve("x.mcap")));
  }

  @Test
  void recordedTrafficShowsInInfoAndPlaysBackByteForByte() throws Exception {
    String topic = "/wf_bag_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    Path file = dir.resolve("live.mcap");
    int n = 20;
    List<byte[]> sent = new ArrayList<>();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Node talker = Node.create("talker", NodeOptions.localhost(Integer.parseInt(DOMAIN)))) {
      Publisher<Twist> pub = talker.publisher(Twist.TYPE, topic, QosProfile.DEFAULT);
      Future<CliRun> rec = pool.submit(() -> CliRun.of(args("ros", "record", "-o", file.toString(), topic,
          "--count", Integer.toString(n), "--duration", "30")));
      long end = System.nanoTime() + 20_000_000_000L;
      while (pub.confirmedSubscriptionCount() == 0 && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertEquals(1, pub.confirmedSubscriptionCount(), "the recorder subscribed");
      for (int i = 0; i < n; i++) {
        Twist t = new Twist(new Vector3(i, 0, 0), new Vector3(0, 0, 0.5));
        pub.publish(t);
        sent.add(Twist.TYPE.serialize(t));
        Thread.sleep(25);
      }
      CliRun r = rec.get(60, TimeUnit.SECONDS);
      assertEquals(Main.OK, r.exitCode(), r::toString);
      assertTrue(r.out().contains("recorded " + n + " messages"), r.out());
      assertTrue(r.out().matches("(?s).*" + topic + "\\s+geometry_msgs/msg/Twist\\s+" + n + "\\n.*"), r.out());
      assertTrue(r.err().contains("recording " + topic + " [geometry_msgs/msg/Twist]"), r.err());
    } finally {
      pool.shutdownNow();
    }
    try (McapReader reader = McapReader.open(file)) {
      assertEquals(n, reader.verify().messageCount());
    }
    JsonNode info = Json.mapper().readTree(CliRun.of("ros", "info", file.toString(), "--json").out());
    assertEquals(n, info.get("topics").get(0).get("count").asLong());

    List<byte[]> got = new CopyOnWriteArrayList<>();
    try (Node listener = Node.create("listener", NodeOptions.localhost(Integer.parseInt(DOMAIN)))) {
      Subscription sub = listener.subscription(MessageType.raw("geometry_msgs/msg/Twist"), topic, QosProfile.DEFAULT,
          got::add);
      CliRun play = CliRun.of(args("ros", "play", file.toString(), "--delay", "2", "--rate", "2"));
      assertEquals(Main.OK, play.exitCode(), play::toString);
      assertTrue(play.out().contains("playing " + file + ": 1 topic, " + n + " messages"), play.out());
      assertTrue(play.out().matches("(?s).*" + topic + "\\s+" + n + "\\s+reliable, volatile.*"), play.out());
      long end = System.nanoTime() + 10_000_000_000L;
      while (got.size() < n && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      sub.close();
    }
    assertEquals(n, got.size(), "played messages arrived");
    for (int i = 0; i < n; i++) {
      assertArrayEquals(sent.get(i), got.get(i), "message " + i);
    }
  }

  @Test
  void aRecordingStoppedLikeCtrlCIsAValidFile() throws Exception {
    String topic = "/wf_bag_sig_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    Path file = dir.resolve("stopped.mcap");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "dev.wayfinder.cli.Main"));
    cmd.addAll(List.of(args("ros", "record", "-o", file.toString(), topic)));
    try (Node talker = Node.create("talker", NodeOptions.localhost(Integer.parseInt(DOMAIN)))) {
      Publisher<StringMessage> pub = talker.publisher(StringMessage.TYPE, topic, QosProfile.DEFAULT);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile())
          .start();
      try {
        long end = System.nanoTime() + 30_000_000_000L;
        while (pub.confirmedSubscriptionCount() == 0 && System.nanoTime() < end) {
          Thread.sleep(20);
        }
        assertEquals(1, pub.confirmedSubscriptionCount(), () -> "the child recorder subscribed: " + log());
        for (int i = 0; i < 15; i++) {
          pub.publish(new StringMessage("m" + i));
          Thread.sleep(10);
        }
        end = System.nanoTime() + 10_000_000_000L;
        while (!pub.allAcknowledged() && System.nanoTime() < end) {
          Thread.sleep(20);
        }
        Thread.sleep(200);
        p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C (SIGINT)
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the recorder exits");
      } finally {
        p.destroyForcibly();
      }
    }
    try (McapReader reader = McapReader.open(file)) {
      assertEquals(15, reader.verify().messageCount(), this::log);
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("log.txt"));
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
