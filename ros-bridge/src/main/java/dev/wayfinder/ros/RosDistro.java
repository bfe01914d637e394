package dev.wayfinder.ros;

/** ROS 2 distributions whose wire conventions differ. */
public enum RosDistro {
    /** Humble: rmw_dds_common Gid is 24 bytes. */
    HUMBLE(24),
    /** Jazzy (and Iron): Gid is 16 bytes. */
    JAZZY(16);

    private final int gidSize;

    RosDistro(int gidSize) {
        this.gidSize = gidSize;
    }

    /** @return bytes in an rmw_dds_common Gid */
    public int gidSize() {
        return gidSize;
    }
}
