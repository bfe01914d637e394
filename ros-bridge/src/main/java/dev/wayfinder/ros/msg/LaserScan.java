package dev.wayfinder.ros.msg;

import java.util.Arrays;

/**
 * sensor_msgs/LaserScan (angles in rad, ranges in m, times in s).
 *
 * @param header time of the first ray and scanner frame
 * @param angleMin first angle
 * @param angleMax last angle
 * @param angleIncrement angle step
 * @param timeIncrement time between rays
 * @param scanTime time between scans
 * @param rangeMin smallest valid range
 * @param rangeMax largest valid range
 * @param ranges ranges (copied)
 * @param intensities intensities, possibly empty (copied)
 */
public record LaserScan(Header header, float angleMin, float angleMax, float angleIncrement, float timeIncrement,
                        float scanTime, float rangeMin, float rangeMax, float[] ranges, float[] intensities) {
    /** The type. */
    public static final MessageType<LaserScan> TYPE = MessageType.of("sensor_msgs/msg/LaserScan", (v, w) -> {
        Header.write(v.header, w);
        w.writeFloat32(v.angleMin);
        w.writeFloat32(v.angleMax);
        w.writeFloat32(v.angleIncrement);
        w.writeFloat32(v.timeIncrement);
        w.writeFloat32(v.scanTime);
        w.writeFloat32(v.rangeMin);
        w.writeFloat32(v.rangeMax);
        w.writeFloat32Sequence(v.ranges);
        w.writeFloat32Sequence(v.intensities);
    }, r -> new LaserScan(Header.read(r), r.readFloat32(), r.readFloat32(), r.readFloat32(), r.readFloat32(),
            r.readFloat32(), r.readFloat32(), r.readFloat32(), r.readFloat32Sequence(), r.readFloat32Sequence()));

    /** Validates and copies. */
    public LaserScan {
        if (header == null || ranges == null || intensities == null) {
            throw new IllegalArgumentException("laser scan needs header, ranges and intensities");
        }
        ranges = ranges.clone();
        intensities = intensities.clone();
    }

    /** @return a copy of the ranges array (the record stays immutable) */
    @Override
    public float[] ranges() {
        return ranges.clone();
    }

    /** @return a copy of the intensities array (the record stays immutable) */
    @Override
    public float[] intensities() {
        return intensities.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LaserScan s && header.equals(s.header) && Float.compare(angleMin, s.angleMin) == 0
                && Float.compare(angleMax, s.angleMax) == 0 && Float.compare(angleIncrement, s.angleIncrement) == 0
                && Float.compare(timeIncrement, s.timeIncrement) == 0 && Float.compare(scanTime, s.scanTime) == 0
                && Float.compare(rangeMin, s.rangeMin) == 0 && Float.compare(rangeMax, s.rangeMax) == 0
                && Arrays.equals(ranges, s.ranges) && Arrays.equals(intensities, s.intensities);
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + Arrays.hashCode(ranges);
    }

    @Override
    public String toString() {
        return "LaserScan[" + ranges.length + " rays, " + angleMin + ".." + angleMax + ", " + header + "]";
    }
}
