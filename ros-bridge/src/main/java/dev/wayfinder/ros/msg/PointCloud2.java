package dev.wayfinder.ros.msg;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * sensor_msgs/PointCloud2: points as packed records described by {@code fields}.
 *
 * @param header time and the frame the points are in
 * @param height rows (1 for an unordered cloud)
 * @param width points per row
 * @param fields the layout of one point (immutable)
 * @param isBigendian whether multi-byte fields are big endian
 * @param pointStep bytes per point
 * @param rowStep bytes per row
 * @param data the points (copied on the way in and out)
 * @param isDense true when no point is invalid
 */
public record PointCloud2(Header header, int height, int width, List<PointField> fields, boolean isBigendian,
                          int pointStep, int rowStep, byte[] data, boolean isDense) {
    /** The type. */
    public static final MessageType<PointCloud2> TYPE = MessageType.of("sensor_msgs/msg/PointCloud2", (v, w) -> {
        Header.write(v.header, w);
        w.writeInt32(v.height);
        w.writeInt32(v.width);
        w.writeInt32(v.fields.size());
        for (PointField f : v.fields) {
            PointField.write(f, w);
        }
        w.writeBool(v.isBigendian);
        w.writeInt32(v.pointStep);
        w.writeInt32(v.rowStep);
        w.writeOctetSequence(ByteBuffer.wrap(v.data));
        w.writeBool(v.isDense);
    }, r -> {
        Header h = Header.read(r);
        int height = r.readInt32();
        int width = r.readInt32();
        int n = r.readLength(13);
        List<PointField> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fields.add(PointField.read(r));
        }
        return new PointCloud2(h, height, width, fields, r.readBool(), r.readInt32(), r.readInt32(),
                r.readOctetSequence(), r.readBool());
    });

    /** Validates and copies. */
    public PointCloud2 {
        if (header == null || fields == null || data == null) {
            throw new IllegalArgumentException("point cloud needs header, fields and data");
        }
        fields = List.copyOf(fields);
        data = data.clone();
    }

    /** @return a copy of the data array (the record stays immutable) */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointCloud2 c && header.equals(c.header) && height == c.height && width == c.width
                && fields.equals(c.fields) && isBigendian == c.isBigendian && pointStep == c.pointStep
                && rowStep == c.rowStep && Arrays.equals(data, c.data) && isDense == c.isDense;
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PointCloud2[" + width + "x" + height + " points, " + fields.size() + " fields, " + data.length
                + " bytes, " + header + "]";
    }
}
