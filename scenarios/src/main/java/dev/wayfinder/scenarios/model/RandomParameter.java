package dev.wayfinder.scenarios.model;

import static java.lang.Math.PI;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every parameter the {@code randomization:} block of a scenario file may name, with its file key, group,
 * unit and the domain of values it accepts (in code units: radians for angles, which files write in
 * degrees). Parameters that "replace" a scenario value override it with the drawn value; "offset" ones are
 * added to it; "multiplier" ones scale it. Parameters not named in a file keep the scenario's nominal value.
 */
public enum RandomParameter {
    /** Direction the light comes from, replacing Lighting.azimuth. */
    LIGHT_AZIMUTH("light_azimuth", ParameterGroup.VISUAL, ParameterUnit.RADIAN, -2 * PI, 2 * PI),
    /** Light elevation above the horizon, replacing Lighting.elevation. */
    LIGHT_ELEVATION("light_elevation", ParameterGroup.VISUAL, ParameterUnit.RADIAN, 0, PI / 2),
    /** Black-body colour temperature of the light, replacing Lighting.color. */
    LIGHT_COLOR_TEMPERATURE("light_color_temperature", ParameterGroup.VISUAL, ParameterUnit.KELVIN, 1000, 20000),
    /** Directional light intensity, replacing Lighting.intensity. */
    LIGHT_INTENSITY("light_intensity", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 10),
    /** Ambient level, replacing Lighting.ambient. */
    AMBIENT("ambient", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 1),
    /** Fog density, replacing Lighting.fogDensity. */
    FOG_DENSITY("fog_density", ParameterGroup.VISUAL, ParameterUnit.PER_METRE, 0, 10),
    /** Hue of the background (sky). */
    BACKGROUND_HUE("background_hue", ParameterGroup.VISUAL, ParameterUnit.RADIAN, 0, 2 * PI),
    /** Saturation of the background. */
    BACKGROUND_SATURATION("background_saturation", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 1),
    /** Value (brightness) of the background. */
    BACKGROUND_VALUE("background_value", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 1),
    /** Hue of the floor's base colour. */
    FLOOR_HUE("floor_hue", ParameterGroup.VISUAL, ParameterUnit.RADIAN, 0, 2 * PI),
    /** Saturation of the floor's base colour. */
    FLOOR_SATURATION("floor_saturation", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 1),
    /** Value of the floor's base colour. */
    FLOOR_VALUE("floor_value", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 1),
    /** Texture kind of the floor. */
    FLOOR_TEXTURE("floor_texture", ParameterGroup.VISUAL, ParameterUnit.CATEGORY, 0, 0),
    /** Texture period of the floor. */
    FLOOR_TEXTURE_SCALE("floor_texture_scale", ParameterGroup.VISUAL, ParameterUnit.METRE, 0.001, 100),
    /** Hue of the walls' base colour. */
    WALL_HUE("wall_hue", ParameterGroup.VISUAL, ParameterUnit.RADIAN, 0, 2 * PI),
    /** Saturation of the walls' base colour. */
    WALL_SATURATION("wall_saturation", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 1),
    /** Value of the walls' base colour. */
    WALL_VALUE("wall_value", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 1),
    /** Texture kind of the walls. */
    WALL_TEXTURE("wall_texture", ParameterGroup.VISUAL, ParameterUnit.CATEGORY, 0, 0),
    /** Texture period of the walls. */
    WALL_TEXTURE_SCALE("wall_texture_scale", ParameterGroup.VISUAL, ParameterUnit.METRE, 0.001, 100),
    /** Hue of each obstacle's base colour (drawn per obstacle). */
    OBSTACLE_HUE("obstacle_hue", ParameterGroup.VISUAL, ParameterUnit.RADIAN, 0, 2 * PI),
    /** Saturation of each obstacle's base colour. */
    OBSTACLE_SATURATION("obstacle_saturation", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 1),
    /** Value of each obstacle's base colour. */
    OBSTACLE_VALUE("obstacle_value", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 1),
    /** Texture kind of each obstacle. */
    OBSTACLE_TEXTURE("obstacle_texture", ParameterGroup.VISUAL, ParameterUnit.CATEGORY, 0, 0),
    /** Texture period of each obstacle. */
    OBSTACLE_TEXTURE_SCALE("obstacle_texture_scale", ParameterGroup.VISUAL, ParameterUnit.METRE, 0.001, 100),
    /** Number of small static distractor objects of random shape and colour added inside the layout area (they are obstacles: they collide). */
    DISTRACTOR_COUNT("distractor_count", ParameterGroup.VISUAL, ParameterUnit.COUNT, 0, 1000),
    /** Edge length or diameter of each distractor (also its height). */
    DISTRACTOR_SIZE("distractor_size", ParameterGroup.VISUAL, ParameterUnit.METRE, 0.01, 2),
    /** Offset added to the camera mount x. */
    CAMERA_JITTER_X("camera_jitter_x", ParameterGroup.VISUAL, ParameterUnit.METRE, -1, 1),
    /** Offset added to the camera mount y. */
    CAMERA_JITTER_Y("camera_jitter_y", ParameterGroup.VISUAL, ParameterUnit.METRE, -1, 1),
    /** Offset added to the camera mount z. */
    CAMERA_JITTER_Z("camera_jitter_z", ParameterGroup.VISUAL, ParameterUnit.METRE, -1, 1),
    /** Offset added to the camera mount roll. */
    CAMERA_JITTER_ROLL("camera_jitter_roll", ParameterGroup.VISUAL, ParameterUnit.RADIAN, -PI / 2, PI / 2),
    /** Offset added to the camera mount pitch. */
    CAMERA_JITTER_PITCH("camera_jitter_pitch", ParameterGroup.VISUAL, ParameterUnit.RADIAN, -PI / 2, PI / 2),
    /** Offset added to the camera mount yaw. */
    CAMERA_JITTER_YAW("camera_jitter_yaw", ParameterGroup.VISUAL, ParameterUnit.RADIAN, -PI / 2, PI / 2),
    /** Horizontal field of view, replacing CameraSpec.horizontalFov. */
    CAMERA_FOV("camera_fov", ParameterGroup.VISUAL, ParameterUnit.RADIAN, 0.01, PI - 0.01),
    /** CameraEffects.exposure. */
    CAMERA_EXPOSURE("camera_exposure", ParameterGroup.VISUAL, ParameterUnit.FACTOR, 0.01, 100),
    /** CameraEffects.gamma. */
    CAMERA_GAMMA("camera_gamma", ParameterGroup.VISUAL, ParameterUnit.FACTOR, 0.1, 10),
    /** CameraEffects.noiseStd. */
    CAMERA_NOISE("camera_noise", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 1),
    /** CameraEffects.motionBlur. */
    CAMERA_MOTION_BLUR("camera_motion_blur", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 0.999),
    /** CameraEffects.deadPixelFraction. */
    CAMERA_DEAD_PIXELS("camera_dead_pixels", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 1),
    /** DepthEffects.noiseBase: a of the axial depth noise sigma(z) = a + b z^2. */
    DEPTH_NOISE_BASE("depth_noise_base", ParameterGroup.VISUAL, ParameterUnit.METRE, 0, 1),
    /** DepthEffects.noiseQuadratic: b of the axial depth noise sigma(z) = a + b z^2. */
    DEPTH_NOISE_QUADRATIC("depth_noise_quadratic", ParameterGroup.VISUAL, ParameterUnit.PER_METRE, 0, 1),
    /** DepthEffects.disparityStep: depth is quantized in inverse depth with this step, so the depth step at z is about this times z^2. */
    DEPTH_QUANTIZATION("depth_quantization", ParameterGroup.VISUAL, ParameterUnit.PER_METRE, 0, 1),
    /** DepthEffects.minRange: nearer measurements are invalid (NaN). */
    DEPTH_MIN_RANGE("depth_min_range", ParameterGroup.VISUAL, ParameterUnit.METRE, 0, 1),
    /** DepthEffects.maxRange: farther measurements are invalid (NaN); not randomized = unlimited. */
    DEPTH_MAX_RANGE("depth_max_range", ParameterGroup.VISUAL, ParameterUnit.METRE, 1, 1000),
    /** DepthEffects.edgeThreshold: a pixel whose depth differs from a neighbour's by more than this fraction is invalid (NaN); not randomized = off. */
    DEPTH_EDGE_THRESHOLD("depth_edge_threshold", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0.001, 10),
    /** DepthEffects.dropoutFraction: probability that a depth pixel is invalid (NaN) in a frame. */
    DEPTH_DROPOUT("depth_dropout", ParameterGroup.VISUAL, ParameterUnit.FRACTION, 0, 1),
    /** Floor friction, replacing Arena.floorFriction. */
    FLOOR_FRICTION("floor_friction", ParameterGroup.PHYSICAL, ParameterUnit.COEFFICIENT, 0, 10),
    /** Friction of each obstacle, replacing Obstacle.friction. */
    OBSTACLE_FRICTION("obstacle_friction", ParameterGroup.PHYSICAL, ParameterUnit.COEFFICIENT, 0, 10),
    /** Multiplier on each pushable obstacle's mass. */
    OBSTACLE_MASS_SCALE("obstacle_mass_scale", ParameterGroup.PHYSICAL, ParameterUnit.FACTOR, 0.01, 100),
    /** Multiplier on Robot.mass. */
    ROBOT_MASS_SCALE("robot_mass_scale", ParameterGroup.PHYSICAL, ParameterUnit.FACTOR, 0.1, 10),
    /** Dynamics.motorGain. */
    MOTOR_GAIN("motor_gain", ParameterGroup.PHYSICAL, ParameterUnit.FACTOR, 0.1, 10),
    /** Multiplier on the robot's linear and angular speed limits. */
    MAX_SPEED_SCALE("max_speed_scale", ParameterGroup.PHYSICAL, ParameterUnit.FACTOR, 0.1, 10),
    /** Motor time constant, replacing Robot.motorLag. */
    MOTOR_LAG("motor_lag", ParameterGroup.PHYSICAL, ParameterUnit.SECOND, 0, 10),
    /** Dynamics.actuationNoise. */
    ACTUATION_NOISE("actuation_noise", ParameterGroup.PHYSICAL, ParameterUnit.FRACTION, 0, 1),
    /** Dynamics.controlLatency. */
    CONTROL_LATENCY("control_latency", ParameterGroup.PHYSICAL, ParameterUnit.SECOND, 0, 10),
    /** Dynamics.sensorLatency. */
    SENSOR_LATENCY("sensor_latency", ParameterGroup.PHYSICAL, ParameterUnit.SECOND, 0, 10),
    /** Dynamics.cameraLatency: camera frames show the world this long before their delivery. */
    CAMERA_LATENCY("camera_latency", ParameterGroup.PHYSICAL, ParameterUnit.SECOND, 0, 10),
    /** Dynamics.odometryDrift. */
    ODOMETRY_DRIFT("odometry_drift", ParameterGroup.PHYSICAL, ParameterUnit.FRACTION, 0, 1),
    /** Dynamics.lidarNoiseStd. */
    LIDAR_NOISE("lidar_noise", ParameterGroup.PHYSICAL, ParameterUnit.METRE, 0, 1),
    /** Dynamics.imuNoiseStd. */
    IMU_NOISE("imu_noise", ParameterGroup.PHYSICAL, ParameterUnit.RADIAN_PER_SECOND, 0, PI),
    /** Offset added to x and, drawn independently, to y of each unpinned static or pushable obstacle. */
    OBSTACLE_POSITION_JITTER("obstacle_position_jitter", ParameterGroup.LAYOUT, ParameterUnit.METRE, -100, 100),
    /** Offset added to the yaw of each unpinned static or pushable obstacle. */
    OBSTACLE_ROTATION("obstacle_rotation", ParameterGroup.LAYOUT, ParameterUnit.RADIAN, -2 * PI, 2 * PI),
    /** Multiplier on every dimension of each unpinned static or pushable obstacle. */
    OBSTACLE_SIZE_SCALE("obstacle_size_scale", ParameterGroup.LAYOUT, ParameterUnit.FACTOR, 0.1, 10),
    /** Number of additional static boxes and cylinders placed at random inside the layout area. */
    EXTRA_OBSTACLE_COUNT("extra_obstacle_count", ParameterGroup.LAYOUT, ParameterUnit.COUNT, 0, 1000),
    /** Edge length or diameter of each extra obstacle. */
    EXTRA_OBSTACLE_SIZE("extra_obstacle_size", ParameterGroup.LAYOUT, ParameterUnit.METRE, 0.01, 10),
    /** Smallest allowed distance between the drawn start and goal points; start and goal are redrawn until it holds. */
    START_GOAL_MIN_DISTANCE("start_goal_min_distance", ParameterGroup.LAYOUT, ParameterUnit.METRE, 0, 1000);

