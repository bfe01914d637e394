package dev.wayfinder.simros;

import dev.wayfinder.ros.msg.CameraInfo;
import dev.wayfinder.ros.msg.Clock;
import dev.wayfinder.ros.msg.Covariance;
import dev.wayfinder.ros.msg.Header;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.Imu;
import dev.wayfinder.ros.msg.LaserScan;
import dev.wayfinder.ros.msg.OccupancyGrid;
import dev.wayfinder.ros.msg.Odometry;
import dev.wayfinder.ros.msg.Point;
import dev.wayfinder.ros.msg.Pose;
import dev.wayfinder.ros.msg.PoseStamped;
import dev.wayfinder.ros.msg.Quaternion;
import dev.wayfinder.ros.msg.RegionOfInterest;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.Vector3;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.LidarSpec;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;

/** Builds the ROS 2 messages of the simulated robot from simulator values. Stateless. */
public final class SimMessages {
    /** Standard gravity: what the accelerometer of a level robot at rest reads on z, m/s^2. */
    public static final double GRAVITY = 9.80665;
    /** Cell side of the static map, metres (a SLAM map's usual 5 cm, as the robot side's static map). */
    public static final double MAP_RESOLUTION = 0.05;

    private SimMessages() {
    }

    /**
     * @param nanos simulation time, nanoseconds (>= 0)
     * @return the ROS time
     */
    public static Time time(long nanos) {
        return Time.ofNanos(nanos);
    }

    /**
     * @param nanos simulation time
     * @return the /clock message
     */
    public static Clock clock(long nanos) {
        return new Clock(time(nanos));
    }

    /**
     * Wheel odometry: base_link's pose in the odom frame and its velocity in base_link (REP-105: the twist is in
     * the child frame, so a robot driving straight has only linear.x, whatever its heading).
     *
     * @param stamp when the reading was taken
     * @param x metres, odom frame
     * @param y metres, odom frame
     * @param yaw radians, odom frame
     * @param v forward speed, m/s
     * @param omega yaw rate, rad/s
     * @param poseStd the standard deviation of the position and heading error now (metres, radians), for the
     *                pose covariance
     * @param relStd the relative error of the measured speeds (a fraction), for the twist covariance
     * @return the message
     */
    public static Odometry odometry(Time stamp, double x, double y, double yaw, double v, double omega, double poseStd,
                                    double relStd) {
        double[] pc = new double[36];
        double[] tc = new double[36];
        // Planar robot: z, roll and pitch are exact (zero variance); x, y and yaw at least 1 mm, 1 mrad
        double p = Math.max(1e-6, poseStd * poseStd);
        pc[0] = p;
        pc[7] = p;
        pc[35] = p;
        tc[0] = Math.max(1e-6, relStd * relStd * v * v);
        tc[35] = Math.max(1e-6, relStd * relStd * omega * omega);
        return new Odometry(new Header(stamp, RosFrames.ODOM), RosFrames.BASE_LINK,
                new Pose(new Point(x, y, 0), RosFrames.fromYaw(yaw)), new Covariance(pc),
                new Twist(new Vector3(v, 0, 0), new Vector3(0, 0, omega)), new Covariance(tc));
    }

