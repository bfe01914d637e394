package dev.wayfinder.ros.rtps.messages;

/**
 * The 20-byte RTPS message header.
 *
 * @param major protocol major version (2)
 * @param minor protocol minor version
 * @param vendorId 16-bit vendor id
 * @param prefix sending participant
 */
public record Header(int major, int minor, int vendorId, GuidPrefix prefix) {
    /** Header length in bytes. */
    public static final int LENGTH = 20;

    /** Validates the fields. */
    public Header {
        if (prefix == null || major < 0 || major > 255 || minor < 0 || minor > 255) {
            throw new IllegalArgumentException("bad RTPS header version " + major + "." + minor);
        }
    }
}
