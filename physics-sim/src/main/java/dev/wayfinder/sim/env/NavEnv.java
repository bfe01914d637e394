package dev.wayfinder.sim.env;

import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Robot;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.camera.CameraSensor;
import dev.wayfinder.sim.core.Physics;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.Truncation;
import dev.wayfinder.sim.core.World;
import dev.wayfinder.sim.core.WorldCompiler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Point-goal navigation on the simulator: reach the episode's goal without touching anything.
 *
 * <pre>{@code
 * try (Env env = new NavEnv(EpisodeSource.fixed(Episode.nominal(scenario)), EnvConfig.DISCRETE)) {
 *     ResetResult r = env.reset(42);
 *     StepResult s = env.step(new Action.Discrete(0));   // forward
 * }
 * }</pre>
 *
 * The episode comes from the {@link EpisodeSource} for the reset seed; the physics noise is seeded from the
 * same seed. The spaces are declared from the episode of seed 0 (lidar beam count and, for continuous
 * actions, the robot's speed limits); every episode of the source must have the same lidar beam count.
 * Velocity actions outside the robot's limits are clamped by the robot. Not thread-safe.
 */
public final class NavEnv implements Env {
    private static final long NOISE_SALT = 0x5DEECE66DL;

    private final EpisodeSource source;
    private final EnvConfig config;
    private final CameraSensor camera;
    private final DictSpace observationSpace;
    private final Space actionSpace;
    private final Observation observation;
    private final StepInfo info = new StepInfo();
    private World world;
    private SimState state;
    private boolean running;
    private double distance;

    /** An env without a camera. */
    public NavEnv(EpisodeSource source, EnvConfig config) {
        this(source, config, Optional.empty());
    }

    /** An env whose observations include frames from {@code camera} (closed with the env). */
    public NavEnv(EpisodeSource source, EnvConfig config, Optional<CameraSensor> camera) {
        this.source = Objects.requireNonNull(source, "source");
        this.config = Objects.requireNonNull(config, "config");
        this.camera = Objects.requireNonNull(camera, "camera").orElse(null);
        Episode first = Objects.requireNonNull(source.episode(0), "episode source returned null");
        world = WorldCompiler.compile(first);
        state = new SimState(world);
        Robot robot = first.robot();
        var lidar = robot.lidar();
        Map<String, Space> spaces = new LinkedHashMap<>();
        spaces.put("lidar", BoxSpace.uniform(lidar.beams(), (float) lidar.rangeMin(), (float) lidar.rangeMax()));
        float inf = Float.POSITIVE_INFINITY;
        float pi = (float) Math.PI;
        spaces.put("goal", new BoxSpace(new float[] {0, -pi}, new float[] {inf, pi}));
        spaces.put("odometry", new BoxSpace(new float[] {-inf, -inf, -pi, -inf, -inf},
                new float[] {inf, inf, pi, inf, inf}));
        spaces.put("imu", BoxSpace.uniform(Observation.IMU, -inf, inf));
        spaces.put("bumper", BoxSpace.uniform(1, 0, 1));
        if (this.camera != null) {
            spaces.put("camera", new ImageSpace(this.camera.info().width(), this.camera.info().height()));
        }
        observationSpace = new DictSpace(spaces);
        actionSpace = config.actionMode() == ActionMode.DISCRETE
                ? new DiscreteSpace(config.actions().size())
                : new BoxSpace(new float[] {(float) -robot.maxLinearSpeed(), (float) -robot.maxAngularSpeed()},
                        new float[] {(float) robot.maxLinearSpeed(), (float) robot.maxAngularSpeed()});
        observation = new Observation(lidar.beams(),
                this.camera == null ? Optional.empty() : Optional.of(new CameraFrame(this.camera.info())));
    }

    @Override
    public DictSpace observationSpace() {
        return observationSpace;
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    /** The configuration. */
    public EnvConfig config() {
        return config;
    }

    @Override
    public World world() {
        return world;
    }

    @Override
    public SimState state() {
        return state;
    }

    @Override
    public ResetResult reset(long seed) {
        Episode e = Objects.requireNonNull(source.episode(seed), "episode source returned null");
        if (!e.equals(world.episode())) {
            if (e.robot().lidar().beams() != observation.lidar().length) {
                throw new IllegalStateException("episode for seed " + seed + " has " + e.robot().lidar().beams()
                        + " lidar beams; this env was declared with " + observation.lidar().length);
            }
            world = WorldCompiler.compile(e);
            state = new SimState(world);
        }
        state.reset(noiseSeed(seed));
        running = true;
        distance = trueDistance();
        info.seed = seed;
        observe(false);
        fillInfo(false, false, Truncation.NONE);
        return new ResetResult(observation, info);
    }

    private static long noiseSeed(long seed) {
        long z = seed ^ NOISE_SALT;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    @Override
    public StepResult step(Action action) {
        Objects.requireNonNull(action, "action");
        if (!running) {
            throw new IllegalStateException("the episode has ended or was never started: call reset(seed) first");
        }
        Robot robot = world.robot();
        double v;
        double w;
        switch (action) {
            case Action.Discrete d -> {
                if (config.actionMode() != ActionMode.DISCRETE || d.index() >= config.actions().size()) {
                    throw new IllegalArgumentException("action " + d + " is not in the action space " + actionSpace);
                }
                ActionSet.Entry a = config.actions().get(d.index());
                v = a.linear() * robot.maxLinearSpeed();
                w = a.angular() * robot.maxAngularSpeed();
            }
            case Action.Velocity c -> {
                if (config.actionMode() != ActionMode.CONTINUOUS) {
                    throw new IllegalArgumentException("this env takes discrete actions, got " + c);
                }
                v = c.v();
                w = c.omega();
            }
        }
        Physics.step(world, state, v, w);
        double before = distance;
        distance = trueDistance();
        Truncation tr = state.truncation();
        boolean collision = state.inContact();
        boolean success = !collision && tr == Truncation.NONE
                && distance <= world.episode().goalTolerance();
        boolean terminated = collision || success;
        if (!terminated && tr == Truncation.NONE && state.steps() >= world.episode().limits().maxSteps()) {
            tr = Truncation.TIME_LIMIT;
        }
        boolean truncated = !terminated && tr != Truncation.NONE;
        RewardWeights rw = config.reward();
        double reward = rw.progress() * (before - distance) - rw.time();
        if (success) {
            reward += rw.success();
        }
        if (collision) {
            reward -= rw.collision();
        }
        running = !(terminated || truncated);
        observe(collision);
        fillInfo(success, collision, tr);
        return new StepResult(observation, reward, terminated, truncated, info);
    }

    private double trueDistance() {
        var g = world.episode().goal();
        return Math.hypot(g.x() - state.robotX(), g.y() - state.robotY());
    }

    private void observe(boolean bumper) {
        System.arraycopy(state.lidarRanges(), 0, observation.lidar(), 0, observation.lidar().length);
        var g = world.episode().goal();
        double dx = g.x() - state.odomX();
        double dy = g.y() - state.odomY();
        float[] goal = observation.goal();
        goal[0] = (float) Math.hypot(dx, dy);
        goal[1] = (float) wrap(Math.atan2(dy, dx) - state.odomYaw());
        float[] odo = observation.odometry();
        odo[0] = (float) state.odomX();
        odo[1] = (float) state.odomY();
        odo[2] = (float) wrap(state.odomYaw());
        odo[3] = (float) state.odomLinearSpeed();
        odo[4] = (float) state.odomAngularSpeed();
        float[] imu = observation.imu();
        imu[0] = (float) state.imuGyroZ();
        imu[1] = (float) state.imuAccelX();
        imu[2] = (float) state.imuAccelY();
        observation.bumper()[0] = bumper ? 1 : 0;
        sanitize(odo);
        sanitize(imu);
        sanitize(goal);
        if (camera != null && state.truncation() == Truncation.NONE) {
            camera.capture(world, state, observation.camera().orElseThrow());
        }
    }

    /** A diverged state must still yield an observation inside the space: NaN becomes 0. */
    private static void sanitize(float[] a) {
        for (int i = 0; i < a.length; i++) {
            if (Float.isNaN(a[i])) {
                a[i] = 0;
            }
        }
    }

    private void fillInfo(boolean success, boolean collision, Truncation tr) {
        info.steps = state.steps();
        info.timeNanos = state.timeNanos();
        info.success = success;
        info.collision = collision;
        info.collidedWith = state.contactName();
        info.truncation = tr;
        info.trueX = state.robotX();
        info.trueY = state.robotY();
        info.trueYaw = state.robotYaw();
        info.distanceToGoal = distance;
        info.pathLength = state.distanceTravelled();
        info.odomErrorMetres = Math.hypot(state.odomX() - state.robotX(), state.odomY() - state.robotY());
    }

    /** Wraps an angle into [-pi, pi]. */
    static double wrap(double a) {
        double r = Math.IEEEremainder(a, 2 * Math.PI);
        return Double.isNaN(r) ? 0 : r;
    }

    @Override
    public void close() {
        if (camera != null) {
            camera.close();
        }
    }
}
