package dev.wayfinder.randomization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same draws in a separate JVM running only the interpreter with the math intrinsics switched off
 * (so every Math call takes its Java fallback): episodes must be bit-identical, as they must be on another
 * machine or JDK. The HotSpot flags are ignored by JVMs that do not know them.
 */
class CrossJvmDeterminismTest {
    @Test
    void aChildJvmWithoutJitDrawsIdenticalEpisodes() throws IOException, InterruptedException {
        String here = DeterminismDigest.digest();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-Xint", "-XX:+IgnoreUnrecognizedVMOptions",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:-InlineMathNatives", "-cp",
                System.getProperty("java.class.path"), DeterminismDigest.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        assertEquals(true, done, "child JVM finished");
        assertEquals(0, p.exitValue(), "child JVM failed: " + out);
        String[] lines = out.split("\\R");
        assertEquals(here, lines[lines.length - 1], "digest of " + DeterminismDigest.EPISODES
                + " episodes from a child JVM (" + String.join(" ", cmd.subList(0, 6)) + ")");
    }
}
