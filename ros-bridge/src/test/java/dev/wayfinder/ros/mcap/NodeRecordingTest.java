package dev.wayfinder.ros.mcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.RosDistro;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.msg.Bool;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.Vector3;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's own inputs and outputs recorded through its tap (loopback, localhost discovery, domain 44, topic names of
 * this run's own): what it published, latched topics included, and what it received, byte for byte, with the QoS it
 * used; nothing of the other node; the file complete after close, and nothing recorded after it.
 */
class NodeRecordingTest {
    private static final int DOMAIN = 44;

    @TempDir
    Path dir;

    private static void await(BooleanSupplier cond, Supplier<String> what) throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(10);
        }
    }

    @Test
    void recordsWhatTheNodePublishesAndReceivesByteForByte() throws Exception {
        String ns = "/wf_rec_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        String out = ns + "/cmd_vel";
        String latched = ns + "/status";
        String in = ns + "/e_stop";
        String otherOnly = ns + "/other";
        Path file = dir.resolve("node.mcap");
        List<byte[]> sentOut = new ArrayList<>();
        List<byte[]> sentIn = new ArrayList<>();
        NodeRecording rec;
        try (Node robot = Node.create("robot", NodeOptions.localhost(DOMAIN));
             Node other = Node.create("other", NodeOptions.localhost(DOMAIN))) {
            rec = NodeRecording.start(robot, RosBagWriter.create(file, RosDistro.JAZZY));
            Publisher<StringMessage> status = robot.publisher(StringMessage.TYPE, latched, QosProfile.LATCHED);
            status.publish(new StringMessage("ready"));
            Publisher<Twist> cmd = robot.publisher(Twist.TYPE, out, QosProfile.DEFAULT);
            List<Bool> got = new CopyOnWriteArrayList<>();
            Subscription sub = robot.subscription(Bool.TYPE, in, QosProfile.DEFAULT, got::add);
            List<Twist> heard = new CopyOnWriteArrayList<>();
            other.subscription(Twist.TYPE, out, QosProfile.DEFAULT, heard::add);
            Publisher<Bool> eStop = other.publisher(Bool.TYPE, in, QosProfile.DEFAULT);
            Publisher<StringMessage> unrelated = other.publisher(StringMessage.TYPE, otherOnly, QosProfile.DEFAULT);
            await(() -> cmd.confirmedSubscriptionCount() == 1 && eStop.confirmedSubscriptionCount() == 1
                    && sub.publisherCount() == 1, () -> "matching");
            for (int i = 0; i < 20; i++) {
                Twist t = new Twist(new Vector3(0.01 * i, 0, 0), new Vector3(0, 0, -0.1 * i));
                cmd.publish(t);
                sentOut.add(Twist.TYPE.serialize(t));
                if (i % 4 == 0) {
                    Bool b = new Bool(i % 8 == 0);
                    eStop.publish(b);
                    sentIn.add(Bool.TYPE.serialize(b));
                }
                unrelated.publish(new StringMessage("not the robot's " + i));
                Thread.sleep(5);
            }
            await(() -> got.size() == sentIn.size() && heard.size() == sentOut.size(), () -> "delivery: " + got.size()
                    + " e-stops, " + heard.size() + " commands");
            rec.close();
            rec.close(); // idempotent
            cmd.publish(new Twist(Vector3.ZERO, Vector3.ZERO)); // after close: not recorded, no error
        }
        assertTrue(rec.failure().isEmpty());
        assertEquals(Map.of(), rec.dropped());

        List<McapMessage> recorded = new ArrayList<>();
        McapScan scan;
        try (McapReader r = McapReader.open(file)) {
            scan = r.scan(m -> recorded.add(m));
            assertEquals(scan.messageCount(), r.verify().messageCount(), "summary and indexes agree");
        }
        assertEquals(1 + sentOut.size() + sentIn.size(), scan.messageCount(), "status, commands and e-stops");
        List<byte[]> outs = recorded.stream().filter(m -> m.channel().topic().equals(out)).map(McapMessage::data)
                .toList();
        List<byte[]> ins = recorded.stream().filter(m -> m.channel().topic().equals(in)).map(McapMessage::data)
                .toList();
        assertEquals(sentOut.size(), outs.size());
        for (int i = 0; i < outs.size(); i++) {
            assertArrayEquals(sentOut.get(i), outs.get(i), "published command " + i);
        }
        assertEquals(sentIn.size(), ins.size());
        for (int i = 0; i < ins.size(); i++) {
            assertArrayEquals(sentIn.get(i), ins.get(i), "received e-stop " + i);
        }
        McapMessage first = recorded.get(0);
        assertEquals(latched, first.channel().topic(), "the latched status published first is there");
        assertEquals("std_msgs/msg/String", scan.typeOf(first.channel().id()));
        assertTrue(first.channel().metadata().get("offered_qos_profiles").contains("durability: 1"),
                "transient local: " + first.channel().metadata());
        assertTrue(recorded.stream().noneMatch(m -> m.channel().topic().equals(otherOnly)), "only the robot's topics");
        for (int i = 1; i < recorded.size(); i++) {
            assertTrue(recorded.get(i).logTime() >= recorded.get(i - 1).logTime(), "log times in order at " + i);
        }
    }
}
