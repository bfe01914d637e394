package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * geometry_msgs/Transform.
 *
 * @param translation translation (m)
 * @param rotation rotation
 */
public record Transform(Vector3 translation, Quaternion rotation) {
    /** The type. */
    public static final MessageType<Transform> TYPE = MessageType.of("geometry_msgs/msg/Transform",
            Transform::write, Transform::read);

    static void write(Transform v, CdrWriter w) {
        Vector3.write(v.translation, w);
        Quaternion.write(v.rotation, w);
    }

    static Transform read(CdrReader r) {
        return new Transform(Vector3.read(r), Quaternion.read(r));
    }
}
