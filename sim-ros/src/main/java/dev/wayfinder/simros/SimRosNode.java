package dev.wayfinder.simros;

import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.sim.GlCameraSensor;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.msg.Bool;
import dev.wayfinder.ros.msg.CameraInfo;
import dev.wayfinder.ros.msg.Clock;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.Imu;
import dev.wayfinder.ros.msg.LaserScan;
import dev.wayfinder.ros.msg.OccupancyGrid;
import dev.wayfinder.ros.msg.Odometry;
import dev.wayfinder.ros.msg.PoseStamped;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.TFMessage;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.TwistStamped;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Limits;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.Truncation;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.EpisodeSource;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.env.StepInfo;
import dev.wayfinder.sim.env.StepResult;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.expert.GlobalPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The simulator as a ROS 2 robot on a {@link Node}. {@link #run} steps a {@link NavEnv} (continuous (v, omega)
 * actions) in real time, a multiple of it, or as fast as it can, and publishes:
 * <ul>
 *   <li>/clock (rosgraph_msgs/Clock, best effort, depth 1): the simulation time, for use_sim_time; it never goes
 *       back, across episodes too</li>
 *   <li>/camera/image_raw (rgb8), /camera/camera_info, /camera/depth/image_raw (32FC1 metres, registered to the
 *       colour image, NaN where invalid), /camera/depth/camera_info: best effort, at the camera rate, rendered only
 *       while one of them has a subscription (rendering is most of the cost)</li>
 *   <li>/odom (nav_msgs/Odometry, reliable: the wheel odometry, drifting); /tf (reliable) with map to odom (the
 *       identity: no localization corrects the drift, the odom frame starts at the map's origin) and odom to
 *       base_link; /tf_static (reliable, transient local): base_link to camera_link to camera_optical_frame in one
 *       message</li>
 *   <li>/scan (best effort, at the scenario's control rate), /imu/data_raw (best effort)</li>
 *   <li>/map (nav_msgs/OccupancyGrid of the scenario's nominal layout), /goal_pose (the episode's goal in the odom
 *       frame), /wayfinder/episode (std_msgs/String, JSON, see {@link SimMessages#statusJson}): reliable, transient
 *       local</li>
 * </ul>
 * and takes /cmd_vel (geometry_msgs/TwistStamped or Twist, reliable), held for the command timeout of simulation
 * time and then zero, and /wayfinder/reset (std_msgs/Bool, reliable): {@code true} ends the episode and starts the
 * next seed, {@code false} starts the same episode again. Stamps are simulation time; a camera frame is stamped
 * with the time the view shows (the episode's camera latency before its delivery).
 *
 * <p>The simulation ticks at the scenario's control rate times the smallest whole number that reaches the camera
 * rate (10 Hz with a 30 Hz camera: 30 ticks per second, each a third of a control period, with the episode's step
 * limit scaled to keep its time limit); odometry, /tf, the IMU and /clock go out every tick, the scan every control
 * period, the camera when its period is due. Episodes follow one another with seeds first, first + 1, ...
 *
 * <p>{@link #run} renders on the calling thread (OpenGL contexts belong to the thread that made them). The node is
 * the caller's: it is neither created nor closed here, but this object's publishers and subscriptions are closed
 * when {@code run} returns.
 */
public final class SimRosNode {
    /** Topic names. */
    public static final String CLOCK = "/clock";
    /** Colour image. */
    public static final String IMAGE = "/camera/image_raw";
    /** Colour calibration. */
    public static final String CAMERA_INFO = "/camera/camera_info";
    /** Registered depth image. */
    public static final String DEPTH = "/camera/depth/image_raw";
    /** Depth calibration (the colour camera's). */
    public static final String DEPTH_INFO = "/camera/depth/camera_info";
    /** Wheel odometry. */
    public static final String ODOM = "/odom";
    /** Moving transforms. */
    public static final String TF = "/tf";
    /** Fixed transforms. */
    public static final String TF_STATIC = "/tf_static";
    /** Lidar. */
    public static final String SCAN = "/scan";
    /** IMU. */
    public static final String IMU = "/imu/data_raw";
    /** Static map. */
    public static final String MAP = "/map";
    /** The episode's goal. */
    public static final String GOAL = "/goal_pose";
    /** Velocity commands in. */
    public static final String CMD_VEL = "/cmd_vel";
    /** Episode status out. */
    public static final String EPISODE = "/wayfinder/episode";
    /** Reset requests in. */
    public static final String RESET = "/wayfinder/reset";

    /** Largest simulation tick rate (the scenario format's largest control rate), Hz. */
    public static final double MAX_TICK_RATE = 1000;

    /**
     * How the node runs.
     *
     * @param rateFactor simulated seconds per wall-clock second (1 is real time); 0 runs as fast as it can
     * @param cameraHz camera frames per simulated second (> 0), or 0 for no camera at all (no rendering)
     * @param cameraWidth image width in pixels, or 0 for the scenario camera's
     * @param cameraHeight image height in pixels, or 0 for the scenario camera's
     * @param commandTimeoutNanos how long a /cmd_vel command holds, simulation nanoseconds
     * @param episodes episodes to run before {@link #run} returns; 0 runs until stopped
     * @param firstSeed the first episode's seed
     */
    public record Settings(double rateFactor, double cameraHz, int cameraWidth, int cameraHeight,
                           long commandTimeoutNanos, int episodes, long firstSeed) {
        /** Validates. */
        public Settings {
            if (!(rateFactor >= 0) || Double.isInfinite(rateFactor)) {
                throw new IllegalArgumentException("rate factor must be >= 0 (0: as fast as possible), got "
                        + rateFactor);
            }
            if (!(cameraHz >= 0) || cameraHz > MAX_TICK_RATE) {
                throw new IllegalArgumentException("camera rate must be 0 (no camera) to " + (int) MAX_TICK_RATE
                        + " Hz, got " + cameraHz);
            }
            if (cameraWidth < 0 || cameraWidth > CameraSpec.MAX_SIDE || cameraHeight < 0
                    || cameraHeight > CameraSpec.MAX_SIDE) {
                throw new IllegalArgumentException("camera size must be 1.." + CameraSpec.MAX_SIDE
                        + " pixels (0: the scenario's), got " + cameraWidth + "x" + cameraHeight);
            }
            if (commandTimeoutNanos <= 0) {
                throw new IllegalArgumentException("command timeout must be > 0, got " + commandTimeoutNanos + " ns");
            }
            if (episodes < 0) {
                throw new IllegalArgumentException("episodes must be >= 0 (0: until stopped), got " + episodes);
            }
        }

        /** Real time, a 30 Hz camera of the scenario's size, 0.5 s command timeout, until stopped, from seed 0. */
        public static final Settings DEFAULT = new Settings(1, 30, 0, 0, 500_000_000L, 0, 0);
    }

    /**
     * What a run did.
     *
     * @param outcomes the episodes that ended by themselves (success, collision, time limit, truncation), in order;
     *                 episodes ended by a reset request or by the stop are not among them
     * @param ticks simulation ticks
     * @param simNanos simulated time
     * @param wallNanos wall-clock time of the loop
     * @param cameraFrames camera frames rendered and published (none while nobody subscribes to a camera topic)
     * @param commands velocity commands received
     */
    public record Summary(List<EpisodeOutcome> outcomes, long ticks, long simNanos, long wallNanos, long cameraFrames,
                          long commands) {
        /** Copies. */
        public Summary {
            outcomes = List.copyOf(outcomes);
        }

        /** @return simulated seconds per wall-clock second */
        public double realTimeFactor() {
            return wallNanos == 0 ? 0 : (double) simNanos / wallNanos;
        }
    }

    private final Scenario scenario;
    private final EpisodeSource source;
    private final Settings settings;
    private final Node node;
    private final int ticksPerControl;
    private final double tickRate;
    private final long tickNanos;
    private final CameraSpec camera;
    private final CommandHold hold;
    private final AtomicLong simNow = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicReference<Boolean> resetRequest = new AtomicReference<>();

    /**
     * @param scenario the scenario (its nominal robot gives the calibration, the fixed transforms and the map)
     * @param source the episodes, by seed (e.g. domain-randomized)
     * @param settings how to run
     * @param node the ROS node to publish and subscribe on
     */
    public SimRosNode(Scenario scenario, EpisodeSource source, Settings settings, Node node) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.source = Objects.requireNonNull(source, "source");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.node = Objects.requireNonNull(node, "node");
        double control = scenario.limits().controlRate();
        this.ticksPerControl = ticksPerControl(control, settings.cameraHz());
        this.tickRate = control * ticksPerControl;
        Limits scaled = scaledLimits(scenario.limits(), ticksPerControl);
        this.tickNanos = scaled.controlPeriodNanos();
        this.camera = resized(scenario.robot().camera(), settings.cameraWidth(), settings.cameraHeight());
        this.hold = new CommandHold(settings.commandTimeoutNanos());
    }

    /**
     * The ticks per control period: the smallest whole number that brings the tick rate to the camera rate.
     *
     * @param controlRate the scenario's control rate, Hz
     * @param cameraHz the camera rate, Hz (0: no camera)
     * @return at least 1
     * @throws IllegalArgumentException when the tick rate would pass {@link #MAX_TICK_RATE}
     */
    public static int ticksPerControl(double controlRate, double cameraHz) {
        int k = Math.max(1, (int) Math.ceil(cameraHz / controlRate - 1e-9));
        if (controlRate * k > MAX_TICK_RATE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a %.4g Hz camera needs %d ticks per %.4g Hz"
                    + " control period, %.4g Hz in all; at most %d Hz", cameraHz, k, controlRate, controlRate * k,
                    (int) MAX_TICK_RATE));
        }
        return k;
    }

    /** The camera rate in effect; the simulation ticks at this rate or faster. */
    public double tickRate() {
        return tickRate;
    }

    /** The camera images are rendered for (the scenario's, at the settings' size). */
    public CameraSpec camera() {
        return camera;
    }

    private static Limits scaledLimits(Limits l, int k) {
        long steps = (long) l.maxSteps() * k;
        return new Limits((int) Math.min(10_000_000, steps), l.controlRate() * k);
    }

    private static CameraSpec resized(CameraSpec c, int width, int height) {
        int w = width > 0 ? width : c.width();
        int h = height > 0 ? height : c.height();
        return w == c.width() && h == c.height() ? c : new CameraSpec(c.mount(), c.horizontalFov(), w, h, c.near(),
                c.far());
    }

    /** The episode as the node simulates it: ticks of a fraction of the control period, the camera resized. */
    private Episode adapt(Episode e) {
        var r = e.robot();
        return new Episode(e.scenarioName(), e.seed(), e.arena(), e.obstacles(),
                r.withCamera(resized(r.camera(), camera.width(), camera.height())), e.dynamics(), e.cameraEffects(),
                e.lighting(), e.start(), e.goal(), e.goalTolerance(), scaledLimits(e.limits(), ticksPerControl));
    }

    /** Publishers of one run. */
    private final class Out implements AutoCloseable {
        final Publisher<Clock> clock = node.publisher(Clock.TYPE, CLOCK, QosProfile.CLOCK);
        final Publisher<Odometry> odom = node.publisher(Odometry.TYPE, ODOM, QosProfile.DEFAULT);
        final Publisher<TFMessage> tf = node.publisher(TFMessage.TYPE, TF, QosProfile.DEFAULT.withDepth(100));
        final Publisher<TFMessage> tfStatic = node.publisher(TFMessage.TYPE, TF_STATIC, QosProfile.LATCHED);
        final Publisher<LaserScan> scan = node.publisher(LaserScan.TYPE, SCAN, QosProfile.SENSOR_DATA);
        final Publisher<Imu> imu = node.publisher(Imu.TYPE, IMU, QosProfile.SENSOR_DATA);
        final Publisher<OccupancyGrid> map = node.publisher(OccupancyGrid.TYPE, MAP, QosProfile.LATCHED);
        final Publisher<PoseStamped> goal = node.publisher(PoseStamped.TYPE, GOAL, QosProfile.LATCHED);
        final Publisher<StringMessage> episode = node.publisher(StringMessage.TYPE, EPISODE,
                QosProfile.LATCHED.withDepth(5));
        final Publisher<Image> image;
        final Publisher<CameraInfo> info;
        final Publisher<Image> depth;
        final Publisher<CameraInfo> depthInfo;
        final List<Subscription> subs = new ArrayList<>();

        Out(boolean withCamera) {
            image = withCamera ? node.publisher(Image.TYPE, IMAGE, QosProfile.SENSOR_DATA) : null;
            info = withCamera ? node.publisher(CameraInfo.TYPE, CAMERA_INFO, QosProfile.SENSOR_DATA) : null;
            depth = withCamera ? node.publisher(Image.TYPE, DEPTH, QosProfile.SENSOR_DATA) : null;
            depthInfo = withCamera ? node.publisher(CameraInfo.TYPE, DEPTH_INFO, QosProfile.SENSOR_DATA) : null;
            subs.add(node.subscription(TwistStamped.TYPE, CMD_VEL, QosProfile.DEFAULT,
                    m -> onCommand(m.twist().linear().x(), m.twist().angular().z())));
            subs.add(node.subscription(Twist.TYPE, CMD_VEL, QosProfile.DEFAULT,
                    m -> onCommand(m.linear().x(), m.angular().z())));
            subs.add(node.subscription(Bool.TYPE, RESET, QosProfile.DEFAULT, m -> resetRequest.set(m.data())));
        }

        boolean cameraWatched() {
            return image.subscriptionCount() + info.subscriptionCount() + depth.subscriptionCount()
                    + depthInfo.subscriptionCount() > 0;
        }

        @Override
        public void close() {
            subs.forEach(Subscription::close);
            for (Publisher<?> p : new Publisher<?>[] {clock, odom, tf, tfStatic, scan, imu, map, goal, episode, image,
                info, depth, depthInfo}) {
                if (p != null) {
                    p.close();
                }
            }
        }
    }

    private void onCommand(double v, double omega) {
        if (hold.accept(v, omega, simNow.get())) {
            commands.incrementAndGet();
        }
    }

    /**
     * Runs episodes until {@code stop} says so or the settings' episode count is reached.
     *
     * @param stop asked every tick; true ends the run (the current episode is not counted)
     * @param log gets one line per episode start and end
     * @return what was run
     * @throws dev.wayfinder.render.RenderException when the camera is on and OpenGL cannot start
     * @throws EpisodeSource.Unavailable when the source has no episode for a seed
     */
    public Summary run(BooleanSupplier stop, Consumer<String> log) {
        boolean withCamera = settings.cameraHz() > 0;
        List<EpisodeOutcome> outcomes = new ArrayList<>();
        long ticks = 0;
        long frames = 0;
        long wallStart = System.nanoTime();
        try (Renderer renderer = withCamera ? Renderer.create() : null;
             // Nothing on ROS reads segmentation: skip its read-back (the render cost of a 640x480 camera).
             GlCameraSensor sensor = withCamera ? new GlCameraSensor(renderer, camera).readingSegmentation(false)
                     : null;
             NavEnv env = new NavEnv(seed -> adapt(source.episode(seed)), EnvConfig.CONTINUOUS, Optional.empty());
             Out out = new Out(withCamera)) {
            CameraFrame frame = withCamera ? new CameraFrame(dev.wayfinder.sim.camera.CameraInfo.of(camera)) : null;
            byte[] depthBytes = withCamera ? new byte[camera.width() * camera.height() * 4] : null;
            out.tfStatic.publish(new TFMessage(RosFrames.staticTransforms(camera.mount(), SimMessages.time(0))));
            out.map.publish(SimMessages.map(scenario, SimMessages.time(0)));
            long cameraPeriod = withCamera ? Math.round(1e9 / settings.cameraHz()) : Long.MAX_VALUE;
            long clockBase = 0;
            long seed = settings.firstSeed();
            int index = 0;
            // Pacing: wall time follows simulated time from an anchor, re-anchored when the loop falls behind.
            long anchorWall = System.nanoTime();
            long anchorSim = 0;
            boolean stopped = false;
            while (!stopped && (settings.episodes() == 0 || outcomes.size() < settings.episodes())) {
                env.reset(seed);
                Episode episode = env.world().episode();
                double shortest = GlobalPlanner.shortestPathLength(env.world());
                hold.clear();
                resetRequest.set(null);
                Time start = SimMessages.time(clockBase);
                out.goal.publish(SimMessages.goal(episode.goal(), start));
                int goalSubscribers = out.goal.subscriptionCount();
                publishStatus(out, env, index, seed, EpisodeStatus.Status.RUNNING, "", log);
                long nextCamera = 0;
                Boolean reset = null;
                StepInfo info;
                while (true) {
                    if (stop.getAsBoolean()) {
                        stopped = true;
                        break;
                    }
                    reset = resetRequest.getAndSet(null);
                    if (reset != null) {
                        publishStatus(out, env, index, seed, EpisodeStatus.Status.RESET, reset ? "next" : "again",
                                log);
                        break;
                    }
                    int subs = out.goal.subscriptionCount();
                    if (subs > goalSubscribers) {
                        // a volatile subscription that joined late gets the goal too
                        out.goal.publish(SimMessages.goal(episode.goal(), start));
                    }
                    goalSubscribers = subs;
                    double[] cmd = hold.command(simNow.get());
                    StepResult step = env.step(new Action.Velocity(cmd[0], cmd[1]));
                    info = step.info();
                    ticks++;
                    long now = clockBase + info.timeNanos();
                    simNow.set(now);
                    publishState(out, env, step, now, info.steps() % ticksPerControl == 0);
                    if (withCamera && !step.done() && info.timeNanos() >= nextCamera) {
                        // Rendered only while someone subscribes to a camera topic, as a camera driver does
                        if (out.cameraWatched()) {
                            sensor.capture(env.world(), env.state(), frame);
                            publishCamera(out, frame, clockBase + frame.stampNanos(), depthBytes);
                            frames++;
                        }
                        nextCamera = Math.max(nextCamera + cameraPeriod, info.timeNanos() - cameraPeriod);
                    }
                    if (step.done()) {
                        EpisodeStatus.Status st = info.success() ? EpisodeStatus.Status.SUCCESS
                                : info.collision() ? EpisodeStatus.Status.COLLISION
                                : info.truncation() == Truncation.TIME_LIMIT ? EpisodeStatus.Status.TIMEOUT
                                : EpisodeStatus.Status.TRUNCATED;
                        String reason = info.collision() ? info.collidedWith()
                                : st == EpisodeStatus.Status.TRUNCATED ? info.truncation().key() : "";
                        publishStatus(out, env, index, seed, st, reason, log);
                        outcomes.add(new EpisodeOutcome(episode.scenarioName(), seed, info.success(),
                                info.collision(), info.truncation().key(), controlSteps(info.steps()),
                                info.timeNanos() / 1e9, info.pathLength(), shortest));
                        break;
                    }
                    if (settings.rateFactor() > 0) {
                        long simElapsed = now - anchorSim;
                        long due = anchorWall + (long) (simElapsed / settings.rateFactor());
                        long late = System.nanoTime() - due;
                        if (late > 500_000_000L) {
                            anchorWall = System.nanoTime();
                            anchorSim = now;
                        } else {
                            waitUntil(due, stop);
                        }
                    }
                }
                clockBase = simNow.get();
                index++;
                if (reset == null || reset) {
                    seed++;
                }
            }
        }
        return new Summary(outcomes, ticks, simNow.get(), System.nanoTime() - wallStart, frames, commands.get());
    }

    private int controlSteps(int ticks) {
        return (ticks + ticksPerControl - 1) / ticksPerControl;
    }

    private static void waitUntil(long due, BooleanSupplier stop) {
        while (true) {
            long left = due - System.nanoTime();
            if (left <= 0 || stop.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(Math.min(left, 20_000_000L));
        }
    }

    private void publishStatus(Out out, NavEnv env, int index, long seed, EpisodeStatus.Status status, String reason,
                               Consumer<String> log) {
        SimState st = env.state();
        Episode e = env.world().episode();
        EpisodeStatus s = new EpisodeStatus(e.scenarioName(), index, seed, status, reason, controlSteps(st.steps()),
                st.timeNanos() / 1e9, Math.hypot(e.goal().x() - st.robotX(), e.goal().y() - st.robotY()),
                st.distanceTravelled(), e.goal());
        String json = SimMessages.statusJson(s);
        out.episode.publish(new StringMessage(json));
        log.accept(json);
    }

    private void publishState(Out out, NavEnv env, StepResult step, long now, boolean scanDue) {
        SimState s = env.state();
        Time t = SimMessages.time(now);
        Episode e = env.world().episode();
        out.clock.publish(new Clock(t));
        // Odometry and IMU are read their sensor latency before the tick's end; stamped so, as a driver does.
        Time sensed = SimMessages.time(Math.max(0, now - Math.min(e.dynamics().sensorLatencyNanos(), tickNanos)));
        float[] od = step.observation().odometry();
        double drift = e.dynamics().odometryDrift();
        out.odom.publish(SimMessages.odometry(sensed, od[0], od[1], od[2], od[3], od[4],
                drift * s.distanceTravelled(), drift));
        out.tf.publish(new TFMessage(List.of(
                RosFrames.planar(t, RosFrames.MAP, RosFrames.ODOM, 0, 0, 0),
                RosFrames.planar(sensed, RosFrames.ODOM, RosFrames.BASE_LINK, od[0], od[1], od[2]))));
        float[] imu = step.observation().imu();
        out.imu.publish(SimMessages.imu(sensed, imu[0], imu[1], imu[2], e.dynamics().imuNoiseStd()));
        if (scanDue) {
            out.scan.publish(SimMessages.scan(e.robot().lidar(), step.observation().lidar(), sensed,
                    1 / scenario.limits().controlRate()));
        }
    }

    private void publishCamera(Out out, CameraFrame frame, long stampNanos, byte[] depthBytes) {
        Time t = SimMessages.time(Math.max(0, stampNanos));
        int w = camera.width();
        int h = camera.height();
        CameraInfo ci = SimMessages.cameraInfo(camera, t);
        out.image.publish(SimMessages.rgb(w, h, frame.rgb(), t));
        out.info.publish(ci);
        out.depth.publish(SimMessages.depth(w, h, frame.measuredDepth(), t, depthBytes));
        out.depthInfo.publish(ci);
    }
}
