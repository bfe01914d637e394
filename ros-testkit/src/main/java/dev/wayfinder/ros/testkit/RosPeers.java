package dev.wayfinder.ros.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds the peers from this package's resources into a folder: the Cyclone DDS C peer ({@code ros_peer}, with idlc +
 * gcc) and the Fast DDS C++ peer ({@code fastdds_peer}, with fastddsgen + g++), beside their configuration
 * ({@code cyclone-peer.xml}, {@code cyclone-peer-multicast.xml}). A peer is rebuilt only when its sources in the
 * folder differ from these resources or its program is missing; within one JVM a folder is checked once.
 */
public final class RosPeers {
    /** The Cyclone DDS C peer's program in the folder. */
    public static final String CYCLONE = "ros_peer";
    /** The Fast DDS C++ peer's program in the folder. */
    public static final String FASTDDS = "fastdds_peer";
    /** Cyclone DDS configuration: loopback, unicast discovery, 2 s lease (the peers' default). */
    public static final String CYCLONE_CONFIG = "cyclone-peer.xml";
    /** Cyclone DDS configuration with multicast discovery on loopback. */
    public static final String CYCLONE_MULTICAST_CONFIG = "cyclone-peer-multicast.xml";

    private static final String RESOURCES = "/dev/wayfinder/ros/testkit/";
    private static final Set<Path> CYCLONE_BUILT = new HashSet<>();
    private static final Set<Path> FASTDDS_BUILT = new HashSet<>();

    private RosPeers() {
    }

    /**
     * Builds the Cyclone DDS peer into {@code dir} unless it is there and its sources are unchanged.
     *
     * @return {@code dir}, holding {@link #CYCLONE} and the Cyclone configurations
     * @throws IllegalStateException when a tool is missing or the build fails, naming the Debian packages
     */
    public static synchronized Path cyclone(Path dir) throws IOException, InterruptedException {
        Path d = dir.toAbsolutePath().normalize();
        if (!CYCLONE_BUILT.contains(d)) {
            require("the Cyclone DDS peer", Prerequisites.CYCLONE_PACKAGES, "idlc", "gcc");
            boolean changed = copy(d, "RosPeer.idl", "ros_peer.c", CYCLONE_CONFIG, CYCLONE_MULTICAST_CONFIG);
            if (changed || !Files.isExecutable(d.resolve(CYCLONE))) {
                exec(d, "the Cyclone DDS peer", Prerequisites.CYCLONE_PACKAGES, 60, "idlc", "-o", d.toString(),
                        d.resolve("RosPeer.idl").toString());
                exec(d, "the Cyclone DDS peer", Prerequisites.CYCLONE_PACKAGES, 120, "gcc", "-O1", "-o",
                        d.resolve(CYCLONE).toString(), "-I" + d, d.resolve("ros_peer.c").toString(),
                        d.resolve("RosPeer.c").toString(), "-lddsc");
            }
            CYCLONE_BUILT.add(d);
        }
        return d;
    }

    /**
     * Builds the Cyclone DDS peer (whose configuration the Fast DDS scenarios share) and the Fast DDS peer into
     * {@code dir}, each unless it is there and its sources are unchanged.
     *
     * @return {@code dir}, holding {@link #CYCLONE}, {@link #FASTDDS} and the Cyclone configurations
     * @throws IllegalStateException when a tool is missing or the build fails, naming the Debian packages
     */
    public static synchronized Path fastDds(Path dir) throws IOException, InterruptedException {
        Path d = cyclone(dir);
        if (!FASTDDS_BUILT.contains(d)) {
            require("the Fast DDS peer", Prerequisites.FASTDDS_PACKAGES, "fastddsgen", "g++");
            Path gen = d.resolve("fastdds");
            boolean changed = copy(d, "FastDdsPeer.idl", "fastdds_peer.cpp");
            if (changed || !Files.isExecutable(d.resolve(FASTDDS))) {
                Files.createDirectories(gen);
                exec(d, "the Fast DDS peer", Prerequisites.FASTDDS_PACKAGES, 120, "fastddsgen", "-replace", "-d",
                        gen.toString(), d.resolve("FastDdsPeer.idl").toString());
                exec(d, "the Fast DDS peer", Prerequisites.FASTDDS_PACKAGES, 300, "g++", "-O1", "-std=c++17", "-o",
                        d.resolve(FASTDDS).toString(), "-I" + gen, d.resolve("fastdds_peer.cpp").toString(),
                        gen.resolve("FastDdsPeer.cxx").toString(), gen.resolve("FastDdsPeerPubSubTypes.cxx").toString(),
                        "-lfastrtps", "-lfastcdr");
            }
            FASTDDS_BUILT.add(d);
        }
        return d;
    }

    private static void require(String what, String packages, String... tools) {
        Prerequisites.missingTools(System.getenv(), what, packages, tools).ifPresent(m -> {
            throw new IllegalStateException(m);
        });
    }

    /** Copies resources into {@code dir}; returns whether any changed (so the peer must be rebuilt). */
    private static boolean copy(Path dir, String... files) throws IOException {
        Files.createDirectories(dir);
        boolean changed = false;
        for (String f : files) {
            try (InputStream in = RosPeers.class.getResourceAsStream(RESOURCES + f)) {
                if (in == null) {
                    throw new IllegalStateException("peer source " + RESOURCES + f + " missing from the class path"
                            + " (it ships in wayfinder-ros-testkit)");
                }
                byte[] b = in.readAllBytes();
                Path to = dir.resolve(f);
                if (!Files.exists(to) || !Arrays.equals(b, Files.readAllBytes(to))) {
                    Files.write(to, b);
                    changed = true;
                }
            }
        }
        return changed;
    }

    private static void exec(Path dir, String what, String packages, int timeoutS, String... cmd)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "build", ".log");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(timeoutS, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            if (!done || p.exitValue() != 0) {
                throw new IllegalStateException("building " + what + " failed (" + String.join(" ", cmd) + "):\n"
                        + Files.readString(log, StandardCharsets.UTF_8) + "\nDebian packages needed: " + packages);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
