package dev.wayfinder.ros.msg;

import java.util.ArrayList;
import java.util.List;

/**
 * tf2_msgs/TFMessage.
 *
 * @param transforms the transforms (immutable)
 */
public record TFMessage(List<TransformStamped> transforms) {
    /** The type. */
    public static final MessageType<TFMessage> TYPE = MessageType.of("tf2_msgs/msg/TFMessage", (v, w) -> {
        w.writeInt32(v.transforms.size());
        for (TransformStamped t : v.transforms) {
            TransformStamped.write(t, w);
        }
    }, r -> {
        int n = r.readLength(28);
        List<TransformStamped> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(TransformStamped.read(r));
        }
        return new TFMessage(out);
    });

    /** Copies the list. */
    public TFMessage {
        transforms = List.copyOf(transforms);
    }
}
