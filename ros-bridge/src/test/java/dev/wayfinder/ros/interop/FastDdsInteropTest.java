package dev.wayfinder.ros.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Java node against a real Fast DDS peer (Debian libfastrtps-dev, C++ built with fastddsgen), each scenario in
 * its own network namespace. Fast DDS appends a vendor submessage to every message and lists every QoS.
 */
class FastDdsInteropTest {

    private static void scenario(String name) throws Exception {
        NamespaceRunner.Result r = NamespaceRunner.run(name, NamespaceRunner.fastDdsPeer(), 60);
        assertTrue(r.lastLine().startsWith("PASS"), () -> "scenario " + name + " failed:\n" + r.output());
        assertEquals(0, r.exitCode(), () -> "scenario " + name + " exit code, output:\n" + r.output());
    }

    @Test
    void twistBothWaysOnReliableQos() throws Exception {
        scenario("fastdds-twist");
    }

    @Test
    void fragmentedImageBothWaysReliable() throws Exception {
        scenario("fastdds-image-reliable");
    }

    @Test
    void fragmentedImageBothWaysBestEffort() throws Exception {
        scenario("fastdds-image-best-effort");
    }

    @Test
    void lateJoiningReadersGetTransientLocalHistoryBothWays() throws Exception {
        scenario("fastdds-late-joiner");
    }

    @Test
    void deadPeerIsRemovedWhenItsLeaseExpires() throws Exception {
        scenario("fastdds-peer-dies");
    }
}
