package dev.wayfinder.ros.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.testkit.NetworkNamespace;
import dev.wayfinder.ros.testkit.PeerProcess;
import java.nio.file.Path;

/**
 * Runs one {@link InteropMain} scenario in a child JVM inside a fresh network namespace (loopback up and
 * multicast-capable) and asserts that it passed. The peers are built by ros-testkit's {@code RosPeers} into
 * {@link #PEERS}, once per JVM and only when their sources changed.
 */
final class Scenarios {
    /** Where the peers are built. */
    static final Path PEERS = Path.of("target", "ros-peer").toAbsolutePath();
    private static final int TIMEOUT_S = 60;

    private Scenarios() {
    }

    static void run(String scenario, Path peers) throws Exception {
        String cp = NetworkNamespace.classPathOf(InteropMain.class, Node.class, PeerProcess.class);
        NetworkNamespace.Result r = NetworkNamespace.runJava(true, cp, "256m", InteropMain.class.getName(),
                TIMEOUT_S, scenario, peers.toString());
        String out = r.output() + (r.timedOut()
                ? "\nFAIL scenario " + scenario + " timed out after " + TIMEOUT_S + " s" : "") + r.rootHint();
        assertTrue(!r.timedOut() && r.lastLine().startsWith("PASS"), () -> "scenario " + scenario + " failed:\n"
                + out);
        assertEquals(0, r.exitCode(), () -> "scenario " + scenario + " exit code, output:\n" + out);
    }
}
