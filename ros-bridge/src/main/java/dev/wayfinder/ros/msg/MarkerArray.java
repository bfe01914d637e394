package dev.wayfinder.ros.msg;

import java.util.ArrayList;
import java.util.List;

/**
 * visualization_msgs/MarkerArray.
 *
 * @param markers the markers (immutable)
 */
public record MarkerArray(List<Marker> markers) {
    /** The type. */
    public static final MessageType<MarkerArray> TYPE = MessageType.of("visualization_msgs/msg/MarkerArray",
            (v, w) -> {
                w.writeInt32(v.markers.size());
                for (Marker m : v.markers) {
                    Marker.write(m, w);
                }
            }, r -> {
                int n = r.readLength(100);
                List<Marker> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(Marker.read(r));
                }
                return new MarkerArray(out);
            });

    /** Copies the list. */
    public MarkerArray {
        markers = List.copyOf(markers);
    }
}
