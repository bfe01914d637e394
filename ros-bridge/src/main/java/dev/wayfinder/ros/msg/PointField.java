package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * sensor_msgs/PointField: one field of a {@link PointCloud2} point.
 *
 * @param name e.g. "x", "rgb"
 * @param offset byte offset of the field within a point
 * @param datatype one of the constants below (uint8 on the wire)
 * @param count elements in the field (1 for a scalar)
 */
public record PointField(String name, int offset, byte datatype, int count) {
    /** The type. */
    public static final MessageType<PointField> TYPE = MessageType.of("sensor_msgs/msg/PointField", PointField::write,
            PointField::read);
    /** datatype: int8. */
    public static final byte INT8 = 1;
    /** datatype: uint8. */
    public static final byte UINT8 = 2;
    /** datatype: int16. */
    public static final byte INT16 = 3;
    /** datatype: uint16. */
    public static final byte UINT16 = 4;
    /** datatype: int32. */
    public static final byte INT32 = 5;
    /** datatype: uint32. */
    public static final byte UINT32 = 6;
    /** datatype: float32. */
    public static final byte FLOAT32 = 7;
    /** datatype: float64. */
    public static final byte FLOAT64 = 8;

    /** Validates. */
    public PointField {
        if (name == null) {
            throw new IllegalArgumentException("point field needs a name");
        }
    }

    static void write(PointField v, CdrWriter w) {
        w.writeString(v.name);
        w.writeInt32(v.offset);
        w.writeInt8(v.datatype);
        w.writeInt32(v.count);
    }

    static PointField read(CdrReader r) {
        return new PointField(r.readString(), r.readInt32(), r.readInt8(), r.readInt32());
    }
}
