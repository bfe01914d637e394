package dev.wayfinder.deploy;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.RobotDescription;
import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.robot.RobotObservation.DepthImage;
import dev.wayfinder.robot.RobotObservation.Goal;
import dev.wayfinder.robot.RobotObservation.RgbImage;
import dev.wayfinder.robot.RobotPolicy;
import dev.wayfinder.robot.net.Features;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.robot.perception.DepthObstacles;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.msg.Bool;
import dev.wayfinder.ros.msg.CameraInfo;
import dev.wayfinder.ros.msg.Clock;
import dev.wayfinder.ros.msg.CompressedImage;
import dev.wayfinder.ros.msg.Header;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.OccupancyGrid;
import dev.wayfinder.ros.msg.Odometry;
import dev.wayfinder.ros.msg.PoseStamped;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.TFMessage;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.TwistStamped;
import dev.wayfinder.ros.msg.Vector3;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The robot-side policy on ROS 2 topics. Receive callbacks only decode and check messages and hand the newest camera
 * frame to the policy thread ({@link FrameHandoff}; older frames are dropped and counted); the policy thread runs
 * {@link RobotPolicy} on the frames a {@link DecisionPacer} chooses for the model's decision rate (the others are
 * skipped and counted) and publishes each decision's command at once; a control thread publishes the latest command
 * whenever a control period passes without one, so commands go out on every decision and at least at the control
 * rate. Every command goes through the command limiter, or is zero when the watchdog, the e-stop, the goal check or a
 * refusal says so. {@link #close} (and so Ctrl-C through the caller's shutdown hook) publishes zero before it leaves.
 */
public final class DeployNode implements AutoCloseable {
    private static final long NOT_SEEN = Long.MIN_VALUE;
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;
    private static final long STATUS_EVERY_NANOS = 1_000_000_000L;

    /**
     * A checked camera frame: its stamp, and its pixels converted by the policy thread only when it decides on it (a
     * raw image into the policy thread's one recycled array: nothing keeps the image after its decision).
     */
    private record Frame(long stampNanos, java.util.function.Function<byte[], RgbImage> pixels) {
        RgbImage image(byte[] reuse) {
            return pixels.apply(reuse);
        }
    }

    /**
     * Sees each decision and each first publication of a decision, with the image stamp it came from, on the node's
     * clock (for benchmarks: the metrics' histograms are approximations).
     */
    public interface Probe {
        /**
         * The receive thread accepted an image (checked, handed to the policy thread).
         *
         * @param imageStampNanos the image's stamp
         * @param atNanos the node's clock when it was accepted
         */
        default void received(long imageStampNanos, long atNanos) {
        }

        /**
         * The policy thread decided on an image.
         *
         * @param imageStampNanos the image's stamp
         * @param atNanos the node's clock when the decision was ready
         */
        void decided(long imageStampNanos, long atNanos);

        /**
         * A decision's command was published for the first time.
         *
         * @param imageStampNanos the stamp of the image it was decided on
         * @param atNanos the node's clock at publication
         */
        void published(long imageStampNanos, long atNanos);
    }

    /** The latest decision of the policy thread. */
    private record Decision(int action, CommandLimiter.Velocity velocity, long imageStamp, String refusal,
                            boolean recovery) {
    }

    /** A depth image's obstacle profile, made on the receive thread when it arrived, for the camera it was made in. */
    private record PreparedDepth(DepthImage depth, CameraModel camera, DepthObstacles.Snapshot profile) {
    }

    private final Node node;
    private final DeployModel model;
    private final DeploySettings settings;
    private final PrintWriter log;
    private final DeployMetrics metrics;
    private final ObservationAssembler assembler;
    private final FrameHandoff<Frame> frames = new FrameHandoff<>();
    private final Watchdog watchdog;
    private final EStop eStop;
    private final CommandLimiter limiter;
    private final GoalCheck goalCheck;
    private final InferencePolicy net;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Publisher<TwistStamped> stampedOut;
    private final Publisher<Twist> plainOut;
    private final Publisher<Bool> goalReachedOut;
    private final Publisher<StringMessage> watchdogOut;
    private final Publisher<StringMessage> actionOut;
    /** Whether the shield's planner recovery chose the command (the robot was stuck). */
    private final Publisher<Bool> recoveryOut;
    private final Thread controlThread;
    private final Thread policyThread;
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong depthPrepared = new AtomicLong();
    /** Held by whoever publishes a command: the control thread, the policy thread after a decision, close. */
    private final ReentrantLock control = new ReentrantLock();
    private final Condition rescheduled = control.newCondition();
    private final long controlPeriod;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<Refusal.Reason, long[]> logged = new EnumMap<>(Refusal.Reason.class);
    private final long start = System.nanoTime();
    private volatile Probe probe;
    /** The receive thread's own profiler: depth images are profiled as they arrive, ahead of their colour image. */
    private final DepthObstacles depthProfiler = new DepthObstacles();
    /** The newest depth image's profile; the policy thread takes it when its observation carries that image. */
    private volatile PreparedDepth preparedDepth;
    /** The strips the policy reads of the depth profile; 0 before its first decision or when it reads none. */
    private volatile int depthStrips;

    // Shared between the threads; guarded by this.
    private Decision decision;
    private boolean decisionPublished = true;
    private long simClock = NOT_SEEN;
    private long lastImageStamp = NOT_SEEN;
    private long policyEpoch;
    private String lastState = "";

    // Guarded by control.
    private long nextControl;
    private long lastDecisionMono = NOT_SEEN;
    private long lastCommandMono = NOT_SEEN;
    private long lastWall = NOT_SEEN;
    private long lastWallMono;
    private long lastStatusAt = NOT_SEEN;
    private long lastReportAt = System.nanoTime();
    private String lastAction = "";
    private Boolean lastReached;
    private Boolean lastRecovery;

    // The policy thread's own.
    private RobotPolicy.Runner runner;
    private long runnerGeneration = -1;
    private long runnerEpoch = -1;
    private int runnerStrips = -1;

    private DeployNode(Node node, DeployModel model, DeploySettings settings, PrintWriter log) {
        this.node = node;
        this.model = model;
        this.settings = settings;
        this.log = log;
        this.metrics = new DeployMetrics();
        RobotConfig robot = model.robot();
        boolean shieldOnCamera = settings.shield().map(s -> s.source() == SafetyShield.DepthSource.CAMERA)
                .orElse(false);
        boolean routeOnMap = model.spec().followsRoute() && settings.useMap();
        boolean routeOnDepth = model.spec().followsRoute() && !settings.useMap();
        if (routeOnDepth && !model.obstacleLayer()) {
            throw new IllegalArgumentException("this model follows a route (look-ahead " + model.spec().routeLookahead()
                    + " m) and needs the static map, or a depth camera and an obstacle layer to map with");
        }
        boolean plannerOnDepth = model.spec().plannerInputs();
        if ((shieldOnCamera || routeOnDepth || plannerOnDepth) && settings.topics().depth().isEmpty()) {
            throw new IllegalArgumentException("the " + (shieldOnCamera ? "shield" : plannerOnDepth ? "local planner"
                    : "route") + " reads the depth"
                    + " camera, but no depth topic is set");
        }
        this.assembler = new ObservationAssembler(new ObservationAssembler.Settings(robot.mount(),
                shieldOnCamera || routeOnDepth || plannerOnDepth, routeOnMap, settings.watchdog().staleNanos(),
                settings.frames().odom(), settings.frames().map(), settings.identityMapTf()));
        Set<Watchdog.Input> watched = EnumSet.of(Watchdog.Input.IMAGE, Watchdog.Input.ODOMETRY,
                Watchdog.Input.DECISION);
        if (settings.simTime()) {
            watched.add(Watchdog.Input.CLOCK);
        }
        this.watchdog = new Watchdog(settings.watchdog(), watched,
                Map.of(Watchdog.Input.DECISION, (long) (1e9 / settings.decisionRate())));
        this.eStop = new EStop(settings.eStopHeartbeatNanos(), System.nanoTime());
        this.limiter = new CommandLimiter(robot.limits());
        this.goalCheck = new GoalCheck(robot.goalTolerance());
        this.net = new InferencePolicy(model.weights(), 1);
        if (settings.warmupSeconds() > 0) {
            // Before anything is subscribed: the robot gets nothing (and its controller's own timeout holds it) until
            // the decision is compiled, instead of late commands from cold code.
            PolicyWarmup.Result w = PolicyWarmup.run(model, net, strips -> new RobotPolicy(model.spec(),
                    robot.description(), settings.shield(), settings.seed(), strips, model.obstacleLayer()),
                    settings.warmupSeconds());
            log.printf(java.util.Locale.ROOT, "warm-up: %d decisions on a synthetic room in %.1f s; a 640x480 decision"
                    + " now takes %.2f ms%n", w.decisions(), w.nanos() / 1e9, w.lastNanos() / 1e6);
            log.flush();
        }
        settings.goal().ifPresent(g -> {
            try {
                assembler.goal(g.x(), g.y(), settings.frames().odom());
            } catch (Refusal r) {
                throw new IllegalArgumentException("--goal: " + r.getMessage());
            }
        });
        metrics.counter("wayfinder.deploy.frames.dropped", "camera frames replaced by a newer one before the policy"
                + " took them", frames, FrameHandoff::dropped);
        metrics.counter("wayfinder.deploy.watchdog.trips", "changes from ok to tripped", watchdog,
                w -> { synchronized (w) { return w.trips(); } });
        metrics.counter("wayfinder.deploy.estop.engagements", "e-stop engagements (topic or silent heartbeat)", eStop,
                EStop::engagements);

        DeploySettings.Topics t = settings.topics();
        QosProfile commandQos = QosProfile.DEFAULT;
        QosProfile latched = QosProfile.LATCHED;
        if (settings.stamped()) {
            stampedOut = node.publisher(TwistStamped.TYPE, t.cmdVel(), commandQos);
            plainOut = null;
        } else {
            plainOut = node.publisher(Twist.TYPE, t.cmdVel(), commandQos);
            stampedOut = null;
        }
        goalReachedOut = node.publisher(Bool.TYPE, t.status() + "/goal_reached", latched);
        watchdogOut = node.publisher(StringMessage.TYPE, t.status() + "/watchdog", latched);
        actionOut = node.publisher(StringMessage.TYPE, t.status() + "/action", latched);
        recoveryOut = node.publisher(Bool.TYPE, t.status() + "/recovery", latched);

        QosProfile sensor = settings.imagesReliable() ? QosProfile.SENSOR_DATA.withReliable() : QosProfile.SENSOR_DATA;
        if (t.compressed()) {
            subscriptions.add(node.subscription(CompressedImage.TYPE, t.imageTopic(), sensor, this::onCompressed));
        } else {
            subscriptions.add(node.subscription(Image.TYPE, t.imageTopic(), sensor, this::onImage));
        }
        subscriptions.add(node.subscription(CameraInfo.TYPE, t.cameraInfo(), QosProfile.SENSOR_DATA,
                m -> guard(() -> assembler.cameraInfo(m))));
        if (!t.depth().isEmpty() && (shieldOnCamera || routeOnDepth || model.obstacleLayer())) {
            subscriptions.add(node.subscription(Image.TYPE, t.depth(), sensor, this::onDepth));
        }
        subscriptions.add(node.subscription(Odometry.TYPE, t.odom(), QosProfile.SENSOR_DATA, this::onOdometry));
        subscriptions.add(node.subscription(PoseStamped.TYPE, t.goal(), QosProfile.DEFAULT, this::onGoal));
        if (routeOnMap) {
            subscriptions.add(node.subscription(OccupancyGrid.TYPE, t.map(), QosProfile.LATCHED,
                    m -> guard(() -> assembler.map(m))));
            subscriptions.add(node.subscription(TFMessage.TYPE, t.tf(), QosProfile.DEFAULT.withDepth(100),
                    m -> guard(() -> assembler.tf(m))));
        }
        subscriptions.add(node.subscription(Bool.TYPE, t.eStop(), QosProfile.DEFAULT,
                m -> eStop.message(m.data(), System.nanoTime())));
        if (settings.simTime()) {
            subscriptions.add(node.subscription(Clock.TYPE, t.clock(), QosProfile.CLOCK, this::onClock));
        }

        metrics.counter("wayfinder.deploy.depth.prepared", "decisions that read their depth image's obstacle profile"
                + " made when the depth image arrived", depthPrepared, AtomicLong::get);
        metrics.counter("wayfinder.deploy.frames.skipped", "camera frames the policy did not decide on, to keep to"
                + " its decision rate", skipped, AtomicLong::get);
        controlPeriod = Math.round(1e9 / settings.controlRate());
        policyThread = new Thread(this::policyLoop, "wayfinder-deploy-policy");
        policyThread.setDaemon(true);
        controlThread = new Thread(this::controlLoop, "wayfinder-deploy-control");
        controlThread.setDaemon(true);
    }

    /**
     * Starts the node's work on {@code node} (which it closes with itself).
     *
     * @param log where refusals, watchdog changes and the periodic summary go
     * @throws IllegalArgumentException when the model and the settings do not fit together
     */
    public static DeployNode start(Node node, DeployModel model, DeploySettings settings, PrintWriter log) {
        DeployNode d = new DeployNode(Objects.requireNonNull(node, "node"), Objects.requireNonNull(model, "model"),
                Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(log, "log"));
        d.policyThread.start();
        d.controlThread.start();
        return d;
    }

    /** The metrics. */
    public DeployMetrics metrics() {
        return metrics;
    }

    /** Sets the probe that sees decisions and publications (null: none). */
    public void probe(Probe p) {
        this.probe = p;
    }

    /** Frames dropped at the hand-off so far. */
    public long droppedFrames() {
        return frames.dropped();
    }

    /** Frames the policy did not decide on so far, to keep to its decision rate. */
    public long skippedFrames() {
        return skipped.get();
    }

    /** Decisions so far that read their depth image's obstacle profile made when it arrived. */
    public long depthPreparedDecisions() {
        return depthPrepared.get();
    }

    /** Watchdog trips so far. */
    public long watchdogTrips() {
        synchronized (watchdog) {
            return watchdog.trips();
        }
    }

    // ---- receive thread: decode, check, hand off -------------------------------------------------------------

    private void onImage(Image m) {
        guard(() -> {
            long stamp = m.header().stamp().toNanos();
            int[] size = expectedSize();
            ImageDecoder.Checked img = ImageDecoder.check(m.encoding(), m.width(), m.height(), m.step(),
                    m.dataBuffer(), stamp, size[0], size[1]);
            accept(stamp, new Frame(stamp, img::convert));
        });
    }

    private void onCompressed(CompressedImage m) {
        guard(() -> {
            int[] size = expectedSize();
            RgbImage img = ImageDecoder.decodeCompressed(m.format(), m.data(), m.header().stamp().toNanos(), size[0],
                    size[1]);
            accept(img.stampNanos(), new Frame(img.stampNanos(), reuse -> img));
        });
    }

    private int[] expectedSize() {
        Optional<CameraModel> c = assembler.camera();
        return c.map(cm -> new int[] {cm.width(), cm.height()}).orElse(new int[] {0, 0});
    }

    private void accept(long stamp, Frame img) throws Refusal {
        long now = clockNow();
        checkAge("image", stamp, now);
        synchronized (this) {
            if (lastImageStamp != NOT_SEEN && stamp < lastImageStamp) {
                throw new Refusal(Refusal.Reason.STAMP_BACKWARDS, String.format(Locale.ROOT,
                        "image stamped %.3f s before the previous one", (lastImageStamp - stamp) / 1e9));
            }
            lastImageStamp = stamp;
        }
        metrics.image();
        synchronized (watchdog) {
            watchdog.fresh(Watchdog.Input.IMAGE, System.nanoTime());
        }
        frames.offer(img);
        Probe p = probe;
        if (p != null) {
            p.received(stamp, now);
        }
    }

    private void onDepth(Image m) {
        guard(() -> {
            long stamp = m.header().stamp().toNanos();
            int[] size = expectedSize();
            DepthImage d = DepthDecoder.decode(m.encoding(), m.width(), m.height(), m.step(), m.isBigEndian(),
                    m.dataBuffer(), stamp, size[0], size[1]);
            checkAge("depth image", stamp, clockNow());
            assembler.depth(d);
            prepareDepth(d);
        });
    }

    /**
     * Profiles a depth image's obstacles here, on the receive thread, as soon as it arrives: an RGB-D camera sends depth
     * and colour for one instant, so the profile is made while the colour image is still on its way, and the decision
     * on it reads the profile instead of computing it ({@link RobotPolicy#prepareDepth}; the decision is the same).
     * On two cores the policy thread would not get to it before the colour image, so it is done here.
     */
    private void prepareDepth(DepthImage d) {
        int strips = depthStrips;
        Optional<CameraModel> camera = assembler.camera();
        if (strips == 0 || camera.isEmpty() || camera.get().width() != d.width() || camera.get().height() != d.height()) {
            return;
        }
        try {
            DepthObstacles.Snapshot profile;
            synchronized (depthProfiler) {
                profile = depthProfiler.snapshot(d, camera.get(), strips, Features.MAX_DEPTH);
            }
            preparedDepth = new PreparedDepth(d, camera.get(), profile);
        } catch (RuntimeException e) {
            // Nothing is kept from a failed profile: the decision profiles this image again and refuses it there.
        }
    }

    private void onOdometry(Odometry m) {
        guard(() -> {
            checkAge("odometry", m.header().stamp().toNanos(), clockNow());
            assembler.odometry(m);
            synchronized (watchdog) {
                watchdog.fresh(Watchdog.Input.ODOMETRY, System.nanoTime());
            }
        });
    }

    private void onGoal(PoseStamped m) {
        guard(() -> {
            Goal g = assembler.goal(m.pose().position().x(), m.pose().position().y(), m.header().frameId());
            log.printf(Locale.ROOT, "deploy: new goal (%.2f, %.2f) in %s%n", g.x(), g.y(), settings.frames().odom());
            log.flush();
        });
    }

    private void onClock(Clock m) {
        long t = m.clock().toNanos();
        boolean back;
        synchronized (this) {
            back = simClock != NOT_SEEN && t < simClock;
            simClock = t;
        }
        if (back) {
            clockJumpedBack(String.format(Locale.ROOT, "/clock jumped back to %.3f s", t / 1e9));
        }
        synchronized (watchdog) {
            watchdog.fresh(Watchdog.Input.CLOCK, System.nanoTime());
        }
    }

    /**
     * The clock went back (a simulation reset, a system clock step): stamps seen so far mean nothing now. Stops the
     * robot (a watchdog failure: zeros for the hold time), forgets the inputs and starts the policy afresh.
     */
    private void clockJumpedBack(String what) {
        refuse(new Refusal(Refusal.Reason.CLOCK_BACKWARDS, what + "; inputs forgotten, the policy starts afresh"));
        synchronized (watchdog) {
            watchdog.fail("clock jumped back", System.nanoTime());
            watchdog.forgetInputs();
        }
        frames.clear();
        preparedDepth = null;
        assembler.forgetStamped();
        synchronized (this) {
            lastImageStamp = NOT_SEEN;
            decision = null;
            policyEpoch++;
        }
    }

    private void checkAge(String what, long stamp, long now) throws Refusal {
        long limit = settings.watchdog().staleNanos();
        if (settings.simTime() && now == NOT_SEEN) {
            throw new Refusal(Refusal.Reason.INPUT_MISSING, what + " before the first /clock message (sim time)");
        }
        long age = now - stamp;
        if (age > limit || age < -limit) {
            throw new Refusal(Refusal.Reason.STAMP_STALE, String.format(Locale.ROOT,
                    "%s stamped %.3f s %s the node's clock (limit %.3f s)%s", what, Math.abs(age) / 1e9,
                    age > 0 ? "behind" : "ahead of", limit / 1e9, settings.simTime() ? ""
                            : "; are the robot's and this machine's clocks synchronised?"));
        }
    }

    private synchronized long clockNow() {
        if (settings.simTime()) {
            return simClock;
        }
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private interface Check {
        void run() throws Refusal;
    }

    /** Runs a receive-side check: a refusal is counted and logged, anything else logged; never thrown on. */
    private void guard(Check c) {
        try {
            c.run();
        } catch (Refusal r) {
            refuse(r);
        } catch (RuntimeException e) {
            refuse(new Refusal(Refusal.Reason.INPUT_MISSING, "message not usable: " + e));
        }
    }

    private void refuse(Refusal r) {
        metrics.refused(r.reason());
        long now = System.nanoTime();
        String line = null;
        synchronized (logged) {
            long[] l = logged.computeIfAbsent(r.reason(), k -> new long[] {NOT_SEEN, 0});
            l[1]++;
            if (l[0] == NOT_SEEN || now - l[0] >= LOG_EVERY_NANOS) {
                line = "deploy: refused (" + r.reason().key() + (l[1] > 1 ? ", " + l[1] + " since last said" : "")
                        + "): " + r.getMessage();
                l[0] = now;
                l[1] = 0;
            }
        }
        if (line != null) {
            synchronized (log) {
                log.println(line);
                log.flush();
            }
        }
    }

    // ---- policy thread ----------------------------------------------------------------------------------------

    private void policyLoop() {
        DecisionPacer pacer = new DecisionPacer(settings.decisionRate());
        // The raw images' pixels, converted into the same array frame after frame (about 0.9 MB at 640x480 that the
        // collector would otherwise see 30 times a second).
        byte[] pixels = null;
        try {
            while (!closed.get()) {
                Frame f = frames.take(100, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                // By its stamp: a frame skipped for the decision rate is never converted.
                if (!pacer.take(f.stampNanos())) {
                    skipped.incrementAndGet();
                    continue;
                }
                RgbImage image = f.image(pixels);
                pixels = image.rgb();
                if (decide(image)) {
                    // The decision's command goes out now, not at the next control period.
                    control.lock();
                    try {
                        if (!closed.get()) {
                            tick();
                            lastDecisionMono = System.nanoTime();
                            nextControl = lastDecisionMono + controlPeriod;
                            rescheduled.signal();
                        }
                    } finally {
                        control.unlock();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Decides on {@code img}; false when the decision was overtaken by a reset and dropped. */
    private boolean decide(RgbImage img) {
        long epoch;
        synchronized (this) {
            epoch = policyEpoch;
        }
        Decision d;
        try {
            RobotObservation o = assembler.assemble(img);
            long generation = assembler.goalGeneration();
            // The shield's memory reads as many strips of the depth profile as the camera is wide (at most 64): a new
            // camera width needs a new policy.
            if (runner == null || runnerStrips != Math.min(RobotPolicy.CAMERA_STRIPS, o.camera().width())) {
                runnerStrips = Math.min(RobotPolicy.CAMERA_STRIPS, o.camera().width());
                runner = new RobotPolicy.Runner(new RobotPolicy(model.spec(), model.robot().description(),
                        settings.shield(), settings.seed(), runnerStrips, model.obstacleLayer()), net);
                runnerGeneration = generation;
                runnerEpoch = epoch;
            } else if (generation != runnerGeneration || epoch != runnerEpoch) {
                runner.policy().reset();
                runnerGeneration = generation;
                runnerEpoch = epoch;
            }
            depthStrips = runner.policy().readsDepthProfile() ? runner.policy().depthStrips() : 0;
            PreparedDepth pd = preparedDepth;
            if (pd != null && o.depth().isPresent() && o.depth().get() == pd.depth() && o.camera().equals(pd.camera())
                    && pd.profile().strips() == runner.policy().depthStrips()) {
                runner.policy().prepareDepth(pd.depth(), pd.camera(), pd.profile());
                depthPrepared.incrementAndGet();
            }
            int a;
            try {
                a = runner.act(o);
            } catch (RuntimeException e) {
                String why = "inference failed: " + e;
                synchronized (watchdog) {
                    watchdog.fail(why, System.nanoTime());
                }
                runner.policy().reset();
                throw new Refusal(Refusal.Reason.INFERENCE_FAILED, why);
            }
            RobotDescription r = model.robot().description();
            d = new Decision(a, new CommandLimiter.Velocity(r.linear(a), r.angular(a)), img.stampNanos(), null,
                    runner.policy().recovering());
            metrics.decision();
            Probe p = probe;
            if (p != null) {
                p.decided(img.stampNanos(), clockNow());
            }
        } catch (Refusal r) {
            refuse(r);
            d = new Decision(-1, CommandLimiter.Velocity.ZERO, img.stampNanos(), r.getMessage(), false);
        }
        synchronized (this) {
            if (epoch != policyEpoch) {
                return false;
            }
            decision = d;
            decisionPublished = false;
        }
        synchronized (watchdog) {
            watchdog.fresh(Watchdog.Input.DECISION, System.nanoTime());
        }
        return true;
    }

    // ---- control ----------------------------------------------------------------------------------------------

    /**
     * Publishes whenever a control period passes without a command (decisions publish their own at once). When the
     * next decision is expected within half a period of a due step, the step waits for it, up to half a period, so a
     * decision just late does not get a hold command just before it: a 10 Hz policy under a 20 Hz control rate sends
     * 20 commands a second, not 30.
     */
    private void controlLoop() {
        long decisionPeriod = Math.round(1e9 / settings.decisionRate());
        control.lock();
        try {
            nextControl = System.nanoTime() + controlPeriod;
            while (!closed.get()) {
                boolean decisionDue = lastDecisionMono != NOT_SEEN
                        && Math.abs(lastDecisionMono + decisionPeriod - nextControl) <= controlPeriod / 2;
                long wait = nextControl + (decisionDue ? controlPeriod / 2 : 0) - System.nanoTime();
                if (wait > 0) {
                    rescheduled.awaitNanos(wait);
                    continue;
                }
                tick();
                long now = System.nanoTime();
                // Fixed rate, unless this step ran more than a period late.
                nextControl = nextControl + controlPeriod > now ? nextControl + controlPeriod : now + controlPeriod;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            control.unlock();
        }
    }

    /** One control step; the caller holds {@link #control}. */
    private void tick() {
        try {
            control();
        } catch (RuntimeException e) {
            // Never let the timer die: it is what sends zeros. Say why and send zero.
            log.println("deploy: control step failed: " + e);
            log.flush();
            publish(CommandLimiter.Velocity.ZERO, clockNow());
        }
    }

    private void control() {
        long mono = System.nanoTime();
        long now = clockNow();
        if (!settings.simTime()) {
            if (lastWall != NOT_SEEN && now < lastWall - 1_000_000L) {
                clockJumpedBack(String.format(Locale.ROOT, "the system clock jumped back %.3f s",
                        (lastWall + (mono - lastWallMono) - now) / 1e9));
            }
            lastWall = now;
            lastWallMono = mono;
        }
        Watchdog.State w;
        synchronized (watchdog) {
            w = watchdog.check(mono);
        }
        boolean stop = eStop.engaged(mono);
        Optional<RobotObservation.Odometry> odom = assembler.latestOdometry();
        Optional<Goal> goal = assembler.goal();
        boolean reached = goalCheck.update(assembler.goalGeneration(), odom.map(RobotObservation.Odometry::pose)
                .orElse(null), goal.orElse(null));
        Decision d;
        boolean first;
        synchronized (this) {
            d = decision;
            first = !decisionPublished;
            decisionPublished = true;
        }
        String state;
        CommandLimiter.Velocity out;
        if (stop) {
            state = eStop.why();
        } else if (!w.ok()) {
            state = "watchdog: " + w.reason();
        } else if (goal.isEmpty()) {
            state = "no goal";
        } else if (reached) {
            state = "goal reached";
        } else if (d == null) {
            state = "no decision yet";
        } else if (d.refusal() != null) {
            state = "refused: " + d.refusal();
        } else {
            state = "ok";
        }
        boolean zero = !state.equals("ok");
        // The limiter ramps over the time since the last command sent (up to a control period).
        double dt = lastCommandMono == NOT_SEEN ? controlPeriod / 1e9
                : Math.min(controlPeriod, Math.max(0, mono - lastCommandMono)) / 1e9;
        lastCommandMono = mono;
        out = zero ? limiter.stop() : limiter.limit(d.velocity(), dt);
        publish(out, now);
        metrics.command(zero);
        if (!zero && first && now != NOT_SEEN) {
            metrics.latency(now - d.imageStamp());
            Probe p = probe;
            if (p != null) {
                p.published(d.imageStamp(), now);
            }
        }
        String action = zero || d == null || d.action() < 0 ? "none"
                : model.robot().description().actions().get(d.action()).name();
        boolean recovered = !zero && d != null && d.recovery();
        status(mono, state, action, reached, recovered);
        if (settings.reportNanos() > 0 && mono - lastReportAt >= settings.reportNanos()) {
            lastReportAt = mono;
            String line = metrics.summary(mono, frames.dropped(), watchdogTrips(), state + ", action " + action
                    + (recovered ? " (planner recovery)" : ""));
            synchronized (log) {
                log.println(line);
                log.flush();
            }
        }
    }

    private void status(long mono, String state, String action, boolean reached, boolean recovery) {
        boolean due = lastStatusAt == NOT_SEEN || mono - lastStatusAt >= STATUS_EVERY_NANOS;
        // A watchdog reason changes its numbers every step; only a change of kind is news.
        boolean changed;
        synchronized (this) {
            changed = !kind(state).equals(kind(lastState));
            lastState = state;
        }
        if (changed) {
            synchronized (log) {
                log.println(state.equals("ok") ? "deploy: driving" : "deploy: stopped: " + state);
                log.flush();
            }
        }
        if (due || changed) {
            watchdogOut.publish(new StringMessage(state));
        }
        if (due || !action.equals(lastAction)) {
            actionOut.publish(new StringMessage(action));
            lastAction = action;
        }
        if (due || lastReached == null || lastReached != reached) {
            goalReachedOut.publish(new Bool(reached));
            lastReached = reached;
        }
        if (due || lastRecovery == null || lastRecovery != recovery) {
            recoveryOut.publish(new Bool(recovery));
            lastRecovery = recovery;
        }
        if (due) {
            lastStatusAt = mono;
        }
    }

    private static String kind(String state) {
        int colon = state.indexOf(':');
        return state.startsWith("watchdog: ") || state.startsWith("refused: ") ? state.substring(0, colon) : state;
    }

    private void publish(CommandLimiter.Velocity v, long now) {
        Twist t = new Twist(new Vector3(v.linear(), 0, 0), new Vector3(0, 0, v.angular()));
        if (stampedOut != null) {
            Time stamp = now == NOT_SEEN || now < 0 ? new Time(0, 0) : Time.ofNanos(now);
            stampedOut.publish(new TwistStamped(new Header(stamp, settings.frames().base()), t));
        } else {
            plainOut.publish(t);
        }
    }

    /**
     * Stops the timer and the policy, publishes zero (and waits up to half a second for reliable subscribers to
     * acknowledge it), and closes the node.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        frames.close();
        policyThread.interrupt();
        // Under the control lock: no command can follow this zero (the other publishers check closed under it).
        control.lock();
        try {
            rescheduled.signalAll();
            publish(CommandLimiter.Velocity.ZERO, clockNow());
            limiter.stop();
        } finally {
            control.unlock();
        }
        try {
            controlThread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long end = System.nanoTime() + 500_000_000L;
        Publisher<?> p = stampedOut != null ? stampedOut : plainOut;
        while (!p.allAcknowledged() && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Subscription s : subscriptions) {
            s.close();
        }
        try {
            policyThread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
        node.close();
    }
}
