package dev.wayfinder.ros.rtps.discovery;

import dev.wayfinder.ros.rtps.messages.EntityId;
import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.GuidPrefix;
import dev.wayfinder.ros.rtps.messages.Locator;
import dev.wayfinder.ros.rtps.messages.ParameterList;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What SPDP announces about a participant (spec 8.5.3.2).
 *
 * @param prefix the participant
 * @param vendorId its vendor
 * @param domainId its domain (-1 when not announced)
 * @param metatrafficUnicast where its built-in endpoints listen
 * @param defaultUnicast where its user endpoints listen unless they say otherwise
 * @param builtinEndpoints bit set of built-in endpoints it has (spec 9.3.2)
 * @param leaseNanos lease duration in nanoseconds (> 0)
 * @param userData USER_DATA bytes (ROS 2: "enclave=/;")
 */
public record ParticipantData(GuidPrefix prefix, int vendorId, int domainId, List<Locator> metatrafficUnicast,
                              List<Locator> defaultUnicast, int builtinEndpoints, long leaseNanos,
                              byte[] userData) {
    /** Built-in endpoints this implementation has: SPDP and SEDP publications/subscriptions, both directions. */
    public static final int OUR_BUILTIN_ENDPOINTS = 0x3F;
    private static final long DEFAULT_LEASE = 100_000_000_000L;

    /** Validates and copies. */
    public ParticipantData {
        if (prefix == null || leaseNanos <= 0) {
            throw new IllegalArgumentException("participant data needs a prefix and a positive lease");
        }
        metatrafficUnicast = List.copyOf(metatrafficUnicast);
        defaultUnicast = List.copyOf(defaultUnicast);
        userData = userData.clone();
    }

    @Override
    public byte[] userData() {
        return userData.clone();
    }

    /** @return the participant's GUID */
    public Guid guid() {
        return new Guid(prefix, EntityId.PARTICIPANT);
    }

    /** @return the serialized DATA(p) payload (PL_CDR_LE) */
    public byte[] encode() {
        ParameterList.Builder b = new ParameterList.Builder();
        b.add(Pid.PROTOCOL_VERSION, new byte[] {2, 3, 0, 0});
        b.add(Pid.VENDOR_ID, new byte[] {(byte) (vendorId >> 8), (byte) vendorId, 0, 0});
        b.addGuid(Pid.PARTICIPANT_GUID, guid());
        b.add(Pid.BUILTIN_ENDPOINT_SET, 4, v -> v.putInt(builtinEndpoints));
        if (domainId >= 0) {
            b.add(Pid.DOMAIN_ID, 4, v -> v.putInt(domainId));
        }
        b.add(Pid.PARTICIPANT_LEASE_DURATION, 8, v -> Durations.put(v, leaseNanos));
        for (Locator l : defaultUnicast) {
            b.addLocator(Pid.DEFAULT_UNICAST_LOCATOR, l);
        }
        for (Locator l : metatrafficUnicast) {
            b.addLocator(Pid.METATRAFFIC_UNICAST_LOCATOR, l);
        }
        b.add(Pid.USER_DATA, 4 + userData.length, v -> v.putInt(userData.length).put(userData));
        return b.build();
    }

    /**
     * Decodes a DATA(p) payload, applying spec defaults for omitted parameters.
     *
     * @param pl the decoded parameter list
     * @param fallbackPrefix the sender, used when PARTICIPANT_GUID is missing
     * @return the data, or empty if no participant GUID can be determined
     */
    public static Optional<ParticipantData> decode(ParameterList pl, GuidPrefix fallbackPrefix) {
        ByteBuffer g = pl.first(Pid.PARTICIPANT_GUID);
        GuidPrefix prefix = g != null && g.capacity() >= 16 ? GuidPrefix.of(g.array(), 0) : fallbackPrefix;
        if (prefix.equals(GuidPrefix.UNKNOWN)) {
            return Optional.empty();
        }
        ByteBuffer v = pl.first(Pid.VENDOR_ID);
        int vendor = v != null && v.capacity() >= 2 ? ((v.get(0) & 0xFF) << 8) | (v.get(1) & 0xFF) : 0;
        ByteBuffer d = pl.first(Pid.DOMAIN_ID);
        int domain = d != null && d.capacity() >= 4 ? d.getInt(0) : -1;
        ByteBuffer be = pl.first(Pid.BUILTIN_ENDPOINT_SET);
        int builtin = be != null && be.capacity() >= 4 ? be.getInt(0) : 0;
        ByteBuffer lease = pl.first(Pid.PARTICIPANT_LEASE_DURATION);
        long leaseNanos = lease != null && lease.capacity() >= 8 ? Durations.get(lease) : DEFAULT_LEASE;
        if (leaseNanos <= 0) {
            leaseNanos = DEFAULT_LEASE;
        }
        ByteBuffer u = pl.first(Pid.USER_DATA);
        byte[] user = new byte[0];
        if (u != null && u.capacity() >= 4) {
            int n = u.getInt(0);
            if (n >= 0 && n <= u.capacity() - 4) {
                user = new byte[n];
                u.get(4, user);
            }
        }
        return Optional.of(new ParticipantData(prefix, vendor, domain, locators(pl, Pid.METATRAFFIC_UNICAST_LOCATOR),
                locators(pl, Pid.DEFAULT_UNICAST_LOCATOR), builtin, leaseNanos, user));
    }

    static List<Locator> locators(ParameterList pl, int pid) {
        List<Locator> out = new ArrayList<>();
        for (ParameterList.Parameter p : pl.all(pid)) {
            if (p.value().length >= 24) {
                ByteBuffer b = p.buffer(pl.bigEndian());
                byte[] addr = new byte[16];
                b.get(8, addr);
                Locator.decode(b.getInt(0), b.getInt(4) & 0xFFFF_FFFFL, addr).ifPresent(out::add);
            }
        }
        return out;
    }

    /** @return USER_DATA as text (ROS 2 puts "enclave=/;" there) */
    public String userDataText() {
        return new String(userData, StandardCharsets.UTF_8);
    }
}
