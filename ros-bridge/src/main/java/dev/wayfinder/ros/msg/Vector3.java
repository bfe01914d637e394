package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * geometry_msgs/Vector3.
 *
 * @param x x
 * @param y y
 * @param z z
 */
public record Vector3(double x, double y, double z) {
    /** The type. */
    public static final MessageType<Vector3> TYPE = MessageType.of("geometry_msgs/msg/Vector3", Vector3::write, Vector3::read);
    /** The zero vector. */
    public static final Vector3 ZERO = new Vector3(0, 0, 0);

    static void write(Vector3 v, CdrWriter w) {
        w.writeFloat64(v.x);
        w.writeFloat64(v.y);
        w.writeFloat64(v.z);
    }

    static Vector3 read(CdrReader r) {
        return new Vector3(r.readFloat64(), r.readFloat64(), r.readFloat64());
    }
}
