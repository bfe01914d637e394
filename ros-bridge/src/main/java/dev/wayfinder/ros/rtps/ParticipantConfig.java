package dev.wayfinder.ros.rtps;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a participant discovers and talks.
 *
 * @param domainId DDS domain (ROS_DOMAIN_ID), 0..232
 * @param localhostOnly unicast SPDP to 127.0.0.1 participant ports 0..maxParticipantIndex, and never send to a
 *                      non-loopback address (ROS_LOCALHOST_ONLY / ROS_AUTOMATIC_DISCOVERY_RANGE=LOCALHOST)
 * @param maxParticipantIndex highest participant index probed and announced to (>= 0)
 * @param multicastInterface interface for SPDP multicast to 239.255.0.1, empty for unicast only
 * @param lease how long others keep us without hearing from us (> 0)
 * @param announcePeriod SPDP announcement period (> 0, below the lease)
 * @param maxSampleSize largest fragmented sample accepted, bytes (> 0)
 * @param enclave ROS 2 security enclave announced in USER_DATA ("/" by default)
 * @param staticPeers hosts that also get SPDP announcements (ports of indices 0..maxParticipantIndex), as
 *                    ROS_STATIC_PEERS; in localhost-only mode only loopback peers are used
 */
public record ParticipantConfig(int domainId, boolean localhostOnly, int maxParticipantIndex,
                                Optional<NetworkInterface> multicastInterface, Duration lease, Duration announcePeriod,
                                int maxSampleSize, String enclave, List<InetAddress> staticPeers) {
    /** Validates ranges. */
    public ParticipantConfig {
        if (domainId < 0 || domainId > 232) {
            throw new IllegalArgumentException("domain id must be in 0..232, got " + domainId);
        }
        if (maxParticipantIndex < 0 || maxParticipantIndex > 119) {
            throw new IllegalArgumentException("max participant index must be in 0..119, got " + maxParticipantIndex);
        }
        if (lease.isNegative() || lease.isZero() || announcePeriod.isNegative() || announcePeriod.isZero()
                || announcePeriod.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("need 0 < announce period < lease, got " + announcePeriod + " / " + lease);
        }
        if (maxSampleSize <= 0 || enclave == null || enclave.isEmpty()) {
            throw new IllegalArgumentException("max sample size must be > 0 and enclave non-empty");
        }
        staticPeers = List.copyOf(staticPeers);
    }

    /**
     * Localhost-only defaults: unicast discovery on 127.0.0.1, indices 0..20, 10 s lease, 1 s announcements,
     * 64 MiB samples.
     *
     * @param domainId the domain
     * @return the configuration
     */
    public static ParticipantConfig localhost(int domainId) {
        return new ParticipantConfig(domainId, true, 20, Optional.empty(), Duration.ofSeconds(10),
                Duration.ofSeconds(1), 64 << 20, "/", List.of());
    }

    /**
     * @param lease new lease
     * @param announcePeriod new period
     * @return a copy with other timing
     */
    public ParticipantConfig withTiming(Duration lease, Duration announcePeriod) {
        return new ParticipantConfig(domainId, localhostOnly, maxParticipantIndex, multicastInterface, lease,
                announcePeriod, maxSampleSize, enclave, staticPeers);
    }

    /**
     * @param nif interface to use for SPDP multicast
     * @return a copy with multicast discovery on that interface
     */
    public ParticipantConfig withMulticast(NetworkInterface nif) {
        return new ParticipantConfig(domainId, localhostOnly, maxParticipantIndex, Optional.of(nif), lease,
                announcePeriod, maxSampleSize, enclave, staticPeers);
    }

    /**
     * @param only whether discovery stays on 127.0.0.1 and nothing is sent to other addresses
     * @return a copy with that setting
     */
    public ParticipantConfig withLocalhostOnly(boolean only) {
        return new ParticipantConfig(domainId, only, maxParticipantIndex, multicastInterface, lease, announcePeriod,
                maxSampleSize, enclave, staticPeers);
    }

    /**
     * @param peers hosts to announce to besides multicast and 127.0.0.1
     * @return a copy with those static peers
     */
    public ParticipantConfig withStaticPeers(List<InetAddress> peers) {
        return new ParticipantConfig(domainId, localhostOnly, maxParticipantIndex, multicastInterface, lease,
                announcePeriod, maxSampleSize, enclave, peers);
    }
}
