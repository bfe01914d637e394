package dev.wayfinder.ros.rtps.messages;

/**
 * A 4-byte entity id (3-byte key + 1-byte kind), held big endian as on the wire.
 *
 * @param value the 32-bit id
 */
public record EntityId(int value) {
    /** ENTITYID_UNKNOWN. */
    public static final EntityId UNKNOWN = new EntityId(0);
    /** The participant itself. */
    public static final EntityId PARTICIPANT = new EntityId(0x000001c1);
    /** SPDP built-in participant writer. */
    public static final EntityId SPDP_WRITER = new EntityId(0x000100c2);
    /** SPDP built-in participant reader. */
    public static final EntityId SPDP_READER = new EntityId(0x000100c7);
    /** SEDP built-in publications writer. */
    public static final EntityId SEDP_PUB_WRITER = new EntityId(0x000003c2);
    /** SEDP built-in publications reader. */
    public static final EntityId SEDP_PUB_READER = new EntityId(0x000003c7);
    /** SEDP built-in subscriptions writer. */
    public static final EntityId SEDP_SUB_WRITER = new EntityId(0x000004c2);
    /** SEDP built-in subscriptions reader. */
    public static final EntityId SEDP_SUB_READER = new EntityId(0x000004c7);
    /** Participant message (liveliness) writer. */
    public static final EntityId P2P_MSG_WRITER = new EntityId(0x000200c2);
    /** Participant message (liveliness) reader. */
    public static final EntityId P2P_MSG_READER = new EntityId(0x000200c7);

    /** Entity kind of a user writer without key. */
    public static final int KIND_WRITER_NO_KEY = 0x03;
    /** Entity kind of a user reader without key. */
    public static final int KIND_READER_NO_KEY = 0x04;

    /**
     * @param key 24-bit key
     * @param kind 8-bit kind
     * @return the id
     */
    public static EntityId of(int key, int kind) {
        if (key < 0 || key > 0xFFFFFF || kind < 0 || kind > 0xFF) {
            throw new IllegalArgumentException("entity key must be 24 bits and kind 8 bits: " + key + ", " + kind);
        }
        return new EntityId((key << 8) | kind);
    }

    /** @return the kind byte */
    public int kind() {
        return value & 0xFF;
    }

    /** @return whether the kind marks a writer (0x02, 0x03 and their built-in forms) */
    public boolean isWriter() {
        int k = kind() & 0x3F;
        return k == 0x02 || k == 0x03;
    }

    @Override
    public String toString() {
        return String.format("%08x", value);
    }
}
