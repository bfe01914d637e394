package dev.wayfinder.ros.msg;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * sensor_msgs/CompressedImage.
 *
 * @param header acquisition time and camera frame
 * @param format "jpeg", "png", ...
 * @param data compressed bytes (copied)
 */
public record CompressedImage(Header header, String format, byte[] data) {
    /** The type. */
    public static final MessageType<CompressedImage> TYPE = MessageType.of("sensor_msgs/msg/CompressedImage", (v, w) -> {
        Header.write(v.header, w);
        w.writeString(v.format);
        w.writeOctetSequence(ByteBuffer.wrap(v.data));
    }, r -> new CompressedImage(Header.read(r), r.readString(), r.readOctetSequence()));

    /** Validates and copies. */
    public CompressedImage {
        if (header == null || format == null || data == null) {
            throw new IllegalArgumentException("compressed image needs header, format and data");
        }
        data = data.clone();
    }

    /** @return a copy of the data array (the record stays immutable) */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompressedImage c && header.equals(c.header) && format.equals(c.format)
                && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "CompressedImage[" + format + ", " + data.length + " bytes, " + header + "]";
    }
}