    /**
     * sensor_msgs/CameraInfo of an ideal pinhole camera (no distortion, square pixels) in the optical frame. ROS puts
     * pixel centres at integer coordinates, so a principal point at the image centre is ((w-1)/2, (h-1)/2); the
     * scenario's camera counts from the image edge (w/2, h/2), hence the half pixel.
     *
     * @param camera the camera
     * @param stamp the image's time
     * @return K = [fx 0 cx; 0 fy cy; 0 0 1], R = I, P = [K | 0], D = 5 zeros (plumb_bob)
     */
    public static CameraInfo cameraInfo(CameraSpec camera, Time stamp) {
        double fx = camera.fx();
        double fy = camera.fy();
        double cx = camera.cx() - 0.5;
        double cy = camera.cy() - 0.5;
        double[] k = {fx, 0, cx, 0, fy, cy, 0, 0, 1};
        double[] r = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] p = {fx, 0, cx, 0, 0, fy, cy, 0, 0, 0, 1, 0};
        return new CameraInfo(new Header(stamp, RosFrames.CAMERA_OPTICAL), camera.height(), camera.width(),
                "plumb_bob", new double[5], new Covariance(k), new Covariance(r), p, 0, 0,
                new RegionOfInterest(0, 0, 0, 0, false));
    }

    /**
     * @param width pixels
     * @param height pixels
     * @param rgb (height x width x 3) bytes, rows top to bottom
     * @param stamp when the view was seen
     * @return an rgb8 image in the optical frame
     */
    public static Image rgb(int width, int height, byte[] rgb, Time stamp) {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("rgb8 image " + width + "x" + height + " needs " + width * height * 3
                    + " bytes, got " + rgb.length);
        }
        return new Image(new Header(stamp, RosFrames.CAMERA_OPTICAL), height, width, "rgb8", false, width * 3, rgb);
    }

    /**
     * A depth image registered to the colour image (same optical frame and calibration): 32FC1 metres along the
     * optical axis, little endian, NaN where the camera measured nothing (REP-118).
     *
     * @param width pixels
     * @param height pixels
     * @param metres (height x width) depths, rows top to bottom
     * @param stamp when the view was seen
     * @param scratch a buffer of at least width * height * 4 bytes to encode into (reused across frames), or null
     * @return the image
     */
    public static Image depth(int width, int height, float[] metres, Time stamp, byte[] scratch) {
        if (metres.length != width * height) {
            throw new IllegalArgumentException("depth image " + width + "x" + height + " needs " + width * height
                    + " values, got " + metres.length);
        }
        byte[] out = scratch != null && scratch.length == metres.length * 4 ? scratch : new byte[metres.length * 4];
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(metres);
        return new Image(new Header(stamp, RosFrames.CAMERA_OPTICAL), height, width, "32FC1", false, width * 4, out);
    }

    /**
     * A planar scan in base_link, counter-clockwise from angle_min. Readings at the lidar's maximum range mean no
     * return and become +inf (REP-117), so a costmap clears along them instead of marking an obstacle there.
     *
     * @param lidar the lidar
     * @param ranges metres per beam
     * @param stamp when the scan was taken
     * @param scanSeconds time between scans
     * @return the message
     */
    public static LaserScan scan(LidarSpec lidar, float[] ranges, Time stamp, double scanSeconds) {
        if (ranges.length != lidar.beams()) {
            throw new IllegalArgumentException("lidar has " + lidar.beams() + " beams, got " + ranges.length
                    + " ranges");
        }
        float max = (float) lidar.rangeMax();
        float[] r = new float[ranges.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ranges[i] >= max ? Float.POSITIVE_INFINITY : ranges[i];
        }
        return new LaserScan(new Header(stamp, RosFrames.BASE_LINK), (float) lidar.angleMin(),
                (float) lidar.angleMax(), (float) lidar.angleIncrement(), 0f, (float) scanSeconds,
                (float) lidar.rangeMin(), max, r, new float[0]);
    }

    /**
     * /imu/data_raw: rates and specific force of an IMU at base_link, no orientation estimate (its covariance's first
     * entry is -1, as sensor_msgs/Imu says). A level robot's accelerometer reads +g on z.
     *
     * @param stamp when sampled
     * @param gyroZ yaw rate, rad/s
     * @param accelX forward acceleration, m/s^2
     * @param accelY leftward acceleration, m/s^2
     * @param gyroNoise the gyro's noise standard deviation, rad/s
     * @return the message
     */
    public static Imu imu(Time stamp, double gyroZ, double accelX, double accelY, double gyroNoise) {
        double[] none = new double[9];
        none[0] = -1;
        double[] gyro = new double[9];
        gyro[0] = gyro[4] = gyro[8] = Math.max(1e-8, gyroNoise * gyroNoise);
        return new Imu(new Header(stamp, RosFrames.BASE_LINK), new Quaternion(0, 0, 0, 1), new Covariance(none),
                new Vector3(0, 0, gyroZ), new Covariance(gyro), new Vector3(accelX, accelY, GRAVITY),
                Covariance.zero3());
    }

    /**
     * The episode's goal for /goal_pose, in the odom frame (which starts at the map's origin), facing +x.
     *
     * @param goal the goal point
     * @param stamp when the episode started
     * @return the message
     */
    public static PoseStamped goal(Vec2 goal, Time stamp) {
        return new PoseStamped(new Header(stamp, RosFrames.ODOM),
                new Pose(new Point(goal.x(), goal.y(), 0), new Quaternion(0, 0, 0, 1)));
    }

    /**
     * The static map a robot would have mapped before the episode: the scenario file's walls and static obstacles at
     * their nominal poses (no jitter, distractors, pushables or movers), with one occupied cell of wall all round,
     * in the map frame. Cells 100 (occupied) or 0 (free).
     *
     * @param scenario the scenario
     * @param stamp when it was published
     * @return the map
     */
    public static OccupancyGrid map(Scenario scenario, Time stamp) {
        Arena arena = scenario.arena();
        List<Obstacle> statics = scenario.obstacles().stream().filter(o -> o.kind() == ObstacleKind.STATIC).toList();
        var grid = dev.wayfinder.scenarios.planning.OccupancyGrid.of(arena, statics, 0, MAP_RESOLUTION);
        int w = grid.nx() + 2;
        int h = grid.ny() + 2;
        byte[] cells = new byte[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                boolean wall = i == 0 || j == 0 || i == w - 1 || j == h - 1;
                cells[j * w + i] = (byte) (wall || grid.isBlocked(i - 1, j - 1) ? 100 : 0);
            }
        }
        double res = grid.resolution();
        Pose origin = new Pose(new Point(-arena.halfX() - res, -arena.halfY() - res, 0), new Quaternion(0, 0, 0, 1));
        return new OccupancyGrid(new Header(stamp, RosFrames.MAP),
                new OccupancyGrid.MapMetaData(stamp, (float) res, w, h, origin), cells);
    }

    /**
     * The episode status on /wayfinder/episode, one JSON object: {@code {"scenario": ..., "episode": i, "seed": s,
     * "status": "running|success|collision|timeout|truncated|reset", "reason": ..., "steps": n, "sim_time": t,
     * "distance_to_goal": d, "path_length": l, "goal": [x, y]}}.
     *
     * @param s the status
     * @return the JSON text
     */
    public static String statusJson(EpisodeStatus s) {
        return String.format(Locale.ROOT, "{\"scenario\": %s, \"episode\": %d, \"seed\": %d, \"status\": \"%s\","
                        + " \"reason\": %s, \"steps\": %d, \"sim_time\": %.3f, \"distance_to_goal\": %.4f,"
                        + " \"path_length\": %.4f, \"goal\": [%.4f, %.4f]}",
                quote(s.scenario()), s.episode(), s.seed(), s.status().key(), quote(s.reason()), s.steps(),
                s.simSeconds(), s.distanceToGoal(), s.pathLength(), s.goal().x(), s.goal().y());
    }

    private static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
