package dev.wayfinder.ros.rtps.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.rtps.Captured;
import dev.wayfinder.ros.rtps.behaviour.EndpointQos;
import dev.wayfinder.ros.rtps.messages.EntityId;
import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.GuidPrefix;
import dev.wayfinder.ros.rtps.messages.Locator;
import dev.wayfinder.ros.rtps.messages.MessageParser;
import dev.wayfinder.ros.rtps.messages.ParameterList;
import dev.wayfinder.ros.rtps.messages.Submessage;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscoveryDataTest {

    private static Submessage.Data data(String captured) {
        byte[] b = Captured.get(captured);
        return MessageParser.parse(b, b.length).submessages().stream().filter(s -> s instanceof Submessage.Data)
                .map(s -> (Submessage.Data) s).findFirst().orElseThrow();
    }

    private static ParameterList pl(byte[] payload) {
        return ParameterList.parse(payload, 4, payload.length - 4, payload[1] == 2);
    }

    @Test
    void cycloneParticipantAnnouncementDecodes() {
        Submessage.Data d = data("cyclone-spdp");
        assertEquals(EntityId.SPDP_WRITER, d.writerId());
        ParticipantData p = ParticipantData.decode(pl(d.payload()), GuidPrefix.UNKNOWN).orElseThrow();
        assertEquals(0x0110, p.vendorId());
        assertEquals(10_000_000_000L, p.leaseNanos());
        assertEquals("enclave=/;", p.userDataText());
        assertEquals(0, p.domainId());
        assertEquals(0x3f, p.builtinEndpoints() & 0x3f);
        assertTrue(p.metatrafficUnicast().stream().anyMatch(l -> l.address().isLoopbackAddress()), p.toString());
    }

    @Test
    void fastDdsParticipantAnnouncementDecodes() {
        ParticipantData p = ParticipantData.decode(pl(data("fastdds-spdp").payload()), GuidPrefix.UNKNOWN).orElseThrow();
        assertEquals(0x010f, p.vendorId());
        assertFalse(p.defaultUnicast().isEmpty());
    }

    @Test
    void sedpWritersFromBothVendorsDecodeWithSpecDefaults() {
        EndpointData c = EndpointData.decode(pl(data("cyclone-sedp-writer").payload()), true, Optional.empty())
                .orElseThrow();
        assertTrue(c.topic().startsWith("rt/cmd_vel"), c.topic());
        assertEquals("geometry_msgs::msg::dds_::Twist_", c.type());
        assertTrue(c.qos().reliable());
        EndpointData f = EndpointData.decode(pl(data("fastdds-sedp-writer").payload()), true, Optional.empty())
                .orElseThrow();
        assertEquals("geometry_msgs::msg::dds_::Twist_", f.type());
        EndpointData r = EndpointData.decode(pl(data("cyclone-sedp-reader").payload()), false, Optional.empty())
                .orElseThrow();
        assertFalse(r.guid().entityId().isWriter());
    }

    @Test
    void ownAnnouncementsRoundTrip() throws Exception {
        GuidPrefix me = new GuidPrefix(0x01F0_0000_0000_0001L, 2);
        Locator lo = new Locator(InetAddress.getLoopbackAddress(), 7412);
        ParticipantData p = new ParticipantData(me, 0x01F0, 3, List.of(lo), List.of(lo), 0x3f, 5_000_000_000L,
                "enclave=/;".getBytes());
        assertEquals(Optional.of(p).map(ParticipantData::encode).map(b -> ParticipantData.decode(pl(b),
                GuidPrefix.UNKNOWN).orElseThrow()).orElseThrow().toString().replaceAll("\\[B@\\w+", ""),
                p.toString().replaceAll("\\[B@\\w+", ""));
        EndpointData e = new EndpointData(new Guid(me, EntityId.of(1, EntityId.KIND_READER_NO_KEY)), "rt/scan",
                "sensor_msgs::msg::dds_::LaserScan_", new EndpointQos(false, true, false, 5), List.of(), false);
        assertEquals(e, EndpointData.decode(pl(e.encode(0x01F0)), false, Optional.empty()).orElseThrow());
    }

    @Test
    void omittedQosTakesSpecDefaultsPerEndpointKind() {
        Guid w = new Guid(new GuidPrefix(1, 2), EntityId.of(1, EntityId.KIND_WRITER_NO_KEY));
        byte[] b = new ParameterList.Builder().addGuid(0x5a, w).addString(0x05, "rt/x").addString(0x07, "T").build();
        assertTrue(EndpointData.decode(pl(b), true, Optional.empty()).orElseThrow().qos().reliable());
        Guid r = new Guid(new GuidPrefix(1, 2), EntityId.of(2, EntityId.KIND_READER_NO_KEY));
        byte[] b2 = new ParameterList.Builder().addGuid(0x5a, r).addString(0x05, "rt/x").addString(0x07, "T").build();
        EndpointQos q = EndpointData.decode(pl(b2), false, Optional.empty()).orElseThrow().qos();
        assertEquals(new EndpointQos(false, false, false, 1), q);
    }

    @Test
    void qosMatchingFollowsRequestedVersusOffered() {
        EndpointQos be = new EndpointQos(false, false, false, 5);
        EndpointQos rel = new EndpointQos(true, false, false, 10);
        EndpointQos latched = new EndpointQos(true, true, false, 1);
        assertTrue(EndpointQos.incompatibility(be, rel).orElseThrow().contains("RELIABILITY"));
        assertTrue(EndpointQos.incompatibility(rel, latched).orElseThrow().contains("DURABILITY"));
        assertTrue(EndpointQos.incompatibility(rel, be).isEmpty());
        assertTrue(EndpointQos.incompatibility(latched, rel).isEmpty());
    }

    @Test
    void databaseIsBoundedAndExpiresLeases() {
        DiscoveryDatabase db = new DiscoveryDatabase(3, 2);
        for (int i = 0; i < 10; i++) {
            db.update(new ParticipantData(new GuidPrefix(i + 1, 0), 0, 0, List.of(), List.of(), 0, 1_000, new byte[0]),
                    0);
        }
        assertEquals(3, db.participants().size());
        assertEquals(7, db.refused());
        db.touch(new GuidPrefix(1, 0), 900);
        assertEquals(List.of(new GuidPrefix(2, 0), new GuidPrefix(3, 0)), db.expired(1_500));
    }
}
