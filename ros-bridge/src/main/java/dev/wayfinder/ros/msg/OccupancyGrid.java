package dev.wayfinder.ros.msg;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * nav_msgs/OccupancyGrid: a 2D map, row-major from the cell at {@code info.origin}, each cell -1 (unknown) or an
 * occupancy probability 0..100. The record takes the message as it came; whoever uses it checks that the sizes agree.
 *
 * @param header time and map frame
 * @param info   resolution, size and origin (nav_msgs/MapMetaData)
 * @param data   the cells (copied on the way in and out)
 */
public record OccupancyGrid(Header header, MapMetaData info, byte[] data) {
    /** The type. */
    public static final MessageType<OccupancyGrid> TYPE = MessageType.of("nav_msgs/msg/OccupancyGrid", (v, w) -> {
        Header.write(v.header, w);
        MapMetaData.write(v.info, w);
        w.writeOctetSequence(ByteBuffer.wrap(v.data));
    }, r -> new OccupancyGrid(Header.read(r), MapMetaData.read(r), r.readOctetSequence()));

    /** Validates non-null fields and copies the cells. */
    public OccupancyGrid {
        if (header == null || info == null || data == null) {
            throw new IllegalArgumentException("occupancy grid needs header, info and data");
        }
        data = data.clone();
    }

    /** @return a copy of the cells (the record stays immutable) */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OccupancyGrid g && header.equals(g.header) && info.equals(g.info)
                && Arrays.equals(data, g.data);
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "OccupancyGrid[" + info + ", " + data.length + " cells, " + header + "]";
    }

    /**
     * nav_msgs/MapMetaData.
     *
     * @param mapLoadTime when the map was loaded
     * @param resolution  cell side, metres
     * @param width       cells along x (uint32 on the wire; read as a signed int, so above 2^31 is negative)
     * @param height      cells along y
     * @param origin      the pose of cell (0, 0)'s corner in the map frame
     */
    public record MapMetaData(Time mapLoadTime, float resolution, int width, int height, Pose origin) {
        /** The type. */
        public static final MessageType<MapMetaData> TYPE = MessageType.of("nav_msgs/msg/MapMetaData",
                MapMetaData::write, MapMetaData::read);

        /** Validates non-null fields. */
        public MapMetaData {
            if (mapLoadTime == null || origin == null) {
                throw new IllegalArgumentException("map metadata needs a load time and an origin");
            }
        }

        static void write(MapMetaData v, dev.wayfinder.ros.cdr.CdrWriter w) {
            Time.write(v.mapLoadTime, w);
            w.writeFloat32(v.resolution);
            w.writeInt32(v.width);
            w.writeInt32(v.height);
            Pose.write(v.origin, w);
        }

        static MapMetaData read(dev.wayfinder.ros.cdr.CdrReader r) {
            return new MapMetaData(Time.read(r), r.readFloat32(), r.readInt32(), r.readInt32(), Pose.read(r));
        }
    }
}
