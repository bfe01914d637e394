package dev.wayfinder.ros.rtps;

import dev.wayfinder.ros.rtps.behaviour.EndpointQos;
import dev.wayfinder.ros.rtps.behaviour.StatefulReader;
import dev.wayfinder.ros.rtps.behaviour.StatefulWriter;
import dev.wayfinder.ros.rtps.discovery.DiscoveryDatabase;
import dev.wayfinder.ros.rtps.discovery.EndpointData;
import dev.wayfinder.ros.rtps.discovery.ParticipantData;
import dev.wayfinder.ros.rtps.messages.EntityId;
import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.GuidPrefix;
import dev.wayfinder.ros.rtps.messages.Locator;
import dev.wayfinder.ros.rtps.messages.MessageBuilder;
import dev.wayfinder.ros.rtps.messages.ParameterList;
import dev.wayfinder.ros.rtps.messages.Submessage;
import dev.wayfinder.ros.rtps.transport.PortMapping;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;

/**
 * SPDP and SEDP behaviour of a participant: announcements, leases, built-in endpoint matching, and matching of
 * user endpoints with QoS checks. Called with the participant's lock held.
 */
final class Discovery {
    private final Participant p;
    private long spdpSeq;
    private long lastAnnounce = Long.MIN_VALUE;

    Discovery(Participant p) {
        this.p = p;
    }

    void onTimer(long now) {
        if (lastAnnounce == Long.MIN_VALUE || now - lastAnnounce >= p.config.announcePeriod().toNanos()) {
            lastAnnounce = now;
            announceSpdp(false);
        }
        for (GuidPrefix gone : p.db.expired(now)) {
            Participant.LOG.info(() -> "participant " + gone + " lease expired; removing it and its endpoints");
            removeParticipant(gone);
        }
    }

    private byte[] spdpMessage(boolean leaving) {
        Guid me = new Guid(p.prefix, EntityId.PARTICIPANT);
        MessageBuilder m = new MessageBuilder(Participant.VENDOR_ID, p.prefix, 512).infoTs(p.output().nowNanos());
        if (leaving) {
            byte[] key = new ParameterList.Builder().addGuid(0x0050, me).build();
            m.data(EntityId.UNKNOWN, EntityId.SPDP_WRITER, ++spdpSeq, EndpointData.disposeInlineQos(me), key, true);
        } else {
            m.data(EntityId.UNKNOWN, EntityId.SPDP_WRITER, ++spdpSeq, EndpointData.keyHashInlineQos(me),
                    p.ownData().encode(), false);
        }
        return m.toBytes();
    }

    private void announceSpdp(boolean leaving) {
        byte[] msg = spdpMessage(leaving);
        Set<Locator> targets = new LinkedHashSet<>();
        if (p.config.localhostOnly() || p.config.multicastInterface().isEmpty()) {
            PortMapping ports = new PortMapping(p.config.domainId());
            for (int i = 0; i <= p.config.maxParticipantIndex(); i++) {
                int port = ports.discoveryUnicast(i);
                if (port != p.transport.discoveryPort()) {
                    targets.add(new Locator(InetAddress.getLoopbackAddress(), port));
                }
            }
        }
        PortMapping peerPorts = new PortMapping(p.config.domainId());
        for (InetAddress peer : p.config.staticPeers()) {
            for (int i = 0; i <= p.config.maxParticipantIndex(); i++) {
                targets.add(new Locator(peer, peerPorts.discoveryUnicast(i)));
            }
        }
        for (ParticipantData d : p.db.participants()) {
            targets.addAll(usable(d.metatrafficUnicast()));
        }
        p.output().send(msg, List.copyOf(targets));
        p.transport.sendMulticast(msg);
    }

    void announceLeaving() {
        announceSpdp(true);
    }

    void onSpdp(Submessage.Data d, GuidPrefix src) {
        EndpointData.InlineFacts facts = EndpointData.inlineFacts(d.inlineQos(), d.inlineQosBigEndian());
        if (facts.disposed() || d.key()) {
            GuidPrefix gone = facts.keyHash().map(Guid::prefix).orElse(src);
            if (p.db.participant(gone).isPresent()) {
                Participant.LOG.info(() -> "participant " + gone + " left");
                removeParticipant(gone);
            }
            return;
        }
        Optional<ParticipantData> data = ParticipantData.decode(parameters(d.payload()), src);
        if (data.isEmpty() || data.get().prefix().equals(p.prefix)
                || (data.get().domainId() >= 0 && data.get().domainId() != p.config.domainId())) {
            return;
        }
        ParticipantData pd = data.get();
        switch (p.db.update(pd, System.nanoTime())) {
            case NEW -> {
                Participant.LOG.info(() -> String.format("discovered participant %s (vendor %04x) at %s", pd.prefix(),
                        pd.vendorId(), pd.metatrafficUnicast()));
                matchBuiltins(pd);
                p.output().send(spdpMessage(false), usable(pd.metatrafficUnicast()));
            }
            case RENEWED, REFUSED -> {
                // nothing new to match
            }
        }
    }

    private static ParameterList parameters(byte[] payload) {
        if (payload.length < 4 || payload[0] != 0 || (payload[1] != 2 && payload[1] != 3)) {
            throw new IllegalArgumentException("discovery data is not a parameter list");
        }
        return ParameterList.parse(payload, 4, payload.length - 4, payload[1] == 2);
    }