    private static final double TEXTURE_MAX_VALUE = TextureKind.values().length - 1;

    private final String key;
    private final ParameterGroup group;
    private final ParameterUnit unit;
    private final double domainMin;
    private final double domainMax;

    RandomParameter(String key, ParameterGroup group, ParameterUnit unit, double domainMin, double domainMax) {
        this.key = key;
        this.group = group;
        this.unit = unit;
        this.domainMin = domainMin;
        this.domainMax = domainMax;
    }

    /** The key used in files, e.g. {@code floor_friction}. */
    public String key() {
        return key;
    }

    public ParameterGroup group() {
        return group;
    }

    public ParameterUnit unit() {
        return unit;
    }

    /** Smallest accepted value, code unit. */
    public double domainMin() {
        return domainMin;
    }

    /** Largest accepted value, code unit. */
    public double domainMax() {
        return unit == ParameterUnit.CATEGORY ? TEXTURE_MAX_VALUE : domainMax;
    }

    /** Category names (file spelling) for {@link ParameterUnit#CATEGORY} parameters, else empty. */
    public List<String> categories() {
        if (unit != ParameterUnit.CATEGORY) {
            return List.of();
        }
        return Arrays.stream(TextureKind.values()).map(TextureKind::key).toList();
    }

    /** The parameter with file key {@code key}. */
    public static Optional<RandomParameter> byKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.key.equals(k)).findFirst();
    }

    /**
     * Checks that every value {@code d} can produce lies in this parameter's domain (and, for counts and
     * categories, that fixed and choice values are whole numbers).
     *
     * @return empty if acceptable, else what is wrong in code units
     */
    public Optional<String> check(Distribution d) {
        if (d.min() < domainMin() - 1e-12 || d.max() > domainMax() + 1e-12) {
            return Optional.of("values must lie in [" + domainMin() + ", " + domainMax() + "], got ["
                    + d.min() + ", " + d.max() + "]");
        }
        if (unit == ParameterUnit.CATEGORY && !(d instanceof Distribution.Fixed || d instanceof Distribution.Choice)) {
            return Optional.of("a category parameter takes a fixed value or a choice");
        }
        if (unit == ParameterUnit.CATEGORY || unit == ParameterUnit.COUNT) {
            List<Double> vals = switch (d) {
                case Distribution.Fixed f -> List.of(f.value());
                case Distribution.Choice c -> c.values();
                default -> List.of();
            };
            for (double v : vals) {
                if (v != Math.rint(v)) {
                    return Optional.of("values must be whole numbers, got " + v);
                }
            }
        }
        return Optional.empty();
    }
}
