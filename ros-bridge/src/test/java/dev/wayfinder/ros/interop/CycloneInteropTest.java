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

    @Test
    void deadPeerIsRemovedWhenItsLeaseExpires() throws Exception {
        scenario("peer-dies");
    }
}
