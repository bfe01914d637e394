package dev.wayfinder.ros.rtps.messages;

import java.nio.ByteBuffer;

/**
 * A 16-byte GUID: participant prefix and entity id.
 *
 * @param prefix the participant's prefix
 * @param entityId the entity within it
 */
public record Guid(GuidPrefix prefix, EntityId entityId) {
    /** Validates non-null parts. */
    public Guid {
        if (prefix == null || entityId == null) {
            throw new IllegalArgumentException("GUID needs a prefix and an entity id");
        }
    }

    /**
     * @param b 16 bytes starting at off
     * @param off offset
     * @return the GUID
     */
    public static Guid of(byte[] b, int off) {
        return new Guid(GuidPrefix.of(b, off), new EntityId(ByteBuffer.wrap(b, off + 12, 4).getInt()));
    }

    /** @return the 16 bytes */
    public byte[] toBytes() {
        return ByteBuffer.allocate(16).put(prefix.toBytes()).putInt(entityId.value()).array();
    }

    @Override
    public String toString() {
        return prefix + ":" + entityId;
    }
}
