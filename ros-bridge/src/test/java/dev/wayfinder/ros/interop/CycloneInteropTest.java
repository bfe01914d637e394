package dev.wayfinder.ros.interop;

import dev.wayfinder.ros.testkit.Prerequisites;
import dev.wayfinder.ros.testkit.RosPeers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java node against a real Cyclone DDS peer (Debian cyclonedds-dev), each scenario in its own network
 * namespace. The scenarios themselves are in {@link InteropMain}. Without root or the Debian packages the tests are
 * skipped saying what is missing, or fail when the environment variable CI is set.
 */
class CycloneInteropTest {

    @BeforeEach
    void prerequisites() {
        Prerequisites.assumeInTest(Prerequisites.missingForCyclone());
    }

    private static void scenario(String name) throws Exception {
        Scenarios.run(name, RosPeers.cyclone(Scenarios.PEERS));
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