    private void matchBuiltins(ParticipantData pd) {
        List<Locator> meta = usable(pd.metatrafficUnicast());
        int b = pd.builtinEndpoints();
        GuidPrefix r = pd.prefix();
        if ((b & 0x04) != 0) {
            p.readers.get(EntityId.SEDP_PUB_READER).matchWriter(new Guid(r, EntityId.SEDP_PUB_WRITER), meta, true);
        }
        if ((b & 0x08) != 0) {
            p.writers.get(EntityId.SEDP_PUB_WRITER).matchReader(new Guid(r, EntityId.SEDP_PUB_READER), meta, true);
        }
        if ((b & 0x10) != 0) {
            p.readers.get(EntityId.SEDP_SUB_READER).matchWriter(new Guid(r, EntityId.SEDP_SUB_WRITER), meta, true);
        }
        if ((b & 0x20) != 0) {
            p.writers.get(EntityId.SEDP_SUB_WRITER).matchReader(new Guid(r, EntityId.SEDP_SUB_READER), meta, true);
        }
    }

    private void removeParticipant(GuidPrefix prefix) {
        List<EndpointData> gone = p.db.removeParticipant(prefix);
        for (EndpointData e : gone) {
            unmatch(e.guid());
        }
        for (EntityId id : List.of(EntityId.SEDP_PUB_READER, EntityId.SEDP_SUB_READER, EntityId.SEDP_PUB_WRITER,
                EntityId.SEDP_SUB_WRITER)) {
            unmatch(new Guid(prefix, id));
        }
    }

    private void unmatch(Guid remote) {
        for (StatefulWriter w : p.writers.values()) {
            w.unmatchReader(remote);
        }
        for (StatefulReader r : p.readers.values()) {
            r.unmatchWriter(remote);
        }
    }

    void onEndpoint(byte[] payload, boolean writer) {
        Optional<EndpointData> d = EndpointData.decode(parameters(payload), writer, Optional.empty());
        if (d.isEmpty() || !p.db.putEndpoint(d.get())) {
            return;
        }
        EndpointData r = d.get();
        Participant.LOG.fine(() -> "discovered " + (writer ? "writer " : "reader ") + r.guid() + " " + r.topic()
                + " [" + r.type() + "] " + r.qos());
        for (EndpointData l : p.localEndpoints.values()) {
            if (l.writer() != r.writer() && l.topic().equals(r.topic())) {
                tryMatch(l, r);
            }
        }
    }

    void onEndpointGone(Guid guid) {
        if (p.db.removeEndpoint(guid).isPresent()) {
            unmatch(guid);
        }
    }

    void matchLocal(EndpointData l) {
        for (EndpointData r : p.db.endpoints()) {
            if (l.writer() != r.writer() && l.topic().equals(r.topic())) {
                tryMatch(l, r);
            }
        }
    }

    private void tryMatch(EndpointData local, EndpointData remote) {
        EndpointData w = local.writer() ? local : remote;
        EndpointData r = local.writer() ? remote : local;
        String pair = w.guid() + "->" + r.guid();
        if (!w.type().equals(r.type())) {
            if (p.reportedIncompatible.add(pair)) {
                Participant.LOG.warning(() -> "topic " + w.topic() + ": type mismatch, writer " + w.guid() + " has "
                        + w.type() + ", reader " + r.guid() + " wants " + r.type() + "; not matched");
            }
            return;
        }
        Optional<String> why = EndpointQos.incompatibility(w.qos(), r.qos());
        if (why.isPresent()) {
            if (p.reportedIncompatible.add(pair)) {
                Participant.LOG.log(Level.WARNING, "topic {0}: incompatible QoS, writer {1} ({2}) and reader {3} ({4}): "
                        + "{5}; not matched", new Object[] {w.topic(), w.guid(), w.qos(), r.guid(), r.qos(), why.get()});
            }
            return;
        }
        List<Locator> where = locatorsOf(remote);
        if (local.writer()) {
            p.writers.get(local.guid().entityId()).matchReader(remote.guid(), where, remote.qos().reliable());
        } else {
            p.readers.get(local.guid().entityId()).matchWriter(remote.guid(), where, remote.qos().reliable());
        }
    }

    private List<Locator> locatorsOf(EndpointData remote) {
        if (!remote.unicast().isEmpty()) {
            return usable(remote.unicast());
        }
        return usable(p.db.participant(remote.guid().prefix()).map(ParticipantData::defaultUnicast).orElse(List.of()));
    }

    /** In localhost-only mode, keeps loopback locators, or maps the ports onto 127.0.0.1 when there are none. */
    private List<Locator> usable(List<Locator> ls) {
        if (!p.config.localhostOnly()) {
            return ls;
        }
        List<Locator> lo = ls.stream().filter(l -> l.address().isLoopbackAddress()).toList();
        if (!lo.isEmpty()) {
            return lo;
        }
        List<Locator> mapped = new ArrayList<>();
        for (Locator l : ls) {
            mapped.add(new Locator(InetAddress.getLoopbackAddress(), l.port()));
        }
        return mapped;
    }

    void announce(EndpointData local) {
        EntityId via = local.writer() ? EntityId.SEDP_PUB_WRITER : EntityId.SEDP_SUB_WRITER;
        p.writers.get(via).write(local.encode(Participant.VENDOR_ID), EndpointData.keyHashInlineQos(local.guid()), false);
    }

    void retract(EndpointData local) {
        EntityId via = local.writer() ? EntityId.SEDP_PUB_WRITER : EntityId.SEDP_SUB_WRITER;
        byte[] key = new ParameterList.Builder().addGuid(0x005a, local.guid()).build();
        p.writers.get(via).write(key, EndpointData.disposeInlineQos(local.guid()), true);
    }

    DiscoveryDatabase db() {
        return p.db;
    }
}
