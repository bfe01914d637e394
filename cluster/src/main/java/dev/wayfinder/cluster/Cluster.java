package dev.wayfinder.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The names and versions every member and client of a wayfinder cluster agree on. */
public final class Cluster {
    /** The Hazelcast cluster name: a member of another cluster name is never joined. */
    public static final String NAME = "wayfinder";
    /**
     * The protocol: what jobs and results look like. Members announce it; a learner uses only members of its own, and
     * a worker refuses to join a cluster of another.
     */
    public static final int PROTOCOL = 1;
    /** The executor that runs jobs (one thread per slot on each worker). */
    public static final String JOBS = "wayfinder-jobs";
    /** The executor that answers status queries (beside the jobs, so a busy worker still answers). */
    public static final String STATUS = "wayfinder-status";
    /** The map of broadcast weights: content key to serialized weights. */
    public static final String WEIGHTS = "wayfinder-weights";

    /** Member attributes. */
    public static final String ATTR_ROLE = "wayfinder.role";
    public static final String ATTR_VERSION = "wayfinder.version";
    public static final String ATTR_PROTOCOL = "wayfinder.protocol";
    public static final String ATTR_CORES = "wayfinder.cores";
    public static final String ATTR_SLOTS = "wayfinder.slots";
    public static final String ATTR_EGL = "wayfinder.egl";
    public static final String ATTR_EGL_REASON = "wayfinder.egl.reason";
    public static final String ATTR_GPU = "wayfinder.gpu";
    /** The role of a worker member. */
    public static final String ROLE_WORKER = "worker";

    private static final String VERSION = readVersion();

    private Cluster() {
    }

    /** The project version this build announces. */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Cluster.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
