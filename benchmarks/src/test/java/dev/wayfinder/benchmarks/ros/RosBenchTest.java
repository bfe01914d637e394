package dev.wayfinder.benchmarks.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.Node;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs the ROS 2 benchmark end to end with small counts (Cyclone DDS peer built from ros-bridge's sources, a
 * private network namespace): asserts that every pair completed and the output has its shape, never a time or a
 * rate. Needs root and the Debian packages in {@link RosBench#PACKAGES}; without them it fails saying so.
 */
class RosBenchTest {

    private static String run(String... extra) throws Exception {
        // the child JVM needs only this module's classes and ros-bridge's
        String cp = Path.of(RosBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + File.pathSeparator
                + Path.of(Node.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        System.setProperty("wayfinder.ros.benchClasspath", cp);
        String[] args = new String[extra.length + 8];
        String[] base = {"--warmup", "200", "--round-trips", "200", "--images", "10", "--cache",
                Path.of("target", "ros-peer").toAbsolutePath().toString()};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return RosBench.run(args);
    }

    @Test
    void tableHasEveryPairTheRatioAndTheImageCount() throws Exception {
        String out = run();
        System.out.print(out);
        for (String pair : new String[] {"Java<->Java", "Java<->Cyclone", "Cyclone<->Cyclone"}) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(pair + " ") && l.trim().endsWith(" 200")), out);
        }
        assertTrue(out.contains("Java<->Cyclone / Cyclone<->Cyclone at p50: "), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("640x480 rgb8 images .*: \\d+/10 delivered.*")), out);
    }

    @Test
    void jsonHasTheSameFields() throws Exception {
        String out = run("--json");
        assertTrue(out.startsWith("{") && out.strip().endsWith("}"), out);
        for (String key : new String[] {"\"Java<->Java\"", "\"Java<->Cyclone\"", "\"Cyclone<->Cyclone\"",
                "\"ratio_p50_java_cyclone_over_cyclone_cyclone\"", "\"sent\": 10"}) {
            assertTrue(out.contains(key), out);
        }
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RosBench.run("--round-trips", "x"));
        assertThrows(IllegalArgumentException.class, () -> RosBench.run("--frobnicate"));
        assertEquals("--images must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> RosBench.run("--images", "0")).getMessage());
    }
}
