package dev.wayfinder.ros.rtps.transport;

/**
 * The well-known ports of spec 9.6.1.1 with the default parameters (PB 7400, DG 250, PG 2, d0 0, d1 10,
 * d2 1, d3 11).
 *
 * @param domainId DDS domain (ROS_DOMAIN_ID), 0..232
 */
public record PortMapping(int domainId) {
    private static final int PB = 7400;
    private static final int DG = 250;
    private static final int PG = 2;

    /** Validates the domain so every port stays below 65536. */
    public PortMapping {
        if (domainId < 0 || domainId > 232) {
            throw new IllegalArgumentException("domain id must be in 0..232, got " + domainId);
        }
    }

    /** @return the SPDP multicast port */
    public int discoveryMulticast() {
        return PB + DG * domainId;
    }

    /** @return the user-traffic multicast port */
    public int userMulticast() {
        return PB + DG * domainId + 1;
    }

    /**
     * @param participantIndex index (>= 0)
     * @return the metatraffic (discovery) unicast port of that participant
     */
    public int discoveryUnicast(int participantIndex) {
        return PB + DG * domainId + 10 + PG * participantIndex;
    }

    /**
     * @param participantIndex index (>= 0)
     * @return the user-traffic unicast port of that participant
     */
    public int userUnicast(int participantIndex) {
        return PB + DG * domainId + 11 + PG * participantIndex;
    }
}
