package dev.wayfinder.deploy;

import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A model folder as a robot needs it: {@code policy.weights} (the network, its shape included), {@code config.yaml}
 * (the training config; only the robot's sensors are read from it: {@code depth_camera}, {@code map},
 * {@code obstacle_layer}, and {@code network} is checked against the weights) and {@code robot.yaml}
 * ({@link RobotConfig}). Read without the training code, so that a robot carries none of it.
 *
 * @param dir           the folder
 * @param weights       the network
 * @param robot         the robot
 * @param depthCamera   whether the policy was trained with an RGB-D camera (its shield reads the depth image)
 * @param map           whether it follows a route on a static map ({@code map: nominal} or {@code oracle})
 * @param obstacleLayer whether its route also avoids what the depth camera showed
 */
public record DeployModel(Path dir, PolicyWeights weights, RobotConfig robot, boolean depthCamera, boolean map,
                          boolean obstacleLayer) {
    /** The weights' file name. */
    public static final String WEIGHTS = "policy.weights";
    /** The training config's file name. */
    public static final String CONFIG = "config.yaml";

    public DeployModel {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(robot, "robot");
    }

    /** The network's shape. */
    public NetworkSpec spec() {
        return weights.spec();
    }

    /**
     * Reads {@code dir}; {@code robotFile} overrides the {@code robot.yaml} there when not null.
     *
     * @throws IllegalArgumentException naming the file and what is wrong or missing in it
     */
    public static DeployModel load(Path dir, Path robotFile) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a model folder (expected a folder with " + WEIGHTS + ", "
                    + CONFIG + " and " + RobotConfig.FILE + ")");
        }
        Path wf = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(wf)) {
            throw new IllegalArgumentException(dir + ": no " + WEIGHTS + " in the model folder");
        }
        PolicyWeights weights;
        try {
            weights = PolicyWeights.fromBytes(Files.readAllBytes(wf), wf.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Path rf = robotFile != null ? robotFile : dir.resolve(RobotConfig.FILE);
        if (!Files.isRegularFile(rf)) {
            throw new IllegalArgumentException(rf + ": no robot description (" + RobotConfig.FILE + ": radius, speed"
                    + " and acceleration limits, control rate, goal tolerance, camera mount, actions); write one or"
                    + " pass --robot FILE");
        }
        RobotConfig robot = RobotConfig.fromYaml(read(rf), rf.toString());
        if (robot.description().actions().size() != weights.spec().actions()) {
            throw new IllegalArgumentException(rf + ": lists " + robot.description().actions().size()
                    + " actions, but the network in " + wf + " chooses between " + weights.spec().actions());
        }
        boolean depth = true;
        boolean map = true;
        boolean layer = true;
        Path cf = dir.resolve(CONFIG);
        if (Files.isRegularFile(cf)) {
            Object root;
            try {
                root = new Load(LoadSettings.builder().setLabel(cf.toString()).build()).loadFromString(read(cf));
            } catch (YamlEngineException e) {
                throw new IllegalArgumentException(cf + ": not valid YAML: " + e.getMessage(), e);
            }
            if (!(root instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(cf + ": a training config must be a YAML mapping");
            }
            depth = bool(cf, m, "depth_camera", depth);
            layer = bool(cf, m, "obstacle_layer", layer);
            Object ms = m.get("map");
            if (ms != null) {
                switch (String.valueOf(ms).toLowerCase(Locale.ROOT)) {
                    case "nominal", "oracle" -> map = true;
                    case "none" -> map = false;
                    default -> throw new IllegalArgumentException(cf + ": map must be nominal, oracle or none, got '"
                            + ms + "'");
                }
            }
            if (m.get("network") instanceof Map<?, ?> net) {
                check(cf, wf, net, "width", weights.spec().width());
                check(cf, wf, net, "height", weights.spec().height());
                check(cf, wf, net, "actions", weights.spec().actions());
            }
        }
        if (!weights.spec().followsRoute()) {
            map = false;
        }
        return new DeployModel(dir, weights, robot, depth, map, layer && depth);
    }

    private static void check(Path cf, Path wf, Map<?, ?> net, String key, int actual) {
        Object o = net.get(key);
        if (o instanceof Number n && n.intValue() != actual) {
            throw new IllegalArgumentException(cf + ": network." + key + " is " + n + " but " + wf + " has " + actual
                    + "; the config is not the one these weights were trained with");
        }
    }

    private static boolean bool(Path file, Map<?, ?> m, String key, boolean def) {
        Object o = m.get(key);
        if (o == null) {
            return def;
        }
        if (!(o instanceof Boolean b)) {
            throw new IllegalArgumentException(file + ": " + key + " must be true or false, got '" + o + "'");
        }
        return b;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalArgumentException(p + ": cannot read: " + e.getMessage(), e);
        }
    }
}
