package dev.wayfinder.benchmarks.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.testkit.NetworkNamespace;
import dev.wayfinder.ros.testkit.PeerProcess;
import dev.wayfinder.ros.testkit.Prerequisites;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the ROS 2 benchmark end to end with small counts (Cyclone DDS peer built from ros-bridge's sources, a
 * private network namespace): asserts that every pair completed, that images on reliable QoS over loopback all
 * arrive, and that the output has its shape, never a time or a rate beyond being positive. Needs root and the Debian
 * packages in {@link RosBench#PACKAGES}; without them the end-to-end tests are skipped saying what is missing, or
 * fail when the environment variable CI is set.
 */
class RosBenchTest {

    private static String run(String... extra) throws Exception {
        Prerequisites.assumeInTest(Prerequisites.missingForCyclone());
        // the child JVM needs only this module's classes, ros-bridge's and ros-testkit's
        System.setProperty(PeerSetup.CLASSPATH_PROPERTY,
                NetworkNamespace.classPathOf(RosBench.class, Node.class, PeerProcess.class));
        String[] args = new String[extra.length + 10];
        String[] base = {"--warmup", "200", "--round-trips", "200", "--images", "10", "--burst", "20", "--cache",
                Path.of("target", "ros-peer").toAbsolutePath().toString()};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return RosBench.run(args);
    }

    @Test
    void tableHasEveryPairTheRatioAndEveryImageRowWithoutLoss() throws Exception {
        String out = run();
        System.out.print(out);
        for (String pair : new String[] {"Java<->Java", "Java<->Cyclone", "Cyclone<->Cyclone"}) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(pair + " ") && l.trim().endsWith(" 200")), out);
        }
        assertTrue(out.contains("Java<->Cyclone / Cyclone<->Cyclone at p50: "), out);
        // every image row: all 10 images at 30 Hz and all 20 of the burst delivered, at a positive rate
        Pattern image = Pattern.compile(
                "(\\S+) +(\\d+)/(\\d+) +(\\d+)/(\\d+)/(\\d+) +(\\d+)/(\\d+) +(\\d+) +(\\d+)(?: +LOSS)?");
        for (String pair : new String[] {"Java->Java", "Java->Cyclone", "Cyclone->Java", "Cyclone->Cyclone"}) {
            Matcher m = out.lines().map(image::matcher).filter(x -> x.matches() && x.group(1).equals(pair))
                    .findFirst().orElseThrow(() -> new AssertionError("no image row " + pair + " in\n" + out));
            assertEquals("10/10", m.group(2) + "/" + m.group(3), pair + " at 30 Hz\n" + out);
            long p50 = Long.parseLong(m.group(4));
            long p99 = Long.parseLong(m.group(5));
            long max = Long.parseLong(m.group(6));
            assertTrue(0 < p50 && p50 <= p99 && p99 <= max, pair + " latency at 30 Hz\n" + out);
            assertEquals("20/20", m.group(7) + "/" + m.group(8), pair + " burst\n" + out);
            assertTrue(Long.parseLong(m.group(9)) > 0 && Long.parseLong(m.group(10)) > 0, pair + " rate\n" + out);
        }
        assertFalse(out.contains("LOSS"), out);
    }

    @Test
    void jsonHasTheSameFields() throws Exception {
        String out = run("--json");
        assertTrue(out.startsWith("{") && out.strip().endsWith("}"), out);
        for (String key : new String[] {"\"Java<->Java\"", "\"Java<->Cyclone\"", "\"Cyclone<->Cyclone\"",
                "\"ratio_p50_java_cyclone_over_cyclone_cyclone\"", "\"Java->Java\": {", "\"Java->Cyclone\": {",
                "\"Cyclone->Java\": {", "\"Cyclone->Cyclone\": {", "\"hz30\": {\"sent\": 10, \"delivered\": 10, \"latency_us\": {\"p50\": ",
                "\"burst\": {\"sent\": 20, \"delivered\": 20", "\"images_per_s\": "}) {
            assertTrue(out.contains(key), out);
        }
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RosBench.run("--round-trips", "x"));
        assertThrows(IllegalArgumentException.class, () -> RosBench.run("--frobnicate"));
        assertThrows(IllegalArgumentException.class, () -> RosBench.run("--burst", "0"));
        assertEquals("--images must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> RosBench.run("--images", "0")).getMessage());
    }
}
