package dev.wayfinder.ros.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the peers once per JVM (a Cyclone DDS C peer with idlc + gcc; a Fast DDS C++ peer with fastddsgen + g++,
 * only when a Fast DDS scenario asks for it) and runs {@link InteropMain} scenarios in a child JVM inside a fresh
 * network namespace ({@code unshare -n}, loopback up and multicast-capable), so test traffic never leaves loopback
 * and parallel runs cannot clash. Missing tools are a failure naming the packages to install, never a skip.
 */
final class NamespaceRunner {
    static final String CYCLONE_PACKAGES = "cyclonedds-dev cyclonedds-tools gcc libc6-dev iproute2 util-linux";
    static final String FASTDDS_PACKAGES = "libfastrtps-dev libfastcdr-dev fastddsgen g++";
    private static final String RESOURCES = "/dev/wayfinder/ros/interop/";
    private static final Path DIR = Path.of("target", "ros-peer").toAbsolutePath();
    private static boolean cyclone;
    private static boolean fastdds;

    private NamespaceRunner() {
    }

    /** Result of one scenario. */
    record Result(int exitCode, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static void requireTools(String packages, String... tools) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                throw new AssertionError("interop tests need '" + tool + "' on PATH; install the Debian packages: "
                        + "apt-get install -y " + packages + " (and run the tests as root for unshare -n)");
            }
        }
    }

    /** Copies resources into the build folder; returns whether any changed (so the peer must be rebuilt). */
    private static boolean copy(String... files) throws IOException {
        Files.createDirectories(DIR);
        boolean changed = false;
        for (String f : files) {
            try (InputStream in = NamespaceRunner.class.getResourceAsStream(RESOURCES + f)) {
                if (in == null) {
                    throw new AssertionError("test resource missing: " + RESOURCES + f);
                }
                byte[] b = in.readAllBytes();
                Path to = DIR.resolve(f);
                if (!Files.exists(to) || !Arrays.equals(b, Files.readAllBytes(to))) {
                    Files.write(to, b);
                    changed = true;
                }
            }
        }
        return changed;
    }

    static synchronized Path cyclonePeer() throws IOException, InterruptedException {
        if (!cyclone) {
            requireTools(CYCLONE_PACKAGES, "idlc", "gcc", "unshare", "ip");
            boolean changed = copy("RosPeer.idl", "ros_peer.c", "cyclone-peer.xml", "cyclone-peer-multicast.xml");
            if (changed || !Files.isExecutable(DIR.resolve("ros_peer"))) {
                exec(CYCLONE_PACKAGES, 60, "idlc", "-o", DIR.toString(), DIR.resolve("RosPeer.idl").toString());
                exec(CYCLONE_PACKAGES, 120, "gcc", "-O1", "-o", DIR.resolve("ros_peer").toString(), "-I" + DIR,
                        DIR.resolve("ros_peer.c").toString(), DIR.resolve("RosPeer.c").toString(), "-lddsc");
            }
            cyclone = true;
        }
        return DIR;
    }

    static synchronized Path fastDdsPeer() throws IOException, InterruptedException {
        cyclonePeer();
        if (!fastdds) {
            requireTools(FASTDDS_PACKAGES, "fastddsgen", "g++");
            Path gen = DIR.resolve("fastdds");
            boolean changed = copy("FastDdsPeer.idl", "fastdds_peer.cpp");
            if (changed || !Files.isExecutable(DIR.resolve("fastdds_peer"))) {
                Files.createDirectories(gen);
                exec(FASTDDS_PACKAGES, 120, "fastddsgen", "-replace", "-d", gen.toString(),
                        DIR.resolve("FastDdsPeer.idl").toString());
                exec(FASTDDS_PACKAGES, 300, "g++", "-O1", "-std=c++17", "-o", DIR.resolve("fastdds_peer").toString(),
                        "-I" + gen, DIR.resolve("fastdds_peer.cpp").toString(), gen.resolve("FastDdsPeer.cxx").toString(),
                        gen.resolve("FastDdsPeerPubSubTypes.cxx").toString(), "-lfastrtps", "-lfastcdr");
            }
            fastdds = true;
        }
        return DIR;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void exec(String packages, int timeoutS, String... cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile(DIR, "build", ".log");
        Process p = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(timeoutS, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (!done || p.exitValue() != 0) {
            throw new AssertionError("building an interop peer failed (" + String.join(" ", cmd) + "):\n" + text
                    + "\nDebian packages needed: " + packages);
        }
    }

    /**
     * Runs one scenario of {@link InteropMain} in a new network namespace.
     *
     * @param scenario scenario name
     * @param peers folder with the built peers
     * @param timeoutS wall-clock limit; the child is killed after it
     */
    static Result run(String scenario, Path peers, int timeoutS) throws IOException, InterruptedException {
        String cp = System.getProperty("wayfinder.ros.testClasspath", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "bash", "-c",
                "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo"
                        + " && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", cp,
                InteropMain.class.getName(), scenario, peers.toString()));
        Path log = Files.createTempFile(DIR, scenario, ".log");
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
