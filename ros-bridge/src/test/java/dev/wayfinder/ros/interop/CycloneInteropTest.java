package dev.wayfinder.ros.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Java node against a real Cyclone DDS peer (Debian cyclonedds-dev), each scenario in its own network
 * namespace. The scenarios themselves are in {@link InteropMain}.
 */
class CycloneInteropTest {

    private static void scenario(String name) throws Exception {
        NamespaceRunner.Result r = NamespaceRunner.run(name, NamespaceRunner.cyclonePeer(), 60);
        assertTrue(r.lastLine().startsWith("PASS"), () -> "scenario " + name + " failed:\n" + r.output());
        assertEquals(0, r.exitCode(), () -> "scenario " + name + " exit code, output:\n" + r.output());
    }

    @Test
    void twistBothWaysOnReliableQos() throws Exception {
        scenario("twist");
    }

    @Test
    void twistBothWaysWithMulticastDiscovery() throws Exception {
        scenario("twist-multicast");
    }

    @Test
    void fragmentedImageBothWaysReliable() throws Exception {
        scenario("image-reliable");
    }

    @Test
    void fragmentedImageBothWaysBestEffort() throws Exception {
        scenario("image-best-effort");
    }

    @Test
    void lateJoiningReadersGetTransientLocalHistoryBothWays() throws Exception {
        scenario("late-joiner");
    }

    @Test
    void everyBuiltInMessageTypeRoundTripsThroughCycloneUnchanged() throws Exception {
        scenario("all-types");
    }

    @Test
    void rosGraphEntryIsReadableByCyclone() throws Exception {
        scenario("graph");
    }

    /**
     * Measures, in one run, Twist round trips Java->Cyclone and Cyclone->Cyclone through the same echo peer, and
     * 640x480 images at 30 Hz on reliable QoS. Asserts completion only; the numbers go to
     * target/ros-bridge-bench.txt.
     */
    @Test
    void pingPongAndImageRateAreMeasuredBesideCyclone() throws Exception {
        NamespaceRunner.Result r = NamespaceRunner.run("bench", NamespaceRunner.cyclonePeer(), 120);
        assertTrue(r.lastLine().startsWith("PASS"), () -> "bench failed:\n" + r.output());
        String bench = r.output().lines().filter(l -> l.startsWith("BENCH")).collect(
                java.util.stream.Collectors.joining("\n", "", "\n"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "ros-bridge-bench.txt"), bench);
        System.out.print(bench);
    }

    @Test
    void deadPeerIsRemovedWhenItsLeaseExpires() throws Exception {
        scenario("peer-dies");
    }
}
