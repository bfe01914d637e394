package dev.wayfinder.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;

/** Connects to a wayfinder cluster as a Hazelcast client (it takes no work), within a bounded time. */
final class ClusterClient {
    /** How long the client tries to reach the cluster before giving up. */
    static final int CONNECT_MILLIS = 8000;

    private ClusterClient() {
    }

    /**
     * A client of the cluster one of whose members listens at {@code address}.
     *
     * @param what names the flag in messages ("--cluster")
     * @throws IllegalArgumentException why not: nothing listens there, or it is not a member of a wayfinder cluster
     */
    static HazelcastInstance connect(HostPort address, String what) {
        String why = address.unreachable(3000);
        if (why != null) {
            throw new IllegalArgumentException(what + " " + address + ": " + why + " (start one with 'wayfinder worker"
                    + " --port " + address.port() + "')");
        }
        ClientConfig c = new ClientConfig();
        c.setClusterName(Cluster.NAME);
        c.setInstanceName("wayfinder-client-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.client.heartbeat.interval", "1000");
        c.setProperty("hazelcast.client.heartbeat.timeout", "8000");
        c.getNetworkConfig().addAddress(address.toString()).setConnectionTimeout(3000);
        c.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(CONNECT_MILLIS)
                .setInitialBackoffMillis(200).setMaxBackoffMillis(1000);
        try {
            return HazelcastClient.newHazelcastClient(c);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " " + address + ": something listens there but it did not"
                    + " accept a client of cluster '" + Cluster.NAME + "' within " + CONNECT_MILLIS / 1000 + " s (not a"
                    + " wayfinder worker, or a cluster of another name or Hazelcast version): "
                    + Worker.rootMessage(e), e);
        }
    }
}
