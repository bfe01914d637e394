package dev.wayfinder.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A worker in a JVM of its own (this test JVM's class path), on loopback, its output in a log file. */
final class WorkerProcess implements AutoCloseable {
    final int port;
    final Process process;
    final Path log;

    private WorkerProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a worker on a free loopback port, joining {@code join} (0 for none), with {@code extra} arguments
     * ({@code --label KEY=VALUE}), and waits until it is ready.
     */
    static WorkerProcess start(Path dir, String name, int join, String... extra)
            throws IOException, InterruptedException {
        int port = freePort();
        Path log = dir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Dwayfinder.cluster.logJobs=true", "-cp", System.getProperty("java.class.path"),
                WorkerMain.class.getName(), "--port", String.valueOf(port), "--host", "127.0.0.1"));
        if (join > 0) {
            cmd.addAll(List.of("--join", "127.0.0.1:" + join));
        }
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        WorkerProcess w = new WorkerProcess(port, p, log);
        w.await(" ready: ", 90);
        return w;
    }

    /** Waits until the log holds {@code text}; fails with the log when the worker exits or time runs out. */
    void await(String text, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (log().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("worker on port " + port + " exited (" + process.exitValue() + "):\n" + log());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("worker on port " + port + " did not say '" + text + "' in " + seconds + " s:\n"
                + log());
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
