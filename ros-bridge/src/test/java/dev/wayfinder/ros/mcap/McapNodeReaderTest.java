package dev.wayfinder.ros.mcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.MessageDefinitions;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.testkit.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files our writer wrote, read by an independent implementation: the {@code @mcap/core} npm package under Node
 * (src/test/node/read-mcap.mjs), which also checks the CRCs and decodes every message by its ros2msg schema with
 * Foxglove's ROS 2 message libraries. Needs {@code node} on PATH and {@code npm ci} run in src/test/node (.ci/run
 * does both); without them the test is skipped saying so, and fails when CI is set.
 */
class McapNodeReaderTest {
    private static final Path NODE_DIR = Path.of("src", "test", "node");
    private static final long SEED = 4_242L;

    @TempDir
    Path dir;

    private static Optional<String> missing() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "node"))) {
                if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@mcap/core"))) {
                    return Optional.of("needs the npm packages of " + NODE_DIR.toAbsolutePath()
                            + "; run 'npm ci' there (network access to the npm registry)");
                }
                return Optional.empty();
            }
        }
        return Optional.of("needs 'node' on PATH (Node.js 18 or newer) to run the independent MCAP reader; install "
                + "the Debian packages: apt-get install -y nodejs npm, then run 'npm ci' in " + NODE_DIR.toAbsolutePath());
    }

    private static JsonNode read(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", "read-mcap.mjs", file.toAbsolutePath().toString())
                .directory(NODE_DIR.toFile()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("node read-mcap.mjs did not finish in 120 s");
        }
        assertEquals(0, p.exitValue(), () -> "node read-mcap.mjs failed: " + err);
        return new ObjectMapper().readTree(out);
    }

    @Test
    void theMcapNpmReaderReadsOurFileAndDecodesEveryMessage() throws Exception {
        Prerequisites.assumeInTest(missing());
        Path file = dir.resolve("bag.mcap");
        List<McapRoundTripTest.Written> written = McapRoundTripTest.writeSample(file,
                McapWriter.Options.ros2().withChunkSize(16 * 1024), SEED, 120);
        JsonNode j = read(file);

        assertEquals("ros2", j.get("profile").asText());
        assertTrue(j.get("crc").get("dataSection").asBoolean(), "data section CRC: " + j.get("crc"));
        assertTrue(j.get("crc").get("summary").asBoolean(), "summary CRC: " + j.get("crc"));
        assertTrue(j.get("recordCounts").get("Chunk").asInt() > 1, j.get("recordCounts").toString());
        assertEquals(j.get("recordCounts").get("Chunk").asInt(), j.get("chunkIndexes").asInt());
        assertEquals(written.size(), j.get("statistics").get("messageCount").asLong());
        assertEquals(List.of("rosbag2"), List.of(j.get("metadata").get(0).asText()));

        assertEquals(3, j.get("schemas").size());
        for (JsonNode s : j.get("schemas")) {
            assertEquals("ros2msg", s.get("encoding").asText());
            assertEquals(MessageDefinitions.fullText(s.get("name").asText()).orElseThrow(), s.get("text").asText());
        }
        assertEquals(3, j.get("channels").size());
        for (JsonNode c : j.get("channels")) {
            assertEquals("cdr", c.get("messageEncoding").asText());
            assertTrue(c.get("metadata").get("offered_qos_profiles").asText().contains("reliability:"), c.toString());
        }

        JsonNode messages = j.get("messages");
        assertEquals(written.size(), messages.size(), "seed " + SEED);
        for (int i = 0; i < written.size(); i++) {
            McapRoundTripTest.Written w = written.get(i);
            JsonNode m = messages.get(i);
            String what = "message " + i + " (seed " + SEED + ")";
            assertEquals(w.topic(), m.get("topic").asText(), what);
            assertEquals(Long.toUnsignedString(w.logTime()), m.get("logTime").asText(), what);
            assertArrayEquals(w.data(), Base64.getDecoder().decode(m.get("data").asText()), what);
            JsonNode d = m.get("decoded");
            switch (w.topic()) {
                case "/cmd_vel" -> {
                    Twist t = Twist.TYPE.deserialize(w.data());
                    assertEquals(t.linear().x(), d.get("linear").get("x").asDouble(), what);
                    assertEquals(t.angular().z(), d.get("angular").get("z").asDouble(), what);
                }
                case "/chatter" -> assertEquals(StringMessage.TYPE.deserialize(w.data()).data(),
                        d.get("data").asText(), what);
                default -> {
                    Image img = Image.TYPE.deserialize(w.data());
                    assertEquals(img.width(), d.get("width").asInt(), what);
                    assertEquals(img.encoding(), d.get("encoding").asText(), what);
                    assertEquals(img.header().frameId(), d.get("header").get("frame_id").asText(), what);
                    assertEquals(img.header().stamp().nanosec(), d.get("header").get("stamp").get("nanosec").asInt(),
                            what);
                    assertEquals(img.dataBuffer().remaining(), d.get("data").size(), what);
                }
            }
        }
    }

    @Test
    void theNpmReaderReadsAnUncompressedFileToo() throws Exception {
        Prerequisites.assumeInTest(missing());
        Path file = dir.resolve("plain.mcap");
        List<McapRoundTripTest.Written> written = McapRoundTripTest.writeSample(file, McapWriter.Options.ros2()
                .withChunkSize(2048).withCompression(McapWriter.Compression.NONE), SEED + 1, 40, false);
        JsonNode j = read(file);
        assertEquals(written.size(), j.get("messages").size());
        assertTrue(j.get("crc").get("dataSection").asBoolean() && j.get("crc").get("summary").asBoolean());
    }
}
