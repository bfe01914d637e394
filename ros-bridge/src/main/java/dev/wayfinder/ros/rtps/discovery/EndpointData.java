package dev.wayfinder.ros.rtps.discovery;

import dev.wayfinder.ros.rtps.behaviour.EndpointQos;
import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.GuidPrefix;
import dev.wayfinder.ros.rtps.messages.Locator;
import dev.wayfinder.ros.rtps.messages.ParameterList;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * What SEDP announces about a writer (DATA(w)) or reader (DATA(r)) (spec 8.5.4).
 *
 * @param guid the endpoint
 * @param topic DDS topic name (ROS 2: "rt/..." for topics)
 * @param type DDS type name (ROS 2: "pkg::msg::dds_::Name_")
 * @param qos reliability, durability, history
 * @param unicast endpoint-specific locators; empty means the participant's default
 * @param writer whether this is a writer
 */
public record EndpointData(Guid guid, String topic, String type, EndpointQos qos, List<Locator> unicast,
                           boolean writer) {
    private static final int BEST_EFFORT = 1;
    private static final int RELIABLE = 2;

    /** Validates and copies. */
    public EndpointData {
        if (guid == null || topic == null || type == null || qos == null) {
            throw new IllegalArgumentException("endpoint data needs guid, topic, type and qos");
        }
        unicast = List.copyOf(unicast);
    }

    /**
     * @param vendorId our vendor id
     * @return the serialized DATA(w)/DATA(r) payload (PL_CDR_LE), all QoS listed explicitly
     */
    public byte[] encode(int vendorId) {
        ParameterList.Builder b = new ParameterList.Builder();
        b.addGuid(Pid.ENDPOINT_GUID, guid);
        b.addGuid(Pid.PARTICIPANT_GUID, new Guid(guid.prefix(), dev.wayfinder.ros.rtps.messages.EntityId.PARTICIPANT));
        b.addString(Pid.TOPIC_NAME, topic);
        b.addString(Pid.TYPE_NAME, type);
        b.add(Pid.RELIABILITY, 12, v -> {
            v.putInt(qos.reliable() ? RELIABLE : BEST_EFFORT);
            Durations.put(v, 100_000_000L);
        });
        b.add(Pid.DURABILITY, 4, v -> v.putInt(qos.transientLocal() ? 1 : 0));
        b.add(Pid.HISTORY, 8, v -> v.putInt(qos.keepAll() ? 1 : 0).putInt(qos.depth()));
        b.add(Pid.DATA_REPRESENTATION, 6, v -> v.putInt(1).putShort((short) 0));
        b.add(Pid.PROTOCOL_VERSION, new byte[] {2, 3, 0, 0});
        b.add(Pid.VENDOR_ID, new byte[] {(byte) (vendorId >> 8), (byte) vendorId, 0, 0});
        for (Locator l : unicast) {
            b.addLocator(Pid.UNICAST_LOCATOR, l);
        }
        return b.build();
    }

    /**
     * Decodes DATA(w)/DATA(r), applying spec defaults for omitted QoS (writers default to RELIABLE, readers to
     * BEST_EFFORT; VOLATILE; KEEP_LAST 1), as Cyclone DDS omits defaults.
     *
     * @param pl the parameter list
     * @param writer whether it came from the publications writer
     * @param keyHashGuid endpoint GUID from the inline KEY_HASH, used when ENDPOINT_GUID is missing
     * @return the data, or empty when GUID, topic or type is missing or the GUID is of the wrong kind
     */
    public static Optional<EndpointData> decode(ParameterList pl, boolean writer, Optional<Guid> keyHashGuid) {
        ByteBuffer g = pl.first(Pid.ENDPOINT_GUID);
        Optional<Guid> guid = g != null && g.capacity() >= 16 ? Optional.of(Guid.of(g.array(), 0)) : keyHashGuid;
        ByteBuffer t = pl.first(Pid.TOPIC_NAME);
        ByteBuffer ty = pl.first(Pid.TYPE_NAME);
        if (guid.isEmpty() || t == null || ty == null || guid.get().prefix().equals(GuidPrefix.UNKNOWN)
                || guid.get().entityId().isWriter() != writer) {
            return Optional.empty();
        }
        boolean reliable = writer;
        ByteBuffer r = pl.first(Pid.RELIABILITY);
        if (r != null && r.capacity() >= 4) {
            reliable = r.getInt(0) == RELIABLE;
        }
        ByteBuffer d = pl.first(Pid.DURABILITY);
        boolean transientLocal = d != null && d.capacity() >= 4 && d.getInt(0) >= 1;
        ByteBuffer h = pl.first(Pid.HISTORY);
        boolean keepAll = false;
        int depth = 1;
        if (h != null && h.capacity() >= 8) {
            keepAll = h.getInt(0) == 1;
            depth = Math.max(1, h.getInt(4));
        }
        return Optional.of(new EndpointData(guid.get(), ParameterList.string(t), ParameterList.string(ty),
                new EndpointQos(reliable, transientLocal, keepAll, depth),
                ParticipantData.locators(pl, Pid.UNICAST_LOCATOR), writer));
    }

    /**
     * Reads the inline-QoS facts discovery needs from a DATA submessage: key hash and dispose/unregister flags.
     *
     * @param inlineQos raw inline QoS
     * @param bigEndian its byte order
     * @return the key hash as a GUID (if present) and whether the instance was disposed or unregistered
     */
    public static InlineFacts inlineFacts(byte[] inlineQos, boolean bigEndian) {
        if (inlineQos.length == 0) {
            return new InlineFacts(Optional.empty(), false);
        }
        ParameterList pl = ParameterList.parse(inlineQos, 0, inlineQos.length, bigEndian);
        ByteBuffer k = pl.first(Pid.KEY_HASH);
        Optional<Guid> key = k != null && k.capacity() >= 16 ? Optional.of(Guid.of(k.array(), 0)) : Optional.empty();
        ByteBuffer s = pl.first(Pid.STATUS_INFO);
        boolean gone = s != null && s.capacity() >= 4 && (s.get(3) & 0x03) != 0;
        return new InlineFacts(key, gone);
    }

    /**
     * Inline QoS facts.
     *
     * @param keyHash the instance's key hash as a GUID
     * @param disposed whether the instance is disposed or unregistered
     */
    public record InlineFacts(Optional<Guid> keyHash, boolean disposed) {
    }

    /**
     * @param key GUID of the disposed entity
     * @return inline QoS announcing that the entity is gone (KEY_HASH + STATUS_INFO disposed|unregistered)
     */
    public static byte[] disposeInlineQos(Guid key) {
        return new ParameterList.Builder(false).addGuid(Pid.KEY_HASH, key)
                .add(Pid.STATUS_INFO, new byte[] {0, 0, 0, 3}).build();
    }

    /**
     * @param key GUID of the announced entity
     * @return inline QoS with just the KEY_HASH
     */
    public static byte[] keyHashInlineQos(Guid key) {
        return new ParameterList.Builder(false).addGuid(Pid.KEY_HASH, key).build();
    }
}
