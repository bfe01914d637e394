package dev.wayfinder.ros.mcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.RosDistro;
import dev.wayfinder.ros.interop.RandomMessages;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.MessageDefinitions;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.Twist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Files our writer wrote, read back by our reader: every message, the summary, the indexes. */
class McapRoundTripTest {
    static final long SEED = 7_001L;

    @TempDir
    Path dir;

    /** One message as written, to compare with what is read. */
    record Written(String topic, long sequence, long logTime, long publishTime, byte[] data) {
    }

    /**
     * Writes a seeded mix of twists, strings and images on three topics into small chunks.
     *
     * @return what was written, in order
     */
    static List<Written> writeSample(Path file, McapWriter.Options options, long seed, int count) throws IOException {
        return writeSample(file, options, seed, count, true);
    }

    /**
     * As {@link #writeSample(Path, McapWriter.Options, long, int)}; without images the file stays small.
     *
     * @return what was written, in order
     */
    static List<Written> writeSample(Path file, McapWriter.Options options, long seed, int count, boolean images)
            throws IOException {
        RandomMessages random = new RandomMessages(seed);
        Random r = new Random(seed);
        List<Written> out = new ArrayList<>();
        try (RosBagWriter bag = RosBagWriter.create(file, options, RosDistro.JAZZY)) {
            RosBagWriter.Topic<Twist> cmd = bag.topic("/cmd_vel", Twist.TYPE, QosProfile.DEFAULT);
            RosBagWriter.Topic<StringMessage> chat = bag.topic("/chatter", StringMessage.TYPE,
                    QosProfile.LATCHED);
            RosBagWriter.Topic<Image> cam = bag.topic("/camera/image_raw", Image.TYPE, QosProfile.SENSOR_DATA);
            long t = 1_700_000_000_000_000_000L;
            for (int i = 0; i < count; i++) {
                t += 1 + r.nextInt(20_000_000);
                switch (r.nextInt(images ? 3 : 2)) {
                    case 0 -> {
                        Twist m = random.of(Twist.class);
                        cmd.write(m, t);
                        out.add(new Written("/cmd_vel", 0, t, t, Twist.TYPE.serialize(m)));
                    }
                    case 1 -> {
                        StringMessage m = random.of(StringMessage.class);
                        chat.write(m, t);
                        out.add(new Written("/chatter", 0, t, t, StringMessage.TYPE.serialize(m)));
                    }
                    default -> {
                        Image m = random.of(Image.class);
                        cam.write(m, t);
                        out.add(new Written("/camera/image_raw", 0, t, t, Image.TYPE.serialize(m)));
                    }
                }
            }
        }
        return out;
    }

    static McapWriter.Options small(McapWriter.Compression c) {
        return McapWriter.Options.ros2().withChunkSize(8 * 1024).withCompression(c);
    }

    @ParameterizedTest
    @EnumSource(McapWriter.Compression.class)
    void everyMessageComesBackInOrderWithItsTimesAndBytes(McapWriter.Compression compression) throws Exception {
        Path file = dir.resolve("sample.mcap");
        List<Written> written = writeSample(file, small(compression), SEED, 300);
        List<McapMessage> read = new ArrayList<>();
        McapScan scan;
        try (McapReader r = McapReader.open(file)) {
            scan = r.scan(m -> read.add(m));
        }
        assertEquals(written.size(), read.size(), "seed " + SEED);
        Map<String, Long> seq = new java.util.HashMap<>();
        for (int i = 0; i < written.size(); i++) {
            Written w = written.get(i);
            McapMessage m = read.get(i);
            assertEquals(w.topic(), m.channel().topic(), "message " + i + ", seed " + SEED);
            assertEquals(w.logTime(), m.logTime(), "message " + i);
            assertEquals(w.publishTime(), m.publishTime(), "message " + i);
            assertArrayEquals(w.data(), m.data(), "message " + i);
            assertEquals(seq.merge(w.topic(), 1L, Long::sum), m.sequence(), "per-topic sequence, message " + i);
        }
        assertTrue(scan.complete());
        assertEquals("ros2", scan.profile());
        assertTrue(scan.chunkCount() > 3, "small chunks: " + scan.chunkCount());
        assertEquals(java.util.Set.of(compression.field()), scan.compressions());
        assertEquals(written.get(0).logTime(), scan.messageStartTime());
        assertEquals(written.get(written.size() - 1).logTime(), scan.messageEndTime());
        assertEquals("jazzy", scan.metadata("rosbag2").get("ROS_DISTRO"));
        if (compression == McapWriter.Compression.ZSTD) {
            assertTrue(scan.compressedBytes() < scan.uncompressedBytes(), "zstd compresses: " + scan);
        }
    }

