package dev.wayfinder.ros.msg;

import java.util.ArrayList;
import java.util.List;

/**
 * nav_msgs/Path: a sequence of poses, such as a planned route.
 *
 * @param header time and the frame the poses are in
 * @param poses the poses, in order (immutable)
 */
public record Path(Header header, List<PoseStamped> poses) {
    /** The type. */
    public static final MessageType<Path> TYPE = MessageType.of("nav_msgs/msg/Path", (v, w) -> {
        Header.write(v.header, w);
        w.writeInt32(v.poses.size());
        for (PoseStamped p : v.poses) {
            PoseStamped.TYPE.write(p, w);
        }
    }, r -> {
        Header h = Header.read(r);
        int n = r.readLength(64);
        List<PoseStamped> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(PoseStamped.TYPE.read(r));
        }
        return new Path(h, out);
    });

    /** Validates and copies. */
    public Path {
        if (header == null || poses == null) {
            throw new IllegalArgumentException("path needs a header and poses");
        }
        poses = List.copyOf(poses);
    }
}
