package dev.wayfinder.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.wayfinder.render.Renderer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A worker: an embedded Hazelcast member that runs episode jobs. It joins other members by TCP/IP only (no
 * multicast, no cloud discovery, no phone-home), announces its version, protocol, cores, slots, whether it can
 * render (EGL, probed once at start), its GPU and its owner's labels in member attributes, and runs up to
 * {@code slots} jobs at once.
 */
public final class Worker implements AutoCloseable {
    /**
     * How a worker starts.
     *
     * @param host  the address to bind and announce (null: Hazelcast's choice among this machine's interfaces)
     * @param port  the port to listen on (exactly this one)
     * @param join  a member of the cluster to join, or empty to start one
     * @param slots  jobs run at once, &gt;= 1
     * @param labels the owner's labels ({@code --label KEY=VALUE}) that {@code --select} picks workers by
     */
    public record Options(String host, int port, Optional<HostPort> join, int slots, Map<String, String> labels) {
        /** Without labels. */
        public Options(String host, int port, Optional<HostPort> join, int slots) {
            this(host, port, join, slots, Map.of());
        }

        public Options {
            labels = Map.copyOf(labels);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--port " + port + ": expected 1..65535");
            }
            if (slots < 1 || slots > 256) {
                throw new IllegalArgumentException("--slots " + slots + ": expected 1..256");
            }
        }
    }

    private final HazelcastInstance hz;
    private final boolean egl;
    private final String eglReason;

    private Worker(HazelcastInstance hz, boolean egl, String eglReason) {
        this.hz = hz;
        this.egl = egl;
        this.eglReason = eglReason;
    }

    /**
     * Starts a worker; with {@link Options#join} it must end up in that member's cluster.
     *
     * @throws IllegalArgumentException saying why when the join address does not answer, does not take this worker in
     *                                  (another cluster name), or its cluster runs another protocol; the port is taken
     */
    public static Worker start(Options o) {
        if (o.join().isPresent()) {
            String why = o.join().get().unreachable(3000);
            if (why != null) {
                throw new IllegalArgumentException("--join " + o.join().get() + ": " + why);
            }
        }
        String[] eglProbe = probeEgl();
        boolean egl = eglProbe[0] == null;
        Config c = memberConfig(o, egl, egl ? "" : eglProbe[0]);
        HazelcastInstance hz;
        try {
            hz = Hazelcast.newHazelcastInstance(c);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the worker could not start on port " + o.port() + ": "
                    + rootMessage(e), e);
        }
        Worker w = new Worker(hz, egl, egl ? "" : eglProbe[0]);
        if (o.join().isPresent()) {
            int others = hz.getCluster().getMembers().size() - 1;
            if (others == 0) {
                w.close();
                throw new IllegalArgumentException("--join " + o.join().get() + ": something listens there but did"
                        + " not take this worker in (not a wayfinder worker, or a member of another cluster name than '"
                        + Cluster.NAME + "')");
            }
            for (Member m : hz.getCluster().getMembers()) {
                String protocol = m.getAttribute(Cluster.ATTR_PROTOCOL);
                if (!m.localMember() && !String.valueOf(Cluster.PROTOCOL).equals(protocol)) {
                    w.close();
                    throw new IllegalArgumentException("--join " + o.join().get() + ": member " + m.getAddress()
                            + " runs wayfinder " + m.getAttribute(Cluster.ATTR_VERSION) + " with job protocol "
                            + protocol + "; this is " + Cluster.version() + " with protocol " + Cluster.PROTOCOL
                            + ": run the same version on every machine");
                }
            }
        }
        return w;
    }

    /** The member configuration (also what tests start members with). */
    static Config memberConfig(Options o, boolean egl, String eglReason) {
        Config c = new Config();
        c.setClusterName(Cluster.NAME);
        c.setInstanceName("wayfinder-worker-" + o.port());
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        // A killed worker is noticed in seconds, not the default minute.
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", "8");
        c.setProperty("hazelcast.wait.seconds.before.join", "1");
        c.setProperty("hazelcast.max.join.seconds", "10");
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(o.port()).setPortAutoIncrement(false);
        if (o.host() != null) {
            c.setProperty("hazelcast.local.localAddress", o.host());
            c.setProperty("hazelcast.socket.bind.any", "false");
        }
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(3);
        o.join().ifPresent(h -> j.getTcpIpConfig().addMember(h.toString()));
        c.getExecutorConfig(Cluster.JOBS).setPoolSize(o.slots());
        c.getExecutorConfig(Cluster.STATUS).setPoolSize(2);
        var a = c.getMemberAttributeConfig();
        a.setAttribute(Cluster.ATTR_ROLE, Cluster.ROLE_WORKER);
        a.setAttribute(Cluster.ATTR_VERSION, Cluster.version());
        a.setAttribute(Cluster.ATTR_PROTOCOL, String.valueOf(Cluster.PROTOCOL));
        a.setAttribute(Cluster.ATTR_CORES, String.valueOf(Runtime.getRuntime().availableProcessors()));
        a.setAttribute(Cluster.ATTR_SLOTS, String.valueOf(o.slots()));
        a.setAttribute(Cluster.ATTR_EGL, String.valueOf(egl));
        a.setAttribute(Cluster.ATTR_EGL_REASON, eglReason);
        a.setAttribute(Cluster.ATTR_GPU, gpu());
        o.labels().forEach((k, v) -> a.setAttribute(MemberFilter.LABEL_PREFIX + k, v));
        return c;
    }

    /**
     * Starts and closes an OpenGL renderer once: {null} when this machine can render, else {the reason}. It also loads
     * the native libraries once for the JVM's lifetime. {@code wayfinder.cluster.noEgl} set to a reason pretends it
     * cannot (to check how a learner excludes such a worker).
     */
    private static String[] probeEgl() {
        String forced = System.getProperty("wayfinder.cluster.noEgl");
        if (forced != null) {
            return new String[] {forced.isBlank() ? "EGL disabled" : forced};
        }
        try (Renderer r = Renderer.create()) {
            return new String[] {null};
        } catch (RuntimeException | LinkageError e) {
            return new String[] {rootMessage(e)};
        }
    }

    private static String gpu() {
        if (Files.exists(Path.of("/dev/nvidia0"))) {
            return "nvidia";
        }
        if (Files.exists(Path.of("/dev/dri/renderD128"))) {
            return "dri";
        }
        return "none";
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The address it listens at. */
    public String address() {
        return hz.getCluster().getLocalMember().getAddress().toString();
    }

    /** Members of its cluster now. */
    public int members() {
        return hz.getCluster().getMembers().size();
    }

    /** Whether it can render the robot camera, and why not. */
    public String egl() {
        return egl ? "yes" : "no (" + eglReason + ")";
    }

    /** Whether it still runs. */
    public boolean running() {
        return hz.getLifecycleService().isRunning();
    }

    @Override
    public void close() {
        hz.shutdown();
    }
}
