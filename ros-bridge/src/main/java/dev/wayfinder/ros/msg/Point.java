package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * geometry_msgs/Point (metres).
 *
 * @param x x
 * @param y y
 * @param z z
 */
public record Point(double x, double y, double z) {
    /** The type. */
    public static final MessageType<Point> TYPE = MessageType.of("geometry_msgs/msg/Point", Point::write, Point::read);

    static void write(Point v, CdrWriter w) {
        w.writeFloat64(v.x);
        w.writeFloat64(v.y);
        w.writeFloat64(v.z);
    }

    static Point read(CdrReader r) {
        return new Point(r.readFloat64(), r.readFloat64(), r.readFloat64());
    }
}
