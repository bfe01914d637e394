package dev.wayfinder.ros.cdr;

import java.util.Optional;

/**
 * The representation identifier that starts every serialized payload (the 4-byte encapsulation header).
 *
 * @param id       the 16-bit representation identifier as sent on the wire (big endian)
 * @param bigEndian whether the body is big endian
 * @param xcdr2    whether the body follows XCDR2 alignment rules (8-byte values aligned to 4)
 * @param parameterList whether the body is a parameter list (PL_CDR) rather than plain CDR
 */
public record Encapsulation(int id, boolean bigEndian, boolean xcdr2, boolean parameterList) {

    /** Plain CDR (XCDR1), big endian. */
    public static final Encapsulation CDR_BE = new Encapsulation(0x0000, true, false, false);
    /** Plain CDR (XCDR1), little endian: what ROS 2 middleware sends. */
    public static final Encapsulation CDR_LE = new Encapsulation(0x0001, false, false, false);
    /** Parameter list CDR, big endian (discovery data). */
    public static final Encapsulation PL_CDR_BE = new Encapsulation(0x0002, true, false, true);
    /** Parameter list CDR, little endian (discovery data). */
    public static final Encapsulation PL_CDR_LE = new Encapsulation(0x0003, false, false, true);
    /** PLAIN_CDR2, big endian. */
    public static final Encapsulation CDR2_BE = new Encapsulation(0x0006, true, true, false);
    /** PLAIN_CDR2, little endian. */
    public static final Encapsulation CDR2_LE = new Encapsulation(0x0007, false, true, false);
    /** DELIMITED_CDR2, big endian (final types are plain inside). */
    public static final Encapsulation D_CDR2_BE = new Encapsulation(0x0008, true, true, false);
    /** DELIMITED_CDR2, little endian. */
    public static final Encapsulation D_CDR2_LE = new Encapsulation(0x0009, false, true, false);

    /** Validates the identifier range. */
    public Encapsulation {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("encapsulation id must be 16 bits, got " + id);
        }
    }

    /**
     * Looks up a representation identifier this package can read.
     *
     * @param id the 16-bit identifier from the payload's first two bytes
     * @return the encapsulation, or empty for identifiers that are not supported
     */
    public static Optional<Encapsulation> of(int id) {
        return Optional.ofNullable(switch (id) {
            case 0x0000 -> CDR_BE;
            case 0x0001 -> CDR_LE;
            case 0x0002 -> PL_CDR_BE;
            case 0x0003 -> PL_CDR_LE;
            case 0x0006 -> CDR2_BE;
            case 0x0007 -> CDR2_LE;
            case 0x0008 -> D_CDR2_BE;
            case 0x0009 -> D_CDR2_LE;
            default -> null;
        });
    }
}
