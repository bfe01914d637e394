package dev.wayfinder.ros;

import dev.wayfinder.ros.cdr.CdrWriter;
import dev.wayfinder.ros.rtps.messages.Guid;
import java.util.List;

/**
 * The rmw_dds_common/ParticipantEntitiesInfo sample a node publishes on ros_discovery_info so ROS tools see it
 * by name: {Gid gid; sequence&lt;NodeEntitiesInfo{namespace, name, reader gids, writer gids}&gt;}.
 */
final class GraphInfo {
    static final String TOPIC = "ros_discovery_info";
    static final String TYPE = "rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_";

    private GraphInfo() {
    }

    static byte[] encode(RosDistro distro, Guid participant, String namespace, String name, List<Guid> readers,
                         List<Guid> writers) {
        CdrWriter w = new CdrWriter(false, 256);
        gid(w, distro, participant);
        w.writeInt32(1);
        w.writeString(namespace);
        w.writeString(name);
        w.writeInt32(readers.size());
        for (Guid g : readers) {
            gid(w, distro, g);
        }
        w.writeInt32(writers.size());
        for (Guid g : writers) {
            gid(w, distro, g);
        }
        return w.toByteArray();
    }

    private static void gid(CdrWriter w, RosDistro distro, Guid g) {
        byte[] b = g.toBytes();
        w.writeOctets(b, 0, b.length);
        for (int i = b.length; i < distro.gidSize(); i++) {
            w.writeInt8(0);
        }
    }
}
