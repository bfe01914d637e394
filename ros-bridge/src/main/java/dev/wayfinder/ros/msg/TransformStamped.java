package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * geometry_msgs/TransformStamped.
 *
 * @param header time and parent frame
 * @param childFrameId child frame
 * @param transform child pose in the parent frame
 */
public record TransformStamped(Header header, String childFrameId, Transform transform) {
    /** The type. */
    public static final MessageType<TransformStamped> TYPE = MessageType.of("geometry_msgs/msg/TransformStamped",
            TransformStamped::write, TransformStamped::read);

    static void write(TransformStamped v, CdrWriter w) {
        Header.write(v.header, w);
        w.writeString(v.childFrameId);
        Transform.write(v.transform, w);
    }

    static TransformStamped read(CdrReader r) {
        return new TransformStamped(Header.read(r), r.readString(), Transform.read(r));
    }
}
