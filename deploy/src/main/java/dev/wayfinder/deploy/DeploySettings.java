package dev.wayfinder.deploy;

import dev.wayfinder.robot.RobotObservation.Goal;
import dev.wayfinder.robot.net.SafetyShield;

import java.util.Objects;
import java.util.Optional;

/**
 * How the deploy node runs: its topics, QoS, rates, limits and safety settings.
 *
 * @param topics           the topic names
 * @param stamped          publish geometry_msgs/TwistStamped (true, the default: ros2_control's diff_drive_controller
 *                         on Jazzy takes only stamped commands) or Twist
 * @param simTime          use /clock for stamps and ages (use_sim_time)
 * @param controlRate      commands published per second, Hz
 * @param decisionRate     decisions per second at most (the model's control rate: the rate it was trained at), Hz
 * @param watchdog         staleness limit and how long zeros continue
 * @param eStopHeartbeatNanos how long the e-stop topic may stay silent before the stop engages; 0: no heartbeat
 * @param goal             a fixed goal in the odom frame instead of the goal topic (which then still may replace it)
 * @param useMap           whether a route-following model gets the static map (false: it routes round what its depth
 *                         camera shows alone)
 * @param identityMapTf    take the odom frame to start at the map's origin until /tf says otherwise
 * @param shield           the safety shield's settings; empty for none
 * @param seed             seeds the shield's sampled action order
 * @param imagesReliable   subscribe to images with reliable QoS instead of best effort (sensor data)
 * @param frames           the frame names
 * @param reportNanos      how often the one-line summary is printed, nanoseconds; 0 for never
 * @param warmupSeconds    how long the node decides on a synthetic room before it subscribes, so that the first real
 *                         frames meet compiled code ({@link PolicyWarmup}), 0..600 s; 0 for none
 */
public record DeploySettings(Topics topics, boolean stamped, boolean simTime, double controlRate,
                             double decisionRate, Watchdog.Settings watchdog, long eStopHeartbeatNanos,
                             Optional<Goal> goal, boolean useMap, boolean identityMapTf,
                             Optional<SafetyShield.Settings> shield, long seed, boolean imagesReliable, Frames frames,
                             long reportNanos, double warmupSeconds) {
    public DeploySettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(watchdog, "watchdog");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(shield, "shield");
        Objects.requireNonNull(frames, "frames");
        if (!(controlRate >= 1 && controlRate <= 1000) || !(decisionRate > 0 && decisionRate <= 1000)) {
            throw new IllegalArgumentException("control rate must be 1..1000 Hz and decision rate above 0 and at most"
                    + " 1000 Hz, got " + controlRate + " and " + decisionRate);
        }
        if (eStopHeartbeatNanos < 0 || reportNanos < 0) {
            throw new IllegalArgumentException("e-stop heartbeat and report period must be >= 0");
        }
        if (!(warmupSeconds >= 0 && warmupSeconds <= 600)) {
            throw new IllegalArgumentException("warm-up must be 0..600 s, got " + warmupSeconds);
        }
    }

    /** The default warm-up, seconds: enough for the JIT to compile the decision on this 2-core class of machine. */
    public static final double DEFAULT_WARMUP_SECONDS = 3;

    /** These settings with another warm-up. */
    public DeploySettings withWarmup(double seconds) {
        return new DeploySettings(topics, stamped, simTime, controlRate, decisionRate, watchdog, eStopHeartbeatNanos,
                goal, useMap, identityMapTf, shield, seed, imagesReliable, frames, reportNanos, seconds);
    }

    /**
     * Topic names (REP-105 and the usual drivers' defaults).
     *
     * @param image      the colour image: sensor_msgs/Image, or CompressedImage on {@code image + "/compressed"}
     * @param compressed subscribe to the compressed image instead of the raw one
     * @param cameraInfo the colour camera's CameraInfo
     * @param depth      the depth image registered to the colour image; empty for none
     * @param odom       nav_msgs/Odometry
     * @param goal       geometry_msgs/PoseStamped
     * @param map        nav_msgs/OccupancyGrid
     * @param tf         tf2_msgs/TFMessage with map to odom
     * @param cmdVel     the command output
     * @param eStop      std_msgs/Bool, true stops
     * @param clock      rosgraph_msgs/Clock (sim time)
     * @param status     prefix of the status topics (goal_reached, watchdog, action)
     */
    public record Topics(String image, boolean compressed, String cameraInfo, String depth, String odom, String goal,
                         String map, String tf, String cmdVel, String eStop, String clock, String status) {
        /** The defaults. */
        public static final Topics DEFAULT = new Topics("/camera/image_raw", false, "/camera/camera_info",
                "/camera/depth/image_raw", "/odom", "/goal_pose", "/map", "/tf", "/cmd_vel", "/e_stop", "/clock",
                "/wayfinder_deploy");

        public Topics {
            for (String t : new String[] {image, cameraInfo, depth, odom, goal, map, tf, cmdVel, eStop, clock,
                    status}) {
                Objects.requireNonNull(t, "topic");
            }
        }

        /** The topic the image comes on (image_transport's compressed subtopic when compressed). */
        public String imageTopic() {
            return compressed ? image + "/compressed" : image;
        }
    }

    /**
     * Frame names (REP-105).
     *
     * @param base the robot's body frame, stamped on commands
     * @param odom the odometry frame
     * @param map  the map frame
     */
    public record Frames(String base, String odom, String map) {
        /** base_link, odom, map. */
        public static final Frames DEFAULT = new Frames("base_link", "odom", "map");

        public Frames {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(odom, "odom");
            Objects.requireNonNull(map, "map");
        }
    }

    /** Defaults for {@code model}: 20 Hz commands, the model's decision rate, 250 ms / 1 s watchdog, its shield. */
    public static DeploySettings defaults(DeployModel model) {
        return new DeploySettings(Topics.DEFAULT, true, false, 20, model.robot().description().controlRate(),
                Watchdog.Settings.DEFAULT, 0, Optional.empty(), model.map(), false,
                model.depthCamera() ? Optional.of(SafetyShield.Settings.DEFAULT) : Optional.empty(), 0, false,
                Frames.DEFAULT, 5_000_000_000L, DEFAULT_WARMUP_SECONDS);
    }
}
