package dev.wayfinder.deploy;

import dev.wayfinder.robot.RobotDescription;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The robot a model drives, as {@code robot.yaml} beside the model describes it (units as in scenario files: metres,
 * seconds, angles in degrees; frames REP-103): the policy's {@link RobotDescription} (footprint radius, speed limits,
 * decision rate, the discrete actions in the network's order), the acceleration limits the command limiter keeps, the
 * goal tolerance, and the camera's nominal mount in base_link (its intrinsics come from CameraInfo).
 *
 * @param description     what the policy knows of the robot
 * @param maxLinearAccel  m/s^2
 * @param maxAngularAccel rad/s^2
 * @param goalTolerance   metres: the goal counts as reached this close
 * @param mount           the camera's mount: x, y, z in metres, roll, pitch (positive looks down), yaw in radians
 */
public record RobotConfig(RobotDescription description, double maxLinearAccel, double maxAngularAccel,
                          double goalTolerance, Mount mount) {
    /** The file's name beside a model. */
    public static final String FILE = "robot.yaml";

    public RobotConfig {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mount, "mount");
        if (!(maxLinearAccel > 0) || !(maxAngularAccel > 0) || !(goalTolerance > 0)
                || !Double.isFinite(maxLinearAccel + maxAngularAccel + goalTolerance)) {
            throw new IllegalArgumentException("accelerations and goal tolerance must be finite and > 0");
        }
    }

    /**
     * The camera's nominal pose in base_link.
     *
     * @param x     metres forward
     * @param y     metres left
     * @param z     metres above the floor
     * @param roll  radians
     * @param pitch radians, positive looks down
     * @param yaw   radians, positive looks left
     */
    public record Mount(double x, double y, double z, double roll, double pitch, double yaw) {
    }

    /** The speed and acceleration limits for {@link CommandLimiter}. */
    public CommandLimiter.Limits limits() {
        return new CommandLimiter.Limits(description.maxLinear(), description.maxAngular(), maxLinearAccel,
                maxAngularAccel);
    }

    private static final Set<String> KEYS = Set.of("radius", "max_linear_speed", "max_angular_speed",
            "max_linear_accel", "max_angular_accel", "control_rate", "goal_tolerance", "camera_mount", "actions");

    /**
     * Parses {@code robot.yaml}.
     *
     * @param source names the file in messages
     * @throws IllegalArgumentException naming the file and key for a missing, unknown or bad value, or the line and
     *                                  column of a YAML syntax error
     */
    public static RobotConfig fromYaml(String text, String source) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(source + ": a robot description must be a YAML mapping of "
                    + String.join(", ", KEYS.stream().sorted().toList()));
        }
        Map<String, Object> v = new LinkedHashMap<>();
        for (var e : map.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(source + ": unknown key '" + k + "'; expected one of "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
            v.put(k, e.getValue());
        }
        double radius = positive(source, "radius", v);
        double maxLinear = positive(source, "max_linear_speed", v);
        double maxAngular = Math.toRadians(positive(source, "max_angular_speed", v));
        double accel = positive(source, "max_linear_accel", v);
        double angularAccel = Math.toRadians(positive(source, "max_angular_accel", v));
        double rate = positive(source, "control_rate", v);
        double tolerance = positive(source, "goal_tolerance", v);
        Mount mount = mount(source, v.get("camera_mount"));
        List<RobotDescription.Command> actions = actions(source, v.get("actions"));
        try {
            return new RobotConfig(new RobotDescription(radius, maxLinear, maxAngular, rate, actions), accel,
                    angularAccel, tolerance, mount);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static Mount mount(String source, Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(source + ": camera_mount must be a mapping {x, y, z, roll, pitch, yaw}"
                    + " (metres, degrees), got " + (o == null ? "nothing" : "'" + o + "'"));
        }
        Map<String, Object> v = new LinkedHashMap<>();
        for (var e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!Set.of("x", "y", "z", "roll", "pitch", "yaw").contains(k)) {
                throw new IllegalArgumentException(source + ": unknown key camera_mount." + k
                        + "; expected x, y, z, roll, pitch, yaw");
            }
            v.put(k, e.getValue());
        }
        return new Mount(num(source, "camera_mount.x", v.getOrDefault("x", 0)),
                num(source, "camera_mount.y", v.getOrDefault("y", 0)),
                num(source, "camera_mount.z", v.get("z")),
                Math.toRadians(num(source, "camera_mount.roll", v.getOrDefault("roll", 0))),
                Math.toRadians(num(source, "camera_mount.pitch", v.getOrDefault("pitch", 0))),
                Math.toRadians(num(source, "camera_mount.yaw", v.getOrDefault("yaw", 0))));
    }

    private static List<RobotDescription.Command> actions(String source, Object o) {
        if (!(o instanceof List<?> l) || l.size() < 2) {
            throw new IllegalArgumentException(source + ": actions must be a list of at least two {name, linear,"
                    + " angular} (fractions of the speed limits, in the network's order)");
        }
        List<RobotDescription.Command> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            String at = "actions[" + i + "]";
            if (!(l.get(i) instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) {
                throw new IllegalArgumentException(source + ": " + at + " must be a mapping {name, linear, angular}");
            }
            try {
                out.add(new RobotDescription.Command(name, num(source, at + ".linear", m.get("linear")),
                        num(source, at + ".angular", m.get("angular"))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith(source) ? e.getMessage()
                        : source + ": " + at + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static double positive(String source, String key, Map<String, Object> v) {
        double d = num(source, key, v.get(key));
        if (!(d > 0)) {
            throw new IllegalArgumentException(source + ": " + key + " must be > 0, got " + d);
        }
        return d;
    }

    static double num(String source, String key, Object o) {
        if (o == null) {
            throw new IllegalArgumentException(source + ": " + key + " is missing; expected a number");
        }
        if (!(o instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(source + ": " + key + " must be a finite number, got '" + o + "'");
        }
        return n.doubleValue();
    }
}
