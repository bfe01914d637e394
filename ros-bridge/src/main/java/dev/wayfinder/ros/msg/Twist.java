package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * geometry_msgs/Twist: velocity in free space.
 *
 * @param linear linear velocity (m/s)
 * @param angular angular velocity (rad/s)
 */
public record Twist(Vector3 linear, Vector3 angular) {
    /** The type. */
    public static final MessageType<Twist> TYPE = MessageType.of("geometry_msgs/msg/Twist", Twist::write, Twist::read);

    /** Validates non-null. */
    public Twist {
        if (linear == null || angular == null) {
            throw new IllegalArgumentException("twist needs linear and angular parts");
        }
    }

    static void write(Twist v, CdrWriter w) {
        Vector3.write(v.linear, w);
        Vector3.write(v.angular, w);
    }

    static Twist read(CdrReader r) {
        return new Twist(Vector3.read(r), Vector3.read(r));
    }
}
