package dev.wayfinder.ros;

import dev.wayfinder.ros.rtps.ParticipantConfig;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a node joins ROS 2.
 *
 * @param namespace node namespace, "/" or "/robot1"
 * @param participant discovery and timing of the DDS participant
 * @param distro wire conventions of the ROS 2 distribution to talk to
 */
public record NodeOptions(String namespace, ParticipantConfig participant, RosDistro distro) {
    private static final Pattern NAMESPACE = Pattern.compile("/|(/[A-Za-z_][A-Za-z0-9_]*)+");

    /** Validates the namespace. */
    public NodeOptions {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches() || participant == null || distro == null) {
            throw new IllegalArgumentException("namespace must be '/' or like '/robot1', got '" + namespace + "'");
        }
    }

    /**
     * Localhost-only discovery on a domain (unicast to 127.0.0.1, as ROS_LOCALHOST_ONLY=1 does), Jazzy conventions.
     *
     * @param domainId ROS_DOMAIN_ID
     * @return the options
     */
    public static NodeOptions localhost(int domainId) {
        return new NodeOptions("/", ParticipantConfig.localhost(domainId), RosDistro.JAZZY);
    }

    /**
     * Options from the ROS 2 environment variables: ROS_DOMAIN_ID (default 0); localhost-only unless
     * ROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET or ROS_LOCALHOST_ONLY=0, in which case SPDP also uses multicast on the
     * first up, multicast-capable, non-loopback interface (if there is one); ROS_STATIC_PEERS (hosts separated by
     * ';') also get announcements; ROS_DISTRO=humble selects Humble.
     *
     * @param env the environment, e.g. System.getenv()
     * @return the options
     * @throws IllegalArgumentException if ROS_DOMAIN_ID is not a number in 0..232
     */
    public static NodeOptions fromEnvironment(Map<String, String> env) {
        int domain;
        try {
            domain = Integer.parseInt(env.getOrDefault("ROS_DOMAIN_ID", "0").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ROS_DOMAIN_ID must be a number in 0..232, got '"
                    + env.get("ROS_DOMAIN_ID") + "'");
        }
        ParticipantConfig c = ParticipantConfig.localhost(domain);
        boolean wide = "SUBNET".equalsIgnoreCase(env.getOrDefault("ROS_AUTOMATIC_DISCOVERY_RANGE", ""))
                || "0".equals(env.get("ROS_LOCALHOST_ONLY"));
        if (wide) {
            Optional<NetworkInterface> nif = multicastInterface();
            c = new ParticipantConfig(domain, false, c.maxParticipantIndex(), nif, c.lease(), c.announcePeriod(),
                    c.maxSampleSize(), c.enclave(), List.of());
        }
        String peers = env.getOrDefault("ROS_STATIC_PEERS", "").trim();
        if (!peers.isEmpty()) {
            List<InetAddress> list = new ArrayList<>();
            for (String host : peers.split("[;,]")) {
                if (!host.isBlank()) {
                    try {
                        list.add(InetAddress.getByName(host.trim()));
                    } catch (UnknownHostException e) {
                        throw new IllegalArgumentException("ROS_STATIC_PEERS: cannot resolve '" + host.trim() + "'");
                    }
                }
            }
            c = c.withStaticPeers(list);
        }
        RosDistro distro = "humble".equalsIgnoreCase(env.getOrDefault("ROS_DISTRO", "")) ? RosDistro.HUMBLE
                : RosDistro.JAZZY;
        return new NodeOptions("/", c, distro);
    }

    private static Optional<NetworkInterface> multicastInterface() {
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (n.isUp() && !n.isLoopback() && n.supportsMulticast()) {
                    return Optional.of(n);
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * @param newNamespace node namespace
     * @return a copy in that namespace
     */
    public NodeOptions withNamespace(String newNamespace) {
        return new NodeOptions(newNamespace, participant, distro);
    }

    /**
     * @param newParticipant participant configuration
     * @return a copy with it
     */
    public NodeOptions withParticipant(ParticipantConfig newParticipant) {
        return new NodeOptions(namespace, newParticipant, distro);
    }
}
