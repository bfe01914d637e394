package dev.wayfinder.scenarios.model;

/**
 * Where an episode may start: a position drawn from {@code region}, a yaw from [yawMin, yawMax].
 *
 * @param region where base_link may start
 * @param yawMin radians
 * @param yawMax radians, &gt;= yawMin, at most yawMin + 2 pi
 */
public record StartSpec(Region region, double yawMin, double yawMax) {
    public StartSpec {
        Checks.notNull("region", region);
        Checks.finite("yawMin", yawMin);
        Checks.finite("yawMax", yawMax);
        if (yawMax < yawMin || yawMax - yawMin > 2 * Math.PI + 1e-9) {
            throw new IllegalArgumentException("yaw range must satisfy yawMin <= yawMax <= yawMin + 2 pi, got ["
                    + yawMin + ", " + yawMax + "]");
        }
    }

    /** The nominal start: the region's centre with the middle yaw. */
    public Pose2 nominal() {
        return new Pose2(region.center(), (yawMin + yawMax) / 2);
    }
}
