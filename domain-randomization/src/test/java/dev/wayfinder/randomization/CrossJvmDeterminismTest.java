package dev.wayfinder.randomization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same draws in a separate JVM running only the interpreter (no JIT, so no compiled intrinsics):
 * episodes must be bit-identical, as they must be on another machine or JDK.
 */
class CrossJvmDeterminismTest {
    @Test
    void aChildJvmWithoutJitDrawsIdenticalEpisodes() throws IOException, InterruptedException {
        String here = DeterminismDigest.digest();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-Xint", "-cp", System.getProperty("java.class.path"),
                DeterminismDigest.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        assertEquals(true, done, "child JVM finished");
        assertEquals(0, p.exitValue(), "child JVM failed: " + out);
        String[] lines = out.split("\\R");
        assertEquals(here, lines[lines.length - 1], "digest of " + DeterminismDigest.EPISODES
                + " episodes from a child JVM (" + String.join(" ", cmd.subList(0, 2)) + ")");
    }
}
