package dev.wayfinder.ros.rtps.discovery;

import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.GuidPrefix;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remote participants (with their leases) and their endpoints. Bounded: past {@code maxParticipants} or
 * {@code maxEndpoints} new entries are refused, so a flood of announcements cannot exhaust memory.
 * Not thread-safe: guarded by the participant's lock.
 */
public final class DiscoveryDatabase {
    private final int maxParticipants;
    private final int maxEndpoints;
    private final Map<GuidPrefix, Entry> participants = new LinkedHashMap<>();
    private final Map<Guid, EndpointData> endpoints = new HashMap<>();
    private long refused;

    /** A participant and when it was last heard from. */
    private static final class Entry {
        ParticipantData data;
        long lastSeenNanos;

        Entry(ParticipantData data, long now) {
            this.data = data;
            this.lastSeenNanos = now;
        }
    }

    /** Outcome of an SPDP update. */
    public enum Update {
        /** A participant not known before. */
        NEW,
        /** A known participant re-announced. */
        RENEWED,
        /** Refused: the table is full. */
        REFUSED
    }

    /**
     * @param maxParticipants most remote participants kept (>= 1)
     * @param maxEndpoints most remote endpoints kept (>= 1)
     */
    public DiscoveryDatabase(int maxParticipants, int maxEndpoints) {
        if (maxParticipants < 1 || maxEndpoints < 1) {
            throw new IllegalArgumentException("discovery limits must be >= 1");
        }
        this.maxParticipants = maxParticipants;
        this.maxEndpoints = maxEndpoints;
    }

    /**
     * @param data announced participant
     * @param nowNanos monotonic time
     * @return whether it is new, renewed or refused
     */
    public Update update(ParticipantData data, long nowNanos) {
        Entry e = participants.get(data.prefix());
        if (e != null) {
            e.data = data;
            e.lastSeenNanos = nowNanos;
            return Update.RENEWED;
        }
        if (participants.size() >= maxParticipants) {
            refused++;
            return Update.REFUSED;
        }
        participants.put(data.prefix(), new Entry(data, nowNanos));
        return Update.NEW;
    }

    /**
     * Renews a lease on any traffic from the participant.
     *
     * @param prefix sender
     * @param nowNanos monotonic time
     */
    public void touch(GuidPrefix prefix, long nowNanos) {
        Entry e = participants.get(prefix);
        if (e != null) {
            e.lastSeenNanos = nowNanos;
        }
    }

    /** @return the participant, if known */
    public Optional<ParticipantData> participant(GuidPrefix prefix) {
        Entry e = participants.get(prefix);
        return e == null ? Optional.empty() : Optional.of(e.data);
    }

    /** @return all known participants */
    public List<ParticipantData> participants() {
        return participants.values().stream().map(e -> e.data).toList();
    }

    /**
     * @param data endpoint announcement
     * @return false if refused (full table or unknown participant)
     */
    public boolean putEndpoint(EndpointData data) {
        if (!participants.containsKey(data.guid().prefix())
                || (!endpoints.containsKey(data.guid()) && endpoints.size() >= maxEndpoints)) {
            refused++;
            return false;
        }
        endpoints.put(data.guid(), data);
        return true;
    }

    /** @return the endpoint removed, if it was known */
    public Optional<EndpointData> removeEndpoint(Guid guid) {
        return Optional.ofNullable(endpoints.remove(guid));
    }

    /** @return all known remote endpoints */
    public Collection<EndpointData> endpoints() {
        return List.copyOf(endpoints.values());
    }

    /**
     * Removes a participant and its endpoints.
     *
     * @param prefix participant
     * @return the endpoints removed with it
     */
    public List<EndpointData> removeParticipant(GuidPrefix prefix) {
        participants.remove(prefix);
        List<EndpointData> gone = new ArrayList<>();
        endpoints.values().removeIf(e -> {
            if (e.guid().prefix().equals(prefix)) {
                gone.add(e);
                return true;
            }
            return false;
        });
        return gone;
    }

    /**
     * @param nowNanos monotonic time
     * @return participants whose lease has run out (not yet removed)
     */
    public List<GuidPrefix> expired(long nowNanos) {
        List<GuidPrefix> out = new ArrayList<>();
        for (Map.Entry<GuidPrefix, Entry> e : participants.entrySet()) {
            long lease = e.getValue().data.leaseNanos();
            if (lease != Durations.INFINITE && nowNanos - e.getValue().lastSeenNanos > lease) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** @return how many announcements were refused because the tables were full */
    public long refused() {
        return refused;
    }
}
