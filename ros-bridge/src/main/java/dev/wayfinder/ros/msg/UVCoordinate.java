package dev.wayfinder.ros.msg;

/**
 * visualization_msgs/UVCoordinate: a texture coordinate of a {@link Marker}'s vertex.
 *
 * @param u horizontal, 0..1
 * @param v vertical, 0..1
 */
public record UVCoordinate(float u, float v) {
    /** The type. */
    public static final MessageType<UVCoordinate> TYPE = MessageType.of("visualization_msgs/msg/UVCoordinate",
            (x, w) -> {
                w.writeFloat32(x.u);
                w.writeFloat32(x.v);
            }, r -> new UVCoordinate(r.readFloat32(), r.readFloat32()));
}