    @Test
    void theSummaryHoldsSchemasChannelsStatisticsAndChunkIndexes() throws Exception {
        Path file = dir.resolve("summary.mcap");
        List<Written> written = writeSample(file, small(McapWriter.Compression.ZSTD), SEED + 1, 200);
        try (McapReader r = McapReader.open(file)) {
            McapSummary s = r.summary().orElseThrow();
            assertEquals(3, s.schemas().size());
            assertEquals(3, s.channels().size());
            for (McapChannel c : s.channels().values()) {
                McapSchema schema = s.schemas().get(c.schemaId());
                assertEquals("ros2msg", schema.encoding());
                assertEquals(MessageDefinitions.fullText(schema.name()).orElseThrow(), schema.text());
                assertEquals("cdr", c.messageEncoding());
                assertTrue(c.metadata().containsKey("offered_qos_profiles"), c.toString());
            }
            McapChannel chatter = s.channels().values().stream().filter(c -> c.topic().equals("/chatter"))
                    .findFirst().orElseThrow();
            assertEquals(List.of(QosProfile.LATCHED),
                    OfferedQos.parse(chatter.metadata().get("offered_qos_profiles")));
            McapStatistics st = s.statistics().orElseThrow();
            assertEquals(written.size(), st.messageCount());
            assertEquals(s.chunkIndexes().size(), st.chunkCount());
            assertEquals(1, st.metadataCount());
            assertEquals(List.of("rosbag2"), s.metadataNames());
            long sum = st.channelMessageCounts().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(written.size(), sum);
            for (McapChunkIndex ci : s.chunkIndexes()) {
                assertEquals("zstd", ci.compression());
                assertFalse(ci.messageIndexOffsets().isEmpty());
                assertTrue(ci.messageStartTime() <= ci.messageEndTime());
            }
            // verify() cross-checks all of this against the data section
            assertEquals(written.size(), r.verify().messageCount());
        }
    }

    @Test
    void aFileWithoutMessagesIsValid() throws Exception {
        Path file = dir.resolve("empty.mcap");
        McapWriter.create(file, McapWriter.Options.ros2()).close();
        try (McapReader r = McapReader.open(file)) {
            McapScan scan = r.verify();
            assertEquals(0, scan.messageCount());
            assertEquals(0, scan.chunkCount());
            assertEquals(0, r.summary().orElseThrow().statistics().orElseThrow().messageCount());
        }
    }

    @Test
    void closingTwiceIsHarmlessAndWritingAfterCloseFails() throws Exception {
        Path file = dir.resolve("closed.mcap");
        McapWriter w = McapWriter.create(file, McapWriter.Options.ros2());
        int s = w.addSchema("std_msgs/msg/String", "ros2msg", "string data".getBytes());
        int c = w.addChannel(s, "/chatter", "cdr", Map.of());
        w.addMessage(c, 1, 10, 10, new byte[] {0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0});
        w.close();
        w.close();
        assertThrows(IllegalStateException.class, () -> w.addMessage(c, 2, 11, 11, new byte[4]));
        try (McapReader r = McapReader.open(file)) {
            assertEquals(1, r.verify().messageCount());
        }
    }

    @Test
    void aVisitorCanStopEarly() throws Exception {
        Path file = dir.resolve("stop.mcap");
        writeSample(file, small(McapWriter.Compression.ZSTD), SEED + 2, 100);
        List<McapMessage> got = new ArrayList<>();
        try (McapReader r = McapReader.open(file)) {
            McapScan scan = r.scan(m -> got.add(m) && got.size() < 10);
            assertEquals(10, got.size());
            assertFalse(scan.complete());
        }
    }

    @Test
    void offeredQosRoundTripsAndReadsTheNamedForm() {
        List<QosProfile> offers = List.of(QosProfile.DEFAULT, QosProfile.SENSOR_DATA, QosProfile.LATCHED,
                new QosProfile(true, false, true, 1));
        assertEquals(offers, OfferedQos.parse(OfferedQos.toYaml(offers)));
        String named = """
                - history: keep_last
                  depth: 7
                  reliability: best_effort
                  durability: transient_local
                  deadline:
                    sec: 9223372036854775807
                    nsec: 4294967295
                  liveliness: automatic
                  avoid_ros_namespace_conventions: false
                """;
        assertEquals(List.of(new QosProfile(false, true, false, 7)), OfferedQos.parse(named));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfferedQos.parse("- history: 1\n  reliability: sometimes\n"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("reliability"), e.getMessage());
        assertEquals(QosProfile.DEFAULT, Player.qos("- reliability: sometimes\n"), "unreadable: the default");
        assertEquals(QosProfile.SENSOR_DATA.withDepth(10), Player.qos(OfferedQos.toYaml(List.of(QosProfile.SENSOR_DATA))));
        assertEquals(QosProfile.DEFAULT, Player.qos(OfferedQos.toYaml(List.of(QosProfile.SENSOR_DATA,
                QosProfile.DEFAULT))), "publishers that disagree: the default");
    }
}
