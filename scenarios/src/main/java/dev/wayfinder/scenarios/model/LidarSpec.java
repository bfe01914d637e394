package dev.wayfinder.scenarios.model;

/**
 * A planar lidar at base_link, scanning counter-clockwise from angleMin to angleMax (inclusive, like
 * sensor_msgs/LaserScan).
 *
 * @param angleMin radians, in [-pi, pi]
 * @param angleMax radians, in (angleMin, angleMin + 2 pi]
 * @param beams    number of beams, 1..4096
 * @param rangeMin metres, &gt;= 0
 * @param rangeMax metres, &gt; rangeMin
 */
public record LidarSpec(double angleMin, double angleMax, int beams, double rangeMin, double rangeMax) {
    public LidarSpec {
        Checks.range("angleMin", angleMin, -Math.PI - 1e-9, Math.PI + 1e-9);
        Checks.finite("angleMax", angleMax);
        if (angleMax <= angleMin || angleMax > angleMin + 2 * Math.PI + 1e-9) {
            throw new IllegalArgumentException("angleMax must be in (angleMin, angleMin + 2 pi], got "
                    + angleMax + " with angleMin " + angleMin);
        }
        Checks.range("beams", beams, 1, 4096);
        Checks.nonNegative("rangeMin", rangeMin);
        Checks.positive("rangeMax", rangeMax);
        if (rangeMax <= rangeMin) {
            throw new IllegalArgumentException("rangeMax (" + rangeMax + ") must exceed rangeMin (" + rangeMin + ")");
        }
    }

    /** Angle between neighbouring beams, radians (0 for one beam). */
    public double angleIncrement() {
        return beams == 1 ? 0 : (angleMax - angleMin) / (beams - 1);
    }

    /** Direction of beam {@code i} in base_link, radians. */
    public double angle(int i) {
        return angleMin + i * angleIncrement();
    }
}
