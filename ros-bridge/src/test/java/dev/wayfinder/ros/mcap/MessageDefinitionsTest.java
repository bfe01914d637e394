package dev.wayfinder.ros.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.interop.RandomMessages;
import dev.wayfinder.ros.msg.Covariance;
import dev.wayfinder.ros.msg.MessageDefinitions;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.tools.MessageTypes;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The .msg texts against the codecs: every registered type decodes, by its schema text alone, to its fields. */
class MessageDefinitionsTest {
    private static final long SEED = 20_240_611L;

    @Test
    void everyRegisteredTypeHasAFullDefinition() {
        for (String name : MessageTypes.names()) {
            assertTrue(MessageDefinitions.fullText(name).isPresent(), "no .msg definition for " + name);
        }
    }

    @Test
    void dependenciesFollowTheMainTextDepthFirstOnceEachAfterSeparators() {
        String odom = MessageDefinitions.fullText("nav_msgs/msg/Odometry").orElseThrow();
        String sep = "=".repeat(80) + "\n";
        assertTrue(odom.startsWith("std_msgs/Header header\nstring child_frame_id\n"), odom);
        List<String> sections = new ArrayList<>();
        for (String line : odom.split("\n")) {
            if (line.startsWith("MSG: ")) {
                sections.add(line.substring(5));
            }
        }
        // the root's dependencies in name order, each followed by its own not yet seen ones
        assertEquals(List.of("geometry_msgs/PoseWithCovariance", "geometry_msgs/Pose", "geometry_msgs/Point",
                "geometry_msgs/Quaternion", "geometry_msgs/TwistWithCovariance", "geometry_msgs/Twist",
                "geometry_msgs/Vector3", "std_msgs/Header", "builtin_interfaces/Time"), sections);
        assertEquals(sections.size(), odom.split(sep, -1).length - 1, "one separator per section");
        assertEquals(MessageDefinitions.fullText("geometry_msgs/Twist"),
                MessageDefinitions.fullText("geometry_msgs/msg/Twist"), "both name forms");
        assertTrue(MessageDefinitions.fullText("my_msgs/msg/Unknown").isEmpty());
    }

    @Test
    void eachTypeDecodesByItsSchemaTextToTheRecordsFields() {
        RandomMessages random = new RandomMessages(SEED);
        for (String name : MessageTypes.names()) {
            for (int round = 0; round < 5; round++) {
                check(MessageTypes.byName(name).orElseThrow(), random, round);
            }
        }
    }

    private static <T extends Record> void check(MessageTypes.Entry<T> e, RandomMessages random, int round) {
        T value = random.of(e.recordClass());
        byte[] payload = e.type().serialize(value);
        MsgDecoder d = new MsgDecoder(e.type().name(), MessageDefinitions.fullText(e.type().name()).orElseThrow());
        List<Object> decoded;
        try {
            decoded = d.decode(payload);
        } catch (RuntimeException ex) {
            throw new AssertionError(e.type().name() + " (seed " + SEED + ", round " + round + "): " + ex, ex);
        }
        List<Object> expected = new ArrayList<>();
        leaves(value, expected);
        assertEquals(expected, decoded, e.type().name() + " (seed " + SEED + ", round " + round + ")");
    }

    @Test
    void aKnownTwistDecodesToItsNumbers() {
        byte[] payload = Twist.TYPE.serialize(new Twist(new dev.wayfinder.ros.msg.Vector3(0.5, 0, 0),
                new dev.wayfinder.ros.msg.Vector3(0, 0, -1.25)));
        List<Object> v = new MsgDecoder("geometry_msgs/msg/Twist",
                MessageDefinitions.fullText("geometry_msgs/msg/Twist").orElseThrow()).decode(payload);
        assertEquals(List.of(0.5, 0.0, 0.0, 0.0, 0.0, -1.25), v);
    }

    /** The record's values in field order, normalized as the decoder gives them. */
    static void leaves(Object v, List<Object> out) {
        if (v instanceof Time t) {
            out.add((long) t.sec());
            out.add(t.nanosec() & 0xFFFFFFFFL);
        } else if (v instanceof Covariance c) {
            leaves(c.values(), out);
        } else if (v instanceof dev.wayfinder.ros.msg.OccupancyGrid g) {
            // its cells are int8 (-1 unknown, 0..100 occupancy), the one signed byte array among the types
            leaves(g.header(), out);
            leaves(g.info(), out);
            for (byte x : g.data()) {
                out.add((long) x);
            }
        } else if (v instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    leaves(c.getAccessor().invoke(r), out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else if (v instanceof List<?> l) {
            l.forEach(x -> leaves(x, out));
        } else if (v instanceof byte[] b) {
            for (byte x : b) {
                out.add((long) (x & 0xFF));
            }
        } else if (v != null && v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) {
                leaves(Array.get(v, i), out);
            }
        } else if (v instanceof Boolean b) {
            out.add(b ? 1L : 0L);
        } else if (v instanceof Byte b) {
            out.add((long) (b & 0xFF)); // a uint8 field (PointField.datatype)
        } else if (v instanceof Float f) {
            out.add((double) f);
        } else if (v instanceof Integer i) {
            out.add((long) i);
        } else {
            out.add(v);
        }
    }
}
