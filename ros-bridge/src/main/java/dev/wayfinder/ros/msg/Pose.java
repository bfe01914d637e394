package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * geometry_msgs/Pose.
 *
 * @param position position (m)
 * @param orientation orientation
 */
public record Pose(Point position, Quaternion orientation) {
    /** The type. */
    public static final MessageType<Pose> TYPE = MessageType.of("geometry_msgs/msg/Pose", Pose::write, Pose::read);

    static void write(Pose v, CdrWriter w) {
        Point.write(v.position, w);
        Quaternion.write(v.orientation, w);
    }

    static Pose read(CdrReader r) {
        return new Pose(Point.read(r), Quaternion.read(r));
    }
}
