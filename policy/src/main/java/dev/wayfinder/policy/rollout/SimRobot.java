package dev.wayfinder.policy.rollout;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.OccupancyMap;
import dev.wayfinder.robot.Pose2D;
import dev.wayfinder.robot.RobotDescription;
import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.planning.OccupancyGrid;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.env.ActionSet;
import dev.wayfinder.sim.env.Observation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The simulated robot's side of the robot boundary: builds the {@link RobotObservation} a real robot of the
 * scenario would have from the env's sensor outputs, and nothing else. The camera image (with its randomized
 * effects and latency), the depth camera's measured image (noise, invalid pixels), wheel odometry (with drift), the
 * IMU, the goal and, where the robot has one, a static map. Calibration is the scenario file's nominal camera, not the
 * episode's randomized mount and field of view; the robot description is the nominal robot, not the episode's drawn
 * mass or speed limits.
 *
 * <p>The static map is what a robot would have mapped before the episode: the scenario file's walls and static
 * obstacles at their nominal poses and sizes ({@link MapSource#NOMINAL}), with no jitter, no extra obstacles,
 * distractors, pushables or movers; the robot's pose on it is its odometry (the odom frame starts at the map's origin
 * and nothing corrects its drift). {@link MapSource#ORACLE} gives the episode's true layout at its start instead: an
 * upper bound that a robot cannot have, for reports only.
 */
public final class SimRobot {
    /** Cell side of the static maps, metres (a SLAM map's usual 5 cm). */
    public static final double MAP_RESOLUTION = 0.05;

    /** Which static map the robot is given. */
    public enum MapSource {
        /** None: a mapless robot. */
        NONE,
        /** The scenario file's nominal layout: walls and static obstacles. */
        NOMINAL,
        /** The episode's true layout at its start, every obstacle: an upper bound, not a robot's input. */
        ORACLE;

        /** The name in configs and flags. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The source named {@code key}. */
        public static Optional<MapSource> byKey(String key) {
            for (MapSource m : values()) {
                if (m.key().equalsIgnoreCase(key)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The robot's sensors beyond the RGB camera, odometry and IMU it always has.
     *
     * @param depthCamera   whether an RGB-D camera delivers a depth image
     * @param map           which static map it has
     * @param obstacleLayer whether a route-following robot also maps what its depth camera shows and routes round
     *                      it (needs the depth camera; a mapless robot routes on that alone)
     */
    public record Sensors(boolean depthCamera, MapSource map, boolean obstacleLayer) {
        /** An RGB-D camera and the nominal static map. */
        public static final Sensors RGBD_MAP = new Sensors(true, MapSource.NOMINAL, false);

        public Sensors {
            Objects.requireNonNull(map, "map");
        }

        /** Sensors without the obstacle layer. */
        public Sensors(boolean depthCamera, MapSource map) {
            this(depthCamera, map, false);
        }

        /** These sensors with the obstacle layer on or off. */
        public Sensors withObstacleLayer(boolean on) {
            return new Sensors(depthCamera, map, on);
        }

        /** A short description for reports. */
        public String describe() {
            return (depthCamera ? "RGB-D camera" : "RGB camera") + ", wheel odometry, IMU, goal in the odom frame"
                    + switch (map) {
                        case NONE -> ", no map";
                        case NOMINAL -> ", static map of the nominal layout (pose on it from odometry)";
                        case ORACLE -> ", ORACLE map of the true layout (upper bound, not a robot input)";
                    } + (obstacleLayer && depthCamera ? ", route also round what the depth camera showed" : "");
        }
    }

    private final Scenario scenario;
    private final Sensors sensors;
    private final RobotDescription description;
    private final CameraModel camera;
    private final RobotObservation.StaticMap nominalMap;
    private Episode oracleFor;
    private RobotObservation.StaticMap oracleMap;

    /**
     * @param scenario the scenario the robot runs in (its file's nominal robot, camera and layout)
     * @param actions  the discrete actions the policy chooses between
     * @param sensors  what the robot has
     */
    public SimRobot(Scenario scenario, ActionSet actions, Sensors sensors) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.sensors = Objects.requireNonNull(sensors, "sensors");
        this.description = describe(scenario, actions);
        this.camera = camera(scenario.robot().camera());
        this.nominalMap = sensors.map() == MapSource.NOMINAL
                ? new RobotObservation.StaticMap(map(scenario.arena(), scenario.obstacles().stream()
                        .filter(o -> o.kind() == ObstacleKind.STATIC).toList()), Pose2D.IDENTITY)
                : null;
    }

    /** What the robot has. */
    public Sensors sensors() {
        return sensors;
    }

    /** The nominal robot as its description gives it. */
    public RobotDescription description() {
        return description;
    }

    /** The camera's nominal calibration. */
    public CameraModel camera() {
        return camera;
    }

    /** The robot description of {@code scenario}'s nominal robot with {@code actions}. */
    public static RobotDescription describe(Scenario scenario, ActionSet actions) {
        List<RobotDescription.Command> commands = new ArrayList<>();
        for (ActionSet.Entry e : actions.actions()) {
            commands.add(new RobotDescription.Command(e.name(), e.linear(), e.angular()));
        }
        var r = scenario.robot();
        return new RobotDescription(r.footprint().boundingRadius(), r.maxLinearSpeed(), r.maxAngularSpeed(),
                scenario.limits().controlRate(), commands);
    }

    /** The calibration of a camera as its spec describes it. */
    public static CameraModel camera(CameraSpec c) {
        var m = c.mount();
        return new CameraModel(c.width(), c.height(), c.fx(), c.fy(), c.cx(), c.cy(), m.x(), m.y(), m.z(), m.roll(),
                m.pitch(), m.yaw());
    }

    /**
     * The observation of the env's current step: {@code obs} is the env's observation (it must carry a camera
     * frame), {@code episode} the running episode (for the goal, which a robot is given, for the time stamps its
     * sensors put on their readings, and for the oracle map only), {@code timeNanos} the simulation time of the
     * step's end.
     */
    public RobotObservation observe(Observation obs, Episode episode, long timeNanos) {
        CameraFrame frame = obs.camera().orElseThrow(
                () -> new IllegalStateException("the robot-side policy needs an env with a camera"));
        var info = frame.info();
        long stamp = frame.stampNanos();
        var image = new RobotObservation.RgbImage(info.width(), info.height(), frame.rgb(), stamp);
        Optional<RobotObservation.DepthImage> depth = sensors.depthCamera()
                ? Optional.of(new RobotObservation.DepthImage(info.width(), info.height(), frame.measuredDepth(),
                        stamp))
                : Optional.empty();
        float[] od = obs.odometry();
        // Odometry and IMU are read their sensor latency before the step's end, and stamped so (as a driver does).
        long sensorStamp = Math.max(0, timeNanos - episode.dynamics().sensorLatencyNanos());
        var odometry = new RobotObservation.Odometry(new Pose2D(od[0], od[1], od[2]), od[3], od[4], sensorStamp);
        float[] imu = obs.imu();
        var goal = new RobotObservation.Goal(episode.goal().x(), episode.goal().y());
        CameraModel cam = info.width() == camera.width() && info.height() == camera.height() ? camera
                : camera(scenario.robot().camera());
        return new RobotObservation(image, cam, depth, odometry,
                Optional.of(new RobotObservation.Imu(imu[0], imu[1], imu[2], sensorStamp)), goal, staticMap(episode));
    }

    private Optional<RobotObservation.StaticMap> staticMap(Episode episode) {
        return switch (sensors.map()) {
            case NONE -> Optional.empty();
            case NOMINAL -> Optional.of(nominalMap);
            case ORACLE -> {
                if (episode != oracleFor) {
                    oracleFor = episode;
                    oracleMap = new RobotObservation.StaticMap(map(episode.arena(), episode.obstacles()),
                            Pose2D.IDENTITY);
                }
                yield Optional.of(oracleMap);
            }
        };
    }

    /**
     * An occupancy map of {@code arena} with {@code obstacles} (at their poses), {@link #MAP_RESOLUTION} cells, one
     * occupied cell of wall all round the free interior.
     */
    public static OccupancyMap map(Arena arena, List<Obstacle> obstacles) {
        OccupancyGrid grid = OccupancyGrid.of(arena, obstacles, 0, MAP_RESOLUTION);
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
        return new OccupancyMap(res, -arena.halfX() - res, -arena.halfY() - res, w, h, cells);
    }
}
