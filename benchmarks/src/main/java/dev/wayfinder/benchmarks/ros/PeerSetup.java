package dev.wayfinder.benchmarks.ros;

import dev.wayfinder.ros.testkit.NetworkNamespace;
import dev.wayfinder.ros.testkit.Prerequisites;
import dev.wayfinder.ros.testkit.RosPeers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parent process's side of {@link RosBench}: checks what the machine needs, builds the Cyclone DDS peer (with
 * ros-testkit, into a cache folder, rebuilt only when its sources change), and starts the benchmark again in a
 * private network namespace ({@code unshare -n}, loopback only, so root) with {@code --inside}, returning the rows it
 * printed.
 */
final class PeerSetup {
    /** The child's class path, when it differs from this JVM's (tests: the modules' folders). */
    static final String CLASSPATH_PROPERTY = "wayfinder.ros.benchClasspath";

    private PeerSetup() {
    }

    /** {@code $XDG_CACHE_HOME/wayfinder/ros-peer}, else {@code ~/.cache/wayfinder/ros-peer}. */
    static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("wayfinder").resolve("ros-peer");
    }

    /**
     * The measuring child's JVM options: this JVM's own (the launcher's: the Vector API module, native access, and
     * whatever GC or heap options the user gave), so the deploy node in it runs as {@code wayfinder deploy} would,
     * less profiling agents and recordings. The heap too is the user's (the JVM's default unless given): a small heap
     * makes G1 treat every camera image as a humongous object and collect twice a second, which a deploy node with
     * the default heap does not.
     */
    static List<String> childOptions() {
        List<String> own = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> out = new ArrayList<>();
        for (String o : own) {
            if (o.startsWith("-agentlib") || o.startsWith("-agentpath") || o.startsWith("-javaagent")
                    || o.contains("FlightRecording") || o.startsWith("-Xlog") || o.startsWith("-Djava.class.path")) {
                continue;
            }
            out.add(o);
        }
        return out;
    }

    /**
     * Builds the peer into {@code cache} and runs the measurement in a network namespace.
     *
     * @param cache where the peer is built
     * @param counts what to measure
     * @throws IllegalStateException when tools or root are missing, or the measurement fails
     */
    static RosBenchResult run(Path cache, RosBench.Counts counts) throws Exception {
        Prerequisites.missingForCyclone().ifPresent(m -> {
            throw new IllegalStateException(m + (m.startsWith("needs root") ? " (e.g. sudo wayfinder bench ros)" : ""));
        });
        Path peers = RosPeers.cyclone(cache);
        String cp = System.getProperty(CLASSPATH_PROPERTY, System.getProperty("java.class.path"));
        List<String> args = new ArrayList<>(List.of("--inside", peers.toString()));
        args.addAll(counts.args());
        long limitS = 120 + (counts.warmup() + counts.roundTrips()) * 3L / 100 + counts.images() / 5
                + counts.burst() / 5 + (counts.model() == null ? 0 : counts.deploySeconds() + 90L);
        NetworkNamespace.Result r = NetworkNamespace.runJava(false, cp, childOptions(), RosBench.class.getName(),
                limitS, args.toArray(new String[0]));
        if (r.timedOut()) {
            throw new IllegalStateException("the benchmark did not finish within " + limitS + " s:\n" + r.output());
        }
        if (r.exitCode() != 0) {
            String hint = r.namespaceRefused()
                    ? "\nit runs in a private network namespace (unshare -n) so that its traffic stays on loopback;"
                    + " that needs root: run it as root (e.g. sudo wayfinder bench ros)" : "";
            throw new IllegalStateException("the benchmark failed (exit " + r.exitCode() + "):\n" + r.output() + hint);
        }
        return RosBenchResult.parse(r.output());
    }
}
