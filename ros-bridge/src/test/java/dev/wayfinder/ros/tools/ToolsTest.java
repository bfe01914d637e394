package dev.wayfinder.ros.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.msg.Header;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.Odometry;
import dev.wayfinder.ros.msg.TFMessage;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.Vector3;
import dev.wayfinder.ros.rtps.MemoryNetwork;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ToolsTest {

    @Test
    void pubValuesFillOmittedFieldsWithDefaults() {
        Twist t = MessageValues.parse(Twist.class, "{linear: {x: 0.2}, angular: {z: -0.5}}");
        assertEquals(new Twist(new Vector3(0.2, 0, 0), new Vector3(0, 0, -0.5)), t);
        assertEquals(t, MessageValues.parse(Twist.class, "linear: {x: 0.2}, angular: {z: -0.5}"));
        Odometry o = MessageValues.parse(Odometry.class, "{header: {frame_id: odom}, child_frame_id: 'base_link'}");
        assertEquals("odom", o.header().frameId());
        assertEquals(36, o.poseCovariance().values().length);
        TFMessage tf = MessageValues.parse(TFMessage.class,
                "{transforms: [{child_frame_id: a}, {child_frame_id: b, transform: {rotation: {w: 1}}}]}");
        assertEquals(List.of("a", "b"), tf.transforms().stream().map(x -> x.childFrameId()).toList());
        assertEquals(1.0, tf.transforms().get(1).transform().rotation().w());
    }

    @Test
    void pubValueErrorsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MessageValues.parse(Twist.class, "{linear: {q: 1}}"));
        assertTrue(e.getMessage().contains("'q'") && e.getMessage().contains("x, y, z"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MessageValues.parse(Twist.class, "{linear: {x: fast}}"));
        assertTrue(e.getMessage().contains("Twist.linear.x"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MessageValues.parse(Twist.class, "{linear: {x: 1}"));
        assertTrue(e.getMessage().contains("column"), e.getMessage());
    }

    @Test
    void echoTextLooksLikeRos2TopicEcho() {
        String y = MessageText.toYaml(new Twist(new Vector3(0.25, 0, 0), new Vector3(0, 0, 1)));
        assertEquals("linear:\n  x: 0.25\n  y: 0.0\n  z: 0.0\nangular:\n  x: 0.0\n  y: 0.0\n  z: 1.0\n", y);
        String img = MessageText.toYaml(new Image(new Header(new Time(1, 2), "cam"), 2, 300, "rgb8", false, 900,
                new byte[1800]));
        assertTrue(img.contains("header:\n  stamp:\n    sec: 1\n    nanosec: 2\n  frame_id: cam\n"), img);
        assertTrue(img.contains("is_bigendian: false\n"), img);
        assertTrue(img.contains("data: '<sequence of 1800 elements>'"), img);
    }

    @Test
    void rateMeterReportsTheAverageRateAndSpread() {
        RateMeter m = new RateMeter(5);
        assertTrue(m.rate().isEmpty());
        for (int i = 0; i < 20; i++) {
            m.arrived(i * 100_000_000L);
        }
        RateMeter.Rate r = m.rate().orElseThrow();
        assertEquals(10.0, r.averageHz(), 1e-9);
        assertEquals(0.0, r.stdDevS(), 1e-12);
        assertEquals(5, r.window());
    }

    @Test
    void registryKnowsEveryBuiltInTypeByBothNames() {
        assertEquals(Twist.TYPE, MessageTypes.byName("geometry_msgs/Twist").orElseThrow().type());
        assertEquals(Twist.TYPE, MessageTypes.byName("geometry_msgs/msg/Twist").orElseThrow().type());
        assertEquals(Image.class, MessageTypes.byDdsName("sensor_msgs::msg::dds_::Image_").orElseThrow().recordClass());
        assertTrue(MessageTypes.byName("nope/msg/Nope").isEmpty());
        for (String n : MessageTypes.names()) {
            MessageTypes.Entry<?> e = MessageTypes.byName(n).orElseThrow();
            assertEquals(n, e.type().name());
        }
    }

    @Test
    void echoResolvesTheTypeFromThePublisherAndPrintsMessages() throws Exception {
        try (MemoryNetwork net = new MemoryNetwork();
             Node robot = Node.create("robot", NodeOptions.localhost(0), net.transport());
             Node tool = Node.create("tool", NodeOptions.localhost(0), net.transport())) {
            var pub = robot.publisher(Twist.TYPE, "/cmd_vel", QosProfile.DEFAULT);
            MessageTypes.Entry<?> e = TopicTools.resolve(tool, "/cmd_vel", Optional.empty(), Duration.ofSeconds(10));
            assertEquals(Twist.TYPE, e.type());
            List<String> out = new CopyOnWriteArrayList<>();
            TopicTools.echo(tool, "/cmd_vel", e, out::add);
            long end = System.nanoTime() + 10_000_000_000L;
            while (pub.subscriptionCount() == 0 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            pub.publish(MessageValues.parse(Twist.class, "{linear: {x: 3}}"));
            while (out.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertEquals(List.of("linear:\n  x: 3.0\n  y: 0.0\n  z: 0.0\nangular:\n  x: 0.0\n  y: 0.0\n  z: 0.0\n"), out);
            assertThrows(IllegalArgumentException.class,
                    () -> TopicTools.resolve(tool, "/nothing", Optional.empty(), Duration.ofMillis(50)));
            assertEquals(TopicTools.LISTEN, TopicTools.listenQos(tool, "/cmd_vel"));
            var latched = robot.publisher(Twist.TYPE, "/latched", QosProfile.LATCHED);
            latched.publish(MessageValues.parse(Twist.class, "{angular: {z: 1}}"));
            TopicTools.resolve(tool, "/latched", Optional.empty(), Duration.ofSeconds(10));
            assertTrue(TopicTools.listenQos(tool, "/latched").transientLocal());
            List<String> late = new CopyOnWriteArrayList<>();
            TopicTools.echo(tool, "/latched", MessageTypes.byName("geometry_msgs/msg/Twist").orElseThrow(), late::add);
            while (late.isEmpty() && System.nanoTime() < end + 10_000_000_000L) {
                Thread.sleep(5);
            }
            assertTrue(late.get(0).endsWith("z: 1.0\n"), late.toString());
        }
    }
}
