package dev.wayfinder.deploy;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.OccupancyMap;
import dev.wayfinder.robot.Pose2D;
import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.robot.RobotObservation.DepthImage;
import dev.wayfinder.robot.RobotObservation.Goal;
import dev.wayfinder.robot.RobotObservation.RgbImage;
import dev.wayfinder.ros.msg.CameraInfo;
import dev.wayfinder.ros.msg.OccupancyGrid;
import dev.wayfinder.ros.msg.Odometry;
import dev.wayfinder.ros.msg.Quaternion;
import dev.wayfinder.ros.msg.TFMessage;
import dev.wayfinder.ros.msg.TransformStamped;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the latest of every input but the camera image (CameraInfo, odometry, depth, goal, map and the map to odom
 * transform), each checked as it arrives, and builds a {@link RobotObservation} around each camera frame. Receive
 * callbacks call the setters; the policy thread calls {@link #assemble}. Thread-safe.
 *
 * <p>Frames: odometry gives base_link in the odom frame (REP-105); the goal is kept in the odom frame (a goal in the
 * map frame is carried there by the map to odom transform); the map to odom transform comes from /tf (a localization
 * node's), or is the identity when the node is told the odom frame starts at the map's origin.
 */
public final class ObservationAssembler {
    /**
     * What the policy needs and where things are.
     *
     * @param mount          the camera's nominal mount in base_link
     * @param needsDepth     whether every observation needs a depth image
     * @param needsMap       whether every observation needs the static map
     * @param staleNanos     how far a depth image's stamp may lie from the colour image's
     * @param odomFrame      the odom frame's name ("odom")
     * @param mapFrame       the map frame's name ("map")
     * @param identityMapTf  whether the odom frame is taken to start at the map's origin when /tf gives no map to odom
     */
    public record Settings(RobotConfig.Mount mount, boolean needsDepth, boolean needsMap, long staleNanos,
                           String odomFrame, String mapFrame, boolean identityMapTf) {
        public Settings {
            Objects.requireNonNull(mount, "mount");
            Objects.requireNonNull(odomFrame, "odomFrame");
            Objects.requireNonNull(mapFrame, "mapFrame");
        }
    }

    private final Settings settings;
    private CameraModel camera;
    private RobotObservation.Odometry odometry;
    private DepthImage depth;
    private Goal goal;
    private long goalGeneration;
    private OccupancyMap map;
    private Pose2D odomInMap;

    public ObservationAssembler(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.odomInMap = settings.identityMapTf() ? Pose2D.IDENTITY : null;
    }

    /**
     * The camera's calibration from a CameraInfo, with the nominal mount. ROS puts pixel centres at integer
     * coordinates (the image centre at (w - 1) / 2); the robot side's {@link CameraModel} counts from the pixel edge
     * (the centre at w / 2), so the principal point moves by half a pixel.
     */
    public synchronized CameraModel cameraInfo(CameraInfo m) throws Refusal {
        double[] k = m.k().values();
        int bx = Math.max(1, m.binningX());
        int by = Math.max(1, m.binningY());
        try {
            RobotConfig.Mount t = settings.mount();
            camera = new CameraModel(m.width() / bx, m.height() / by, k[0] / bx, k[4] / by, (k[2] + 0.5) / bx,
                    (k[5] + 0.5) / by,
                    t.x(), t.y(), t.z(), t.roll(), t.pitch(), t.yaw());
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Reason.CAMERA_INFO, "CameraInfo " + m.width() + "x" + m.height() + " K=["
                    + k[0] + ", " + k[2] + ", " + k[4] + ", " + k[5] + "] is unusable: " + e.getMessage());
        }
        return camera;
    }

    /** The calibration in use, if a CameraInfo arrived. */
    public synchronized Optional<CameraModel> camera() {
        return Optional.ofNullable(camera);
    }

    /**
     * Takes a wheel odometry message.
     *
     * @throws Refusal for NaN or infinite values, a degenerate orientation, a frame other than the odom frame, or a
     *                 stamp earlier than the last one's
     */
    public synchronized RobotObservation.Odometry odometry(Odometry m) throws Refusal {
        String frame = m.header().frameId();
        if (!frame.isEmpty() && !frame.equals(settings.odomFrame())) {
            throw new Refusal(Refusal.Reason.ODOMETRY_INVALID, "odometry in frame '" + frame + "'; expected '"
                    + settings.odomFrame() + "' (REP-105: base_link in odom)");
        }
        var p = m.pose().position();
        double yaw = yaw(m.pose().orientation());
        double v = m.twist().linear().x();
        double w = m.twist().angular().z();
        if (!Double.isFinite(p.x()) || !Double.isFinite(p.y()) || Double.isNaN(yaw) || !Double.isFinite(v)
                || !Double.isFinite(w)) {
            throw new Refusal(Refusal.Reason.ODOMETRY_INVALID, String.format(Locale.ROOT,
                    "odometry with non-finite values or a degenerate orientation: position (%s, %s), orientation %s,"
                            + " twist (%s, %s)", p.x(), p.y(), m.pose().orientation(), v, w));
        }
        long stamp = m.header().stamp().toNanos();
        if (odometry != null && stamp < odometry.stampNanos()) {
            throw new Refusal(Refusal.Reason.STAMP_BACKWARDS, String.format(Locale.ROOT,
                    "odometry stamped %.3f s before the previous one", (odometry.stampNanos() - stamp) / 1e9));
        }
        odometry = new RobotObservation.Odometry(new Pose2D(p.x(), p.y(), yaw), v, w, stamp);
        return odometry;
    }

    /** The latest odometry, if any. */
    public synchronized Optional<RobotObservation.Odometry> latestOdometry() {
        return Optional.ofNullable(odometry);
    }

    /** Takes a decoded depth image. */
    public synchronized void depth(DepthImage d) {
        depth = Objects.requireNonNull(d, "d");
    }

    /**
     * Sets the goal at ({@code x}, {@code y}) in {@code frame} (the odom frame, the map frame, or "" for odom).
     *
     * @return the goal in the odom frame
     * @throws Refusal when it is not finite, its frame is unknown, a map-frame goal comes before the map to odom
     *                 transform, or it lies outside the map
     */
    public synchronized Goal goal(double x, double y, String frame) throws Refusal {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new Refusal(Refusal.Reason.GOAL_INVALID, "goal (" + x + ", " + y + ") is not finite");
        }
        Goal g;
        if (frame.isEmpty() || frame.equals(settings.odomFrame())) {
            g = new Goal(x, y);
        } else if (frame.equals(settings.mapFrame())) {
            if (odomInMap == null) {
                throw new Refusal(Refusal.Reason.GOAL_INVALID, "goal in frame '" + frame + "' but no "
                        + settings.mapFrame() + " -> " + settings.odomFrame() + " transform on /tf yet");
            }
            double c = Math.cos(odomInMap.yaw());
            double s = Math.sin(odomInMap.yaw());
            double dx = x - odomInMap.x();
            double dy = y - odomInMap.y();
            g = new Goal(c * dx + s * dy, -s * dx + c * dy);
        } else {
            throw new Refusal(Refusal.Reason.GOAL_INVALID, "goal in frame '" + frame + "'; expected '"
                    + settings.odomFrame() + "' or '" + settings.mapFrame() + "'");
        }
        checkInsideMap(g);
        goal = g;
        goalGeneration++;
        return g;
    }

    /** The goal in the odom frame, if one is set. */
    public synchronized Optional<Goal> goal() {
        return Optional.ofNullable(goal);
    }

    /** Counts goal changes (the policy starts afresh on each). */
    public synchronized long goalGeneration() {
        return goalGeneration;
    }

    /**
     * Takes a static map. A goal already set that falls outside it is dropped (and refused).
     *
     * @throws Refusal for inconsistent sizes, a bad resolution or origin, a rotated origin or cells out of -1..100
     */
    public synchronized void map(OccupancyGrid m) throws Refusal {
        var info = m.info();
        var o = info.origin();
        double rot = yaw(o.orientation());
        if (!(Math.abs(Math.IEEEremainder(rot, 2 * Math.PI)) < 1e-6)) {
            throw new Refusal(Refusal.Reason.MAP_INVALID, "map origin is rotated (" + o.orientation() + "); expected an"
                    + " axis-aligned grid");
        }
        OccupancyMap grid;
        try {
            grid = new OccupancyMap(info.resolution(), o.position().x(), o.position().y(), info.width(),
                    info.height(), m.data());
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Reason.MAP_INVALID, "map " + info.width() + "x" + info.height() + " at "
                    + info.resolution() + " m: " + e.getMessage());
        }
        map = grid;
        if (goal != null && outsideMap(goal)) {
            Goal g = goal;
            goal = null;
            goalGeneration++;
            throw new Refusal(Refusal.Reason.GOAL_INVALID, String.format(Locale.ROOT,
                    "the new map does not contain the goal (%.2f, %.2f) in %s; the goal is dropped", g.x(), g.y(),
                    settings.odomFrame()));
        }
    }

    /** The map, if one arrived. */
    public synchronized Optional<OccupancyMap> map() {
        return Optional.ofNullable(map);
    }

    /**
     * Takes the map to odom transform from a /tf message, if it carries one.
     *
     * @throws Refusal when the transform is not finite or its rotation degenerate
     */
    public synchronized void tf(TFMessage m) throws Refusal {
        for (TransformStamped t : m.transforms()) {
            if (strip(t.header().frameId()).equals(settings.mapFrame())
                    && strip(t.childFrameId()).equals(settings.odomFrame())) {
                var tr = t.transform().translation();
                double yaw = yaw(t.transform().rotation());
                if (!Double.isFinite(tr.x()) || !Double.isFinite(tr.y()) || Double.isNaN(yaw)) {
                    throw new Refusal(Refusal.Reason.TF_INVALID, settings.mapFrame() + " -> " + settings.odomFrame()
                            + " transform is not finite or its rotation degenerate: " + t.transform());
                }
                odomInMap = new Pose2D(tr.x(), tr.y(), yaw);
            }
        }
    }

    /** Forgets time-stamped inputs (after the clock jumped back): odometry and depth. */
    public synchronized void forgetStamped() {
        odometry = null;
        depth = null;
    }

    /**
     * The observation around camera frame {@code image}.
     *
     * @throws Refusal when something it needs has not arrived, or the image disagrees with the CameraInfo
     */
    public synchronized RobotObservation assemble(RgbImage image) throws Refusal {
        if (camera == null) {
            throw missing("no CameraInfo yet");
        }
        if (odometry == null) {
            throw missing("no odometry yet");
        }
        if (goal == null) {
            throw missing("no goal yet (publish a geometry_msgs/PoseStamped on the goal topic, or pass --goal x,y)");
        }
        if (image.width() != camera.width() || image.height() != camera.height()) {
            throw new Refusal(Refusal.Reason.IMAGE_SIZE, "image is " + image.width() + "x" + image.height()
                    + " but its CameraInfo says " + camera.width() + "x" + camera.height());
        }
        Optional<DepthImage> d = Optional.empty();
        if (depth != null && depth.width() == image.width() && depth.height() == image.height()
                && Math.abs(depth.stampNanos() - image.stampNanos()) <= settings.staleNanos()) {
            d = Optional.of(depth);
        }
        if (settings.needsDepth() && d.isEmpty()) {
            throw missing(depth == null ? "no depth image yet" : String.format(Locale.ROOT,
                    "no depth image within %.3f s of the colour image (newest %.3f s apart)",
                    settings.staleNanos() / 1e9, Math.abs(depth.stampNanos() - image.stampNanos()) / 1e9));
        }
        Optional<RobotObservation.StaticMap> m = Optional.empty();
        if (settings.needsMap()) {
            if (map == null) {
                throw missing("no map yet (nav_msgs/OccupancyGrid on the map topic)");
            }
            if (odomInMap == null) {
                throw missing("no " + settings.mapFrame() + " -> " + settings.odomFrame() + " transform on /tf yet");
            }
            m = Optional.of(new RobotObservation.StaticMap(map, odomInMap));
        }
        return new RobotObservation(image, camera, d, odometry, Optional.empty(), goal, m);
    }

    private static Refusal missing(String why) {
        return new Refusal(Refusal.Reason.INPUT_MISSING, why);
    }

    private void checkInsideMap(Goal g) throws Refusal {
        if (map != null && outsideMap(g)) {
            throw new Refusal(Refusal.Reason.GOAL_INVALID, String.format(Locale.ROOT,
                    "goal (%.2f, %.2f) in %s lies outside the map (x %.2f..%.2f, y %.2f..%.2f in %s)", g.x(), g.y(),
                    settings.odomFrame(), map.originX(), map.originX() + map.width() * map.resolution(),
                    map.originY(), map.originY() + map.height() * map.resolution(), settings.mapFrame()));
        }
    }

    private boolean outsideMap(Goal g) {
        Pose2D t = odomInMap != null ? odomInMap : Pose2D.IDENTITY;
        double[] p = new double[2];
        t.apply(g.x(), g.y(), p);
        int i = map.column(p[0]);
        int j = map.row(p[1]);
        return i < 0 || j < 0 || i >= map.width() || j >= map.height();
    }

    private static String strip(String frame) {
        return frame.startsWith("/") ? frame.substring(1) : frame;
    }

    /** The yaw of a quaternion (normalised first), NaN when it is degenerate or not finite. */
    static double yaw(Quaternion q) {
        double n = Math.sqrt(q.x() * q.x() + q.y() * q.y() + q.z() * q.z() + q.w() * q.w());
        if (!(n > 1e-9) || !Double.isFinite(n)) {
            return Double.NaN;
        }
        double x = q.x() / n;
        double y = q.y() / n;
        double z = q.z() / n;
        double w = q.w() / n;
        return Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
    }
}
