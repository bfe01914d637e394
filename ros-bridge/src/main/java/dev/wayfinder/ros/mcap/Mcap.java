package dev.wayfinder.ros.mcap;

import java.util.Arrays;

/** Constants of the MCAP format (specification version 0): the magic and the record opcodes. */
public final class Mcap {
    private Mcap() {
    }

    /** The 8 bytes every MCAP file starts and ends with: 0x89 "MCAP" '0' CR LF. */
    private static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};

    /** Header record. */
    public static final int OP_HEADER = 0x01;
    /** Footer record. */
    public static final int OP_FOOTER = 0x02;
    /** Schema record. */
    public static final int OP_SCHEMA = 0x03;
    /** Channel record. */
    public static final int OP_CHANNEL = 0x04;
    /** Message record. */
    public static final int OP_MESSAGE = 0x05;
    /** Chunk record. */
    public static final int OP_CHUNK = 0x06;
    /** Message index record. */
    public static final int OP_MESSAGE_INDEX = 0x07;
    /** Chunk index record. */
    public static final int OP_CHUNK_INDEX = 0x08;
    /** Attachment record. */
    public static final int OP_ATTACHMENT = 0x09;
    /** Attachment index record. */
    public static final int OP_ATTACHMENT_INDEX = 0x0A;
    /** Statistics record. */
    public static final int OP_STATISTICS = 0x0B;
    /** Metadata record. */
    public static final int OP_METADATA = 0x0C;
    /** Metadata index record. */
    public static final int OP_METADATA_INDEX = 0x0D;
    /** Summary offset record. */
    public static final int OP_SUMMARY_OFFSET = 0x0E;
    /** Data end record. */
    public static final int OP_DATA_END = 0x0F;

    /** Bytes of a record's opcode and length prefix. */
    static final int RECORD_PREFIX = 9;
    /** Bytes of the footer record's content. */
    static final int FOOTER_CONTENT = 20;

    /** The ROS 2 profile name (Header.profile). */
    public static final String PROFILE_ROS2 = "ros2";
    /** The ROS 2 schema encoding: .msg text with dependent definitions appended. */
    public static final String SCHEMA_ROS2MSG = "ros2msg";
    /** The ROS 2 message encoding: the CDR payload with its 4-byte encapsulation header. */
    public static final String MESSAGE_CDR = "cdr";

    /** @return a copy of the magic bytes */
    public static byte[] magic() {
        return MAGIC.clone();
    }

    static boolean isMagic(byte[] b) {
        return Arrays.equals(b, MAGIC);
    }

    /**
     * @param op an opcode
     * @return its record name, for messages ("Chunk (op 0x06)")
     */
    public static String name(int op) {
        String n = switch (op) {
            case OP_HEADER -> "Header";
            case OP_FOOTER -> "Footer";
            case OP_SCHEMA -> "Schema";
            case OP_CHANNEL -> "Channel";
            case OP_MESSAGE -> "Message";
            case OP_CHUNK -> "Chunk";
            case OP_MESSAGE_INDEX -> "Message Index";
            case OP_CHUNK_INDEX -> "Chunk Index";
            case OP_ATTACHMENT -> "Attachment";
            case OP_ATTACHMENT_INDEX -> "Attachment Index";
            case OP_STATISTICS -> "Statistics";
            case OP_METADATA -> "Metadata";
            case OP_METADATA_INDEX -> "Metadata Index";
            case OP_SUMMARY_OFFSET -> "Summary Offset";
            case OP_DATA_END -> "Data End";
            default -> op >= 0x80 ? "application record" : "unknown record";
        };
        return n + String.format(" (op 0x%02X)", op);
    }
}
