package dev.wayfinder.ros.interop;

import dev.wayfinder.ros.testkit.Prerequisites;
import dev.wayfinder.ros.testkit.RosPeers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java node against a real Fast DDS peer (Debian libfastrtps-dev, C++ built with fastddsgen), each scenario in
 * its own network namespace. Fast DDS appends a vendor submessage to every message and lists every QoS. Without
 * root or the Debian packages the tests are skipped saying what is missing, or fail when the environment variable CI
 * is set.
 */
class FastDdsInteropTest {

    @BeforeEach
    void prerequisites() {
        Prerequisites.assumeInTest(Prerequisites.missingForFastDds());
    }

    private static void scenario(String name) throws Exception {
        Scenarios.run(name, RosPeers.fastDds(Scenarios.PEERS));
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
