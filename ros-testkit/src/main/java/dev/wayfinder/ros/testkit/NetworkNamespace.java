package dev.wayfinder.ros.testkit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Java main class in a child JVM inside a fresh network namespace ({@code unshare -n}, so it needs root) with
 * only loopback up: the child's traffic never leaves loopback, and parallel runs, or ROS programs on the machine,
 * cannot meet it. Its standard output and error are collected together.
 */
public final class NetworkNamespace {
    /** Why creating the namespace failed when it was refused. */
    static final String NEEDS_ROOT = "needs root: it runs in a private network namespace (unshare -n) so that its"
            + " traffic stays on loopback, and creating one needs root; run it as root";

    private NetworkNamespace() {
    }

    /**
     * How a child ended.
     *
     * @param exitCode its exit code, 124 when it was killed for running past its limit
     * @param output its standard output and error, lines joined by '\n'
     * @param timedOut whether it ran past its limit and was killed
     */
    public record Result(int exitCode, String output, boolean timedOut) {
        /** @return the last non-blank line of the output ("" when there is none) */
        public String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }

        /** @return whether creating the namespace was refused (not root) */
        public boolean namespaceRefused() {
            return exitCode != 0 && output.contains("unshare")
                    && (output.contains("Operation not permitted") || output.contains("Permission denied"));
        }

        /** @return {@link #NEEDS_ROOT} after a refused namespace, else "" (for appending to a failure) */
        public String rootHint() {
            return namespaceRefused() ? "\n" + NEEDS_ROOT : "";
        }
    }

    /**
     * Starts {@code mainClass} with {@code args} in a new network namespace and waits for it.
     *
     * @param multicast also make loopback multicast-capable (a route for 224.0.0.0/4), for multicast discovery
     * @param classPath the child's class path (see {@link #classPathOf})
     * @param maxHeap the child's -Xmx, e.g. "256m"
     * @param mainClass the class to run
     * @param timeoutS wall-clock limit; the child is killed (SIGKILL) after it
     * @param args the main class's arguments
     */
    public static Result runJava(boolean multicast, String classPath, String maxHeap, String mainClass, long timeoutS,
                                 String... args) throws IOException, InterruptedException {
        return runJava(multicast, classPath, List.of("-Xmx" + maxHeap), mainClass, timeoutS, args);
    }

    /**
     * As {@link #runJava(boolean, String, String, String, long, String...)}, with the child's JVM options given
     * whole (heap, modules, GC: e.g. the options this JVM was started with, so the child runs as a user's would).
     */
    public static Result runJava(boolean multicast, String classPath, List<String> jvmOptions, String mainClass,
                                 long timeoutS, String... args) throws IOException, InterruptedException {
        String setup = "ip link set lo up"
                + (multicast ? " && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo" : "");
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "bash", "-c", setup + " && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, mainClass));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the child ended
            }
        }, "namespace-child-output");
        reader.setDaemon(true);
        reader.start();
        boolean done = p.waitFor(timeoutS, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(2000);
        String out;
        synchronized (lines) {
            out = String.join("\n", lines);
        }
        return done ? new Result(p.exitValue(), out, false) : new Result(124, out, true);
    }

    /**
     * The class path that holds each of {@code classes}: the folders or jars they were loaded from, in order, each
     * once. For a child JVM that needs exactly these modules (the forked test JVM's own class path is often a single
     * manifest jar).
     */
    public static String classPathOf(Class<?>... classes) {
        Set<String> parts = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            try {
                parts.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the class path entry of " + c.getName(), e);
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
