package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * geometry_msgs/Quaternion.
 *
 * @param x x
 * @param y y
 * @param z z
 * @param w w
 */
public record Quaternion(double x, double y, double z, double w) {
    /** The type. */
    public static final MessageType<Quaternion> TYPE = MessageType.of("geometry_msgs/msg/Quaternion",
            Quaternion::write, Quaternion::read);
    /** No rotation. */
    public static final Quaternion IDENTITY = new Quaternion(0, 0, 0, 1);

    static void write(Quaternion v, CdrWriter o) {
        o.writeFloat64(v.x);
        o.writeFloat64(v.y);
        o.writeFloat64(v.z);
        o.writeFloat64(v.w);
    }

    static Quaternion read(CdrReader r) {
        return new Quaternion(r.readFloat64(), r.readFloat64(), r.readFloat64(), r.readFloat64());
    }
}
