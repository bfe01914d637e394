package dev.wayfinder.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.rtps.messages.EntityId;
import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.GuidPrefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeOptionsTest {

    @Test
    void environmentVariablesAreHonoured() throws Exception {
        NodeOptions o = NodeOptions.fromEnvironment(Map.of("ROS_DOMAIN_ID", "7", "ROS_STATIC_PEERS",
                "127.0.0.2; 10.1.2.3", "ROS_DISTRO", "humble"));
        assertEquals(7, o.participant().domainId());
        assertTrue(o.participant().localhostOnly());
        assertEquals(List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("10.1.2.3")),
                o.participant().staticPeers());
        assertEquals(RosDistro.HUMBLE, o.distro());
        assertEquals(RosDistro.JAZZY, NodeOptions.fromEnvironment(Map.of()).distro());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeOptions.fromEnvironment(Map.of("ROS_DOMAIN_ID", "x")));
        assertTrue(e.getMessage().contains("ROS_DOMAIN_ID"));
        assertThrows(IllegalArgumentException.class, () -> NodeOptions.fromEnvironment(Map.of("ROS_DOMAIN_ID", "300")));
        assertThrows(IllegalArgumentException.class, () -> NodeOptions.localhost(0).withNamespace("robot"));
    }

    @Test
    void graphEntryUsesTheDistrosGidSize() {
        Guid participant = new Guid(new GuidPrefix(0x01F0_0102_0304_0506L, 0x0708090a), EntityId.PARTICIPANT);
        Guid reader = new Guid(participant.prefix(), EntityId.of(1, EntityId.KIND_READER_NO_KEY));
        for (RosDistro d : RosDistro.values()) {
            byte[] b = GraphInfo.encode(d, participant, "/", "probe", List.of(reader), List.of());
            CdrReader r = new CdrReader(b);
            byte[] gid = r.readOctets(d.gidSize());
            assertEquals(participant, Guid.of(gid, 0));
            assertEquals(1, r.readInt32());
            assertEquals("/", r.readString());
            assertEquals("probe", r.readString());
            assertEquals(1, r.readInt32());
            assertEquals(reader, Guid.of(r.readOctets(d.gidSize()), 0));
            assertEquals(0, r.readInt32());
        }
    }
}
