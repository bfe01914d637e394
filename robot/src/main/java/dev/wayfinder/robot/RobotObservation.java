package dev.wayfinder.robot;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything the robot-side policy may use to decide, as a robot's sensors and software deliver it, each with its
 * time stamp (nanoseconds on the robot's clock: sim time in simulation). This is the boundary: whatever is not in
 * here (the simulator's true pose, layout, segmentation or plans) cannot reach a decision.
 *
 * @param image    the RGB camera image
 * @param camera   the camera's calibration (CameraInfo and nominal mount)
 * @param depth    the depth image of an RGB-D camera, registered to {@code image}; empty without one
 * @param odometry wheel odometry: base_link in the odom frame, with its drift
 * @param imu      the IMU's reading; empty without one
 * @param goal     where to go, in the odom frame
 * @param map      a static map of the site with the robot's pose estimate on it; empty for a mapless robot
 */
public record RobotObservation(RgbImage image, CameraModel camera, Optional<DepthImage> depth, Odometry odometry,
                               Optional<Imu> imu, Goal goal, Optional<StaticMap> map) {
    public RobotObservation {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(odometry, "odometry");
        Objects.requireNonNull(imu, "imu");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(map, "map");
        if (image.width() != camera.width() || image.height() != camera.height()) {
            throw new IllegalArgumentException("image is " + image.width() + "x" + image.height()
                    + " but its CameraInfo says " + camera.width() + "x" + camera.height());
        }
        if (depth.isPresent() && (depth.get().width() != image.width() || depth.get().height() != image.height())) {
            throw new IllegalArgumentException("depth image is " + depth.get().width() + "x" + depth.get().height()
                    + ", it must be registered to the " + image.width() + "x" + image.height() + " colour image");
        }
    }

    /**
     * An sRGB image, rows top to bottom, interleaved R, G, B.
     *
     * @param width      pixels, &gt;= 1
     * @param height     pixels, &gt;= 1
     * @param rgb        height x width x 3 bytes; kept, not copied (the caller must not change it while deciding)
     * @param stampNanos capture time
     */
    public record RgbImage(int width, int height, byte[] rgb, long stampNanos) {
        public RgbImage {
            Objects.requireNonNull(rgb, "rgb");
            if (width < 1 || height < 1 || rgb.length < width * height * 3) {
                throw new IllegalArgumentException("rgb image " + width + "x" + height + " needs " + width * height * 3
                        + " bytes, got " + rgb.length);
            }
        }
    }

    /**
     * A depth image (REP-118 32FC1): metres along the optical axis, NaN (or 0, or infinity) where the sensor
     * measured nothing.
     *
     * @param width      pixels
     * @param height     pixels
     * @param metres     height x width; kept, not copied
     * @param stampNanos capture time
     */
    public record DepthImage(int width, int height, float[] metres, long stampNanos) {
        public DepthImage {
            Objects.requireNonNull(metres, "metres");
            if (width < 1 || height < 1 || metres.length < width * height) {
                throw new IllegalArgumentException("depth image " + width + "x" + height + " needs " + width * height
                        + " values, got " + metres.length);
            }
        }
    }

    /**
     * Wheel odometry (nav_msgs/Odometry): the pose of base_link in the odom frame and its velocity in base_link.
     *
     * @param pose       base_link in odom
     * @param linear     forward speed, m/s
     * @param angular    yaw rate, rad/s
     * @param stampNanos time of the estimate
     */
    public record Odometry(Pose2D pose, double linear, double angular, long stampNanos) {
        /** Longest stretch {@link #poseAt} extrapolates over, nanoseconds. */
        public static final long MAX_EXTRAPOLATION_NANOS = 500_000_000L;

        public Odometry {
            Objects.requireNonNull(pose, "pose");
        }

        /**
         * The pose at {@code stamp} (a camera image's capture time, say), carried from this estimate's stamp by its
         * own twist held constant, as a tf lookup at the image's stamp would interpolate; at most
         * {@link #MAX_EXTRAPOLATION_NANOS} either way.
         */
        public Pose2D poseAt(long stamp) {
            long dtNanos = Math.max(-MAX_EXTRAPOLATION_NANOS, Math.min(MAX_EXTRAPOLATION_NANOS, stamp - stampNanos));
            if (dtNanos == 0 || (linear == 0 && angular == 0)) {
                return pose;
            }
            double dt = dtNanos * 1e-9;
            double mid = pose.yaw() + angular * dt / 2;
            return new Pose2D(pose.x() + linear * dt * Math.cos(mid), pose.y() + linear * dt * Math.sin(mid),
                    pose.yaw() + angular * dt);
        }
    }

    /**
     * An IMU reading (sensor_msgs/Imu, planar part).
     *
     * @param yawRate    gyro z, rad/s
     * @param accelX     forward acceleration, m/s^2
     * @param accelY     left acceleration, m/s^2
     * @param stampNanos time of the reading
     */
    public record Imu(double yawRate, double accelX, double accelY, long stampNanos) {
    }

    /**
     * The navigation goal (geometry_msgs/PoseStamped on /goal_pose, position only), in the odom frame.
     *
     * @param x metres
     * @param y metres
     */
    public record Goal(double x, double y) {
        public Goal {
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("goal must be finite, got (" + x + ", " + y + ")");
            }
        }
    }

    /**
     * A static map (nav_msgs/OccupancyGrid) and where the odom frame lies on it (the map to odom transform a
     * localization node publishes on /tf; identity when the robot's odometry started at the map's origin and no
     * localization corrects it).
     *
     * @param grid      the occupancy grid, in the map frame
     * @param odomInMap the odom frame's pose in the map frame
     */
    public record StaticMap(OccupancyMap grid, Pose2D odomInMap) {
        public StaticMap {
            Objects.requireNonNull(grid, "grid");
            Objects.requireNonNull(odomInMap, "odomInMap");
        }
    }
}
