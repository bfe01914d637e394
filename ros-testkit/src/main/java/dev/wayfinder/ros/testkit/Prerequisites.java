package dev.wayfinder.ros.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What building and running the peers needs from the machine: the tools of the Debian packages on PATH, and root,
 * because each run happens in a private network namespace ({@code unshare -n}) so that its traffic stays on
 * loopback and parallel runs cannot meet. Each check says what is missing and how to get it.
 */
public final class Prerequisites {
    /** Debian packages for the Cyclone DDS C peer (idlc + gcc) and the namespace (unshare, ip). */
    public static final String CYCLONE_PACKAGES = "cyclonedds-dev cyclonedds-tools gcc libc6-dev iproute2 util-linux";
    /** Debian packages for the Fast DDS C++ peer (fastddsgen + g++), on top of {@link #CYCLONE_PACKAGES}. */
    public static final String FASTDDS_PACKAGES = "libfastrtps-dev libfastcdr-dev fastddsgen g++";
    /** The environment variable that turns a missing prerequisite from a skipped test into a failed one. */
    public static final String CI = "CI";

    private static Boolean namespaces;

    private Prerequisites() {
    }

    /** What is missing to build the Cyclone DDS peer and run it in a private network namespace, if anything. */
    public static Optional<String> missingForCyclone() {
        return missingTools(System.getenv(), "the Cyclone DDS peer", CYCLONE_PACKAGES, "idlc", "gcc", "unshare", "ip")
                .or(Prerequisites::missingRoot);
    }

    /** What is missing to build both peers (Cyclone DDS and Fast DDS) and run them, if anything. */
    public static Optional<String> missingForFastDds() {
        return missingForCyclone().or(() -> missingTools(System.getenv(), "the Fast DDS peer", FASTDDS_PACKAGES,
                "fastddsgen", "g++"));
    }

    /**
     * The first of {@code tools} not on the PATH of {@code env}, as a message naming the packages to install.
     *
     * @param env the environment whose PATH is searched
     * @param what what the tools are for, e.g. "the Cyclone DDS peer"
     * @param packages the Debian packages that bring them
     * @param tools program names
     * @return the message, empty if every tool is there
     */
    static Optional<String> missingTools(Map<String, String> env, String what, String packages, String... tools) {
        for (String tool : tools) {
            if (!onPath(env, tool)) {
                return Optional.of("needs '" + tool + "' on PATH to build and run " + what
                        + "; install the Debian packages: apt-get install -y " + packages);
            }
        }
        return Optional.empty();
    }

    private static boolean onPath(Map<String, String> env, String tool) {
        for (String d : env.getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Whether this process may create a network namespace (tried once per JVM with {@code unshare -n true}). */
    private static synchronized Optional<String> missingRoot() {
        if (namespaces == null) {
            namespaces = tryUnshare();
        }
        return namespaces ? Optional.empty() : Optional.of(NetworkNamespace.NEEDS_ROOT);
    }

    private static boolean tryUnshare() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * For a test that needs a prerequisite: returns when nothing is missing; otherwise skips the test with the
     * message (a JUnit assumption), except when the environment variable {@value #CI} is set (CI runs with
     * {@code CI=true}), where a missing prerequisite fails the test instead.
     *
     * @param missing what {@link #missingForCyclone()} or {@link #missingForFastDds()} returned
     */
    public static void assumeInTest(Optional<String> missing) {
        assumeInTest(missing, System.getenv());
    }

    static void assumeInTest(Optional<String> missing, Map<String, String> env) {
        if (missing.isEmpty()) {
            return;
        }
        String ci = env.get(CI);
        if (ci != null && !ci.isEmpty()) {
            throw new AssertionError(missing.get() + " (" + CI + " is set, so a missing prerequisite fails the test"
                    + " instead of skipping it)");
        }
        Assumptions.abort("skipped: " + missing.get() + " (with " + CI + " set this fails)");
    }
}
