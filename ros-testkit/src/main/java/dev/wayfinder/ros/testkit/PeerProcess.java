package dev.wayfinder.ros.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A running peer program (the Cyclone DDS C peer or the Fast DDS C++ peer that {@link RosPeers} builds): its standard
 * output collected line by line on a daemon thread, killed (SIGKILL) on close. Used by ros-bridge's interoperability
 * tests and by the ROS 2 benchmark. Thread-safe.
 */
public final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();

    /**
     * Starts {@code binary} with {@code args} and {@code CYCLONEDDS_URI} pointing at {@code config}; its
     * standard error goes to this process's.
     */
    public PeerProcess(Path binary, Path config, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("CYCLONEDDS_URI", "file://" + config);
        process = pb.start();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "peer-output");
        t.setDaemon(true);
        t.start();
    }

    /** The lines printed so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Waits until at least n lines match, or the timeout passes; returns the matching lines. */
    public List<String> await(Predicate<String> match, int n, long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (lines) {
            while (true) {
                List<String> m = lines.stream().filter(match).toList();
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (m.size() >= n || left <= 0) {
                    return m;
                }
                lines.wait(Math.min(left, 50));
            }
        }
    }

    /**
     * Writes one line to the peer's standard input (the robot mode of the Cyclone peer is steered so).
     *
     * @throws IOException when the peer has gone
     */
    public void send(String line) throws IOException {
        synchronized (process) {
            var in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the process is still running. */
    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        kill();
    }
}
