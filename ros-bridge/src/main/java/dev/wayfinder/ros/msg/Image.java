package dev.wayfinder.ros.msg;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * sensor_msgs/Image: an uncompressed image.
 *
 * @param header acquisition time and camera frame
 * @param height rows (>= 0)
 * @param width columns (>= 0)
 * @param encoding pixel encoding, e.g. "rgb8"
 * @param isBigEndian whether multi-byte pixels are big endian
 * @param step bytes per row (>= 0)
 * @param data pixels, step * height bytes (copied on the way in and out; use {@link #dataBuffer()} to read without a copy)
 */
public record Image(Header header, int height, int width, String encoding, boolean isBigEndian, int step,
                    byte[] data) {
    /** The type. */
    public static final MessageType<Image> TYPE = MessageType.of("sensor_msgs/msg/Image", (v, w) -> {
        Header.write(v.header, w);
        w.writeInt32(v.height);
        w.writeInt32(v.width);
        w.writeString(v.encoding);
        w.writeBool(v.isBigEndian);
        w.writeInt32(v.step);
        w.writeOctetSequence(v.dataBuffer());
    }, Image::read);

    /**
     * The pixel array being handed to the constructor by {@link #read}, which made it and keeps no reference: the
     * constructor takes it without the defensive copy (an image is a megabyte).
     */
    private static final ThreadLocal<byte[]> HANDED_OVER = new ThreadLocal<>();

    /** Validates and copies (but an array {@link #read} just made is taken as it is: nobody else holds it). */
    public Image {
        if (header == null || encoding == null || data == null) {
            throw new IllegalArgumentException("image needs header, encoding and data");
        }
        if (HANDED_OVER.get() != data) {
            data = data.clone();
        }
    }

    private static Image read(dev.wayfinder.ros.cdr.CdrReader r) {
        Header header = Header.read(r);
        int height = r.readInt32();
        int width = r.readInt32();
        String encoding = r.readString();
        boolean bigEndian = r.readBool();
        int step = r.readInt32();
        byte[] pixels = r.readOctetSequence();
        HANDED_OVER.set(pixels);
        try {
            return new Image(header, height, width, encoding, bigEndian, step, pixels);
        } finally {
            // set(null), not remove(): the thread's entry stays, so decoding the next image allocates none
            HANDED_OVER.set(null);
        }
    }

    /** @return a copy of the data array (the record stays immutable) */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** @return a read-only view of the pixels */
    public ByteBuffer dataBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image i && header.equals(i.header) && height == i.height && width == i.width
                && encoding.equals(i.encoding) && isBigEndian == i.isBigEndian && step == i.step
                && Arrays.equals(data, i.data);
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Image[" + width + "x" + height + " " + encoding + ", " + data.length + " bytes, " + header + "]";
    }
}
