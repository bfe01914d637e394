package dev.wayfinder.ros.rtps.messages;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The 12-byte GUID prefix that names a participant; held as 8 + 4 bytes (big endian) for cheap equality.
 *
 * @param high first 8 bytes
 * @param low last 4 bytes
 */
public record GuidPrefix(long high, int low) {
    /** The all-zero prefix (GUIDPREFIX_UNKNOWN). */
    public static final GuidPrefix UNKNOWN = new GuidPrefix(0, 0);

    /**
     * @param b 12 bytes starting at off
     * @param off offset
     * @return the prefix
     */
    public static GuidPrefix of(byte[] b, int off) {
        ByteBuffer bb = ByteBuffer.wrap(b, off, 12);
        return new GuidPrefix(bb.getLong(), bb.getInt());
    }

    /**
     * A fresh prefix: vendor id, then 10 bytes from the generator (as Cyclone DDS does).
     *
     * @param vendorId 16-bit vendor id
     * @param random source of the remaining bytes
     * @return the prefix
     */
    public static GuidPrefix random(int vendorId, RandomGenerator random) {
        long hi = ((long) (vendorId & 0xFFFF) << 48) | (random.nextLong() & 0xFFFF_FFFF_FFFFL);
        return new GuidPrefix(hi, random.nextInt());
    }

    /** @return the 12 bytes */
    public byte[] toBytes() {
        return ByteBuffer.allocate(12).putLong(high).putInt(low).array();
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(toBytes());
    }
}
