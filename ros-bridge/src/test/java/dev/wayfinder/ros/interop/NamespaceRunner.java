package dev.wayfinder.ros.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Cyclone DDS C peer (idlc + gcc) once per JVM and runs {@link InteropMain} scenarios in a child JVM
 * inside a fresh network namespace ({@code unshare -n}, loopback up), so test traffic never leaves loopback and
 * parallel runs cannot clash. Missing tools are a failure with the packages to install, never a skip.
 */
final class NamespaceRunner {
    static final String PACKAGES = "cyclonedds-dev cyclonedds-tools gcc libc6-dev iproute2 util-linux";
    private static final String RESOURCES = "/dev/wayfinder/ros/interop/";
    private static Path peerDir;

    private NamespaceRunner() {
    }

    /** Result of one scenario. */
    record Result(int exitCode, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    static synchronized Path peerDir() throws IOException, InterruptedException {
        if (peerDir != null) {
            return peerDir;
        }
        for (String tool : List.of("idlc", "gcc", "unshare", "ip")) {
            if (!onPath(tool)) {
                throw new AssertionError("interop tests need '" + tool + "' on PATH; install the Debian packages: "
                        + "apt-get install -y " + PACKAGES + " (and run the tests as root for unshare -n)");
            }
        }
        Path dir = Files.createDirectories(Path.of("target", "ros-peer").toAbsolutePath());
        for (String f : List.of("RosPeer.idl", "ros_peer.c", "cyclone-peer.xml", "cyclone-peer-multicast.xml")) {
            try (InputStream in = NamespaceRunner.class.getResourceAsStream(RESOURCES + f)) {
                if (in == null) {
                    throw new AssertionError("test resource missing: " + RESOURCES + f);
                }
                Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        exec(dir, 60, "idlc", "-o", dir.toString(), dir.resolve("RosPeer.idl").toString());
        exec(dir, 120, "gcc", "-O1", "-o", dir.resolve("ros_peer").toString(), "-I" + dir,
                dir.resolve("ros_peer.c").toString(), dir.resolve("RosPeer.c").toString(), "-lddsc");
        peerDir = dir;
        return dir;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String exec(Path dir, int timeoutS, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd[0] + " timed out building the Cyclone peer");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("building the Cyclone peer failed (" + String.join(" ", cmd) + "):\n" + text
                    + "\nDebian packages needed: " + PACKAGES);
        }
        return text;
    }

    /**
     * Runs one scenario of {@link InteropMain} in a new network namespace.
     *
     * @param scenario scenario name
     * @param timeoutS wall-clock limit; the child is killed after it
     */
    static Result run(String scenario, int timeoutS) throws IOException, InterruptedException {
        Path dir = peerDir();
        String cp = System.getProperty("wayfinder.ros.testClasspath", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "bash", "-c",
                "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo"
                        + " && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", cp,
                InteropMain.class.getName(), scenario, dir.resolve("ros_peer").toString(),
                dir.resolve("cyclone-peer.xml").toString()));
        Path log = Files.createTempFile(dir, scenario, ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(timeoutS, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        if (!done) {
            return new Result(124, out + "\nFAIL scenario " + scenario + " timed out after " + timeoutS + " s");
        }
        return new Result(p.exitValue(), out);
    }
}
