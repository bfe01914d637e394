package dev.wayfinder.studio.sim;

import dev.wayfinder.policy.eval.TrainedModel;
import dev.wayfinder.policy.rollout.TrainedPolicy;
import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.render.RenderException;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.sim.GlCameraSensor;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.sim.camera.CameraSensor;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.Truncation;
import dev.wayfinder.sim.core.World;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.Env;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.EpisodeSource;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.env.Observation;
import dev.wayfinder.sim.env.StepInfo;
import dev.wayfinder.sim.env.StepResult;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.eval.PerturbedStarts;
import dev.wayfinder.sim.eval.Policy;
import dev.wayfinder.sim.expert.Expert;
import dev.wayfinder.sim.expert.GlobalPlanner;
import dev.wayfinder.sim.record.Recorder;
import dev.wayfinder.sim.record.Recording;
import dev.wayfinder.sim.record.RecordingFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one simulated episode on a thread of its own: a physics-sim {@link NavEnv} with the robot camera rendered by
 * rendering's {@link GlCameraSensor} (its OpenGL context lives on this thread), driven by the expert, a trained model
 * or the keyboard. Play paces the steps at the scenario's control rate times the speed; step, reset, speed and driver
 * are commands queued to the thread, so every method here returns at once and may be called from any thread. After
 * each reset and step a {@link SimFrame} goes to the sink, on this runner's thread.
 *
 * <p>The runner simulates the scenario it was last given ({@link #load}); it never changes it. Episodes come from
 * {@link PerturbedStarts} as in {@code wayfinder sim run}: seed 0 is the scenario's nominal episode; or, when
 * {@linkplain #setRandomized randomized}, from domain randomization as in {@code sim run --randomize}.
 */
public final class SimulationRunner implements AutoCloseable {
    /** Route replanning for drivers other than the expert (which has its own), in steps. */
    private static final int REPLAN_EVERY = 5;

    private final Consumer<SimFrame> sink;
    private final FrameHandoff pictures;
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile int teleopAction = -1;
    private volatile long stepsTaken;
    private final java.util.concurrent.atomic.AtomicReference<Scenario> pendingScenario =
            new java.util.concurrent.atomic.AtomicReference<>();

    // Everything below belongs to the runner's thread.
    private Renderer renderer;
    private String cameraError = "";
    private NavEnv env;
    private Scenario scenario;
    private long seed;
    private boolean randomized;
    /** Whether the model's shield tracks moving obstacles ({@link #setMovers}). */
    private boolean movers;
    private Observation observation;
    private Policy policy;
    private Expert expert;
    private Driver driver = Driver.EXPERT;
    private Optional<Path> modelPath = Optional.empty();
    private TrainedModel model;
    private Path modelLoaded;
    private String driverError = "";
    private boolean playing;
    private double speed = 1;
    private long nextDue;
    private long sequence;
    private EpisodeStatus status = EpisodeStatus.READY;
    private String detail = "";
    private List<Vec2> route = List.of();
    private GlobalPlanner.Cache planCache = new GlobalPlanner.Cache();
    private final double[] pose = new double[7];
    private RecordingFolder recordFolder;
    private Consumer<Recorded> recordEvents = r -> { };
    private Recorder recorder;
    private double recordShortest;
    private StepInfo recordLast;

    /**
     * What became of a recording: written (its file) or not (why).
     *
     * @param file    the recording written, empty when it failed
     * @param message what was written where, or why it could not be
     */
    public record Recorded(Optional<Path> file, String message) {
        public Recorded {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(message, "message");
        }

        /** Whether it failed. */
        public boolean failed() {
            return file.isEmpty();
        }
    }

    /**
     * Starts the runner's thread; nothing is simulated before the first {@link #load}.
     *
     * @param sink receives every frame, on the runner's thread (keep it short)
     */
    public SimulationRunner(Consumer<SimFrame> sink) {
        this(sink, null);
    }

    /**
     * Starts the runner's thread; the camera pictures of its frames are recycled through {@code pictures} (see
     * {@link FrameHandoff}: a frame's pictures stay valid only while it is the one shown), or new for every frame
     * when it is null.
     *
     * @param sink receives every frame, on the runner's thread (keep it short)
     */
    public SimulationRunner(Consumer<SimFrame> sink, FrameHandoff pictures) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.pictures = pictures;
        thread = new Thread(this::loop, "studio-simulation");
        thread.setDaemon(true);
        thread.start();
    }

    /** Simulates {@code s} from now on: a new env, reset with the current seed; stops playing. */
    public void load(Scenario s) {
        Objects.requireNonNull(s, "scenario");
        // A drag in the editor loads a scenario per pointer move: only the newest one waiting is simulated.
        pendingScenario.set(s);
        post(() -> {
            Scenario newest = pendingScenario.getAndSet(null);
            if (newest == null) {
                return;
            }
            playing = false;
            if (env != null && newest.equals(scenario)) {
                reset();
                return;
            }
            scenario = newest;
            rebuild();
        });
    }

    /** Steps at the control rate times the speed until paused or the episode ends. */
    public void play() {
        post(() -> {
            if (!status.over() && policyReady()) {
                playing = true;
                nextDue = System.nanoTime();
            }
        });
    }

    /** Stops stepping. */
    public void pause() {
        post(() -> playing = false);
    }

    /** Pauses and takes exactly one step (none when the episode is over). */
    public void step() {
        post(() -> {
            playing = false;
            if (!status.over() && policyReady()) {
                stepOnce();
            }
        });
    }

    /** Pauses and starts the episode again from its first state. */
    public void reset() {
        post(() -> {
            playing = false;
            resetEpisode();
        });
    }

    /** The seed of the episodes reset from now on (0: the nominal episode). Takes effect at the next reset. */
    public void setSeed(long s) {
        post(() -> seed = s);
    }

    /**
     * Whether episodes are drawn with the scenario's domain randomization ({@code sim run --randomize}: the seed's
     * episode as {@code wayfinder randomize} draws it) instead of the nominal episode with perturbed start and goal.
     * Restarts the episode.
     */
    public void setRandomized(boolean on) {
        post(() -> {
            if (randomized == on) {
                return;
            }
            finishRecording();
            randomized = on;
            playing = false;
            if (env != null) {
                rebuild();
            }
        });
    }

    /**
     * Whether the trained model's safety shield also tracks moving obstacles in the depth camera's frames and keeps
     * clear of where they are going ({@code --shield-movers}); restarts the episode when the model drives.
     */
    public void setMovers(boolean on) {
        post(() -> {
            if (movers == on) {
                return;
            }
            movers = on;
            if (env != null && driver == Driver.MODEL) {
                finishRecording();
                playing = false;
                makePolicy();
                resetEpisode();
            }
        });
    }

    /** Simulated seconds per wall-clock second; {@link Double#POSITIVE_INFINITY} steps as fast as possible. */
    public void setSpeed(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + factor);
        }
        post(() -> {
            speed = factor;
            nextDue = System.nanoTime();
        });
    }

    /**
     * Who drives from the next step on; the episode restarts so the driver starts where an episode starts.
     *
     * @param model the model folder for {@link Driver#MODEL} (ignored otherwise)
     */
    public void setDriver(Driver d, Optional<Path> model) {
        Objects.requireNonNull(d, "driver");
        Objects.requireNonNull(model, "model");
        post(() -> {
            finishRecording();
            driver = d;
            modelPath = model;
            playing = false;
            if (env != null) {
                makePolicy();
                resetEpisode();
            }
        });
    }

    /**
     * Records episodes into {@code folder} from now on, as {@code wayfinder sim run --record} does (one recording per
     * episode and the folder's {@code episodes.csv}, through physics-sim's {@link RecordingFolder}, kept and added
     * to): the episode standing at its start now, else the next one from its reset. An episode is written when it
     * ends, and when it is left before its end (reset, another scenario, seed or driver, recording turned off,
     * closing) with the steps it took. Empty turns recording off. {@code events} hears of every recording written
     * and every failure, on the runner's thread; a failure turns recording off.
     */
    public void setRecording(Optional<Path> folder, Consumer<Recorded> events) {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(events, "events");
        post(() -> {
            finishRecording();
            recordFolder = null;
            recordEvents = events;
            if (folder.isEmpty()) {
                return;
            }
            try {
                recordFolder = RecordingFolder.continued(folder.get());
            } catch (IOException e) {
                events.accept(new Recorded(Optional.empty(), "cannot record into " + folder.get() + ": "
                        + e.getMessage()));
                return;
            }
            if (env != null && observation != null && env.state().steps() == 0) {
                startRecording();
            }
        });
    }

    private void startRecording() {
        recorder = new Recorder(env.config());
        recorder.start(env, seed);
        recordLast = null;
        try {
            recordShortest = GlobalPlanner.shortestPathLength(env.world());
        } catch (RuntimeException e) {
            recordShortest = 0;
        }
    }

    /** Writes the episode being recorded, if it took a step; forgets it either way. */
    private void finishRecording() {
        Recorder r = recorder;
        recorder = null;
        if (r == null || recordLast == null || recordFolder == null) {
            return;
        }
        Recording rec = r.finish();
        EpisodeOutcome o = EpisodeOutcome.of(rec.scenarioName(), rec.seed(), recordLast, recordShortest);
        String who = switch (driver) {
            case EXPERT -> "expert";
            case TELEOP -> "keyboard";
            case MODEL -> modelPath.map(Path::toString).orElse("model");
        };
        try {
            Path f = recordFolder.add(who, randomized, o, rec);
            recordEvents.accept(new Recorded(Optional.of(f), "recorded " + f.getFileName() + " (" + rec.steps().size()
                    + " steps, " + (rec.outcome().equals("running") ? "stopped before its end" : rec.outcome())
                    + ") in " + recordFolder.dir()));
        } catch (IOException | RuntimeException e) {
            recordFolder = null;
            recordEvents.accept(new Recorded(Optional.empty(), e.getMessage()));
        }
    }

    /** The action the keyboard driver takes from now on (an index into the env's discrete actions). */
    public void setTeleopAction(int index) {
        teleopAction = index;
    }

    /** Control steps taken since the runner started, over all episodes (any thread). */
    public long stepsTaken() {
        return stepsTaken;
    }

    /** Stops the thread and frees the env and the renderer (on the runner's thread); waits up to 5 s. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void post(Runnable r) {
        if (!closed) {
            commands.add(r);
        }
    }

    private void loop() {
        try {
            while (!closed) {
                Runnable cmd;
                if (playing) {
                    long wait = nextDue - System.nanoTime();
                    cmd = wait > 0 ? commands.poll(wait, TimeUnit.NANOSECONDS) : commands.poll();
                } else {
                    cmd = commands.take();
                }
                if (cmd != null) {
                    cmd.run();
                    continue;
                }
                if (playing && System.nanoTime() >= nextDue) {
                    stepOnce();
                    long period = Double.isInfinite(speed) ? 0
                            : (long) (env.world().controlPeriodNanos() / speed);
                    nextDue += period;
                    long now = System.nanoTime();
                    if (nextDue < now - 2 * period) {
                        // Fell behind (a slow step): keep the pace from now on instead of catching up in a burst.
                        nextDue = now;
                    }
                }
            }
        } catch (InterruptedException e) {
            // close() ends the loop.
        } finally {
            finishRecording();
            if (env != null) {
                env.close();
            }
            if (renderer != null) {
                renderer.close();
            }
        }
    }

    private void rebuild() {
        finishRecording();
        if (env != null) {
            env.close();
            env = null;
        }
        if (renderer == null && cameraError.isEmpty()) {
            try {
                renderer = Renderer.create();
            } catch (RenderException | UnsatisfiedLinkError | NoClassDefFoundError e) {
                cameraError = "no robot camera: " + e.getMessage();
            }
        }
        try {
            Optional<CameraSensor> camera = renderer == null ? Optional.empty()
                    : Optional.of(new GlCameraSensor(renderer, scenario.robot().camera()));
            env = new NavEnv(episodes(scenario, randomized), EnvConfig.DISCRETE, camera);
        } catch (RuntimeException e) {
            env = null;
            publishError("cannot simulate " + scenario.name() + ": " + e.getMessage());
            return;
        }
        makePolicy();
        resetEpisode();
    }

    /** The episodes of {@code s}: drawn by domain randomization, or the nominal one with perturbed starts. */
    static EpisodeSource episodes(Scenario s, boolean randomized) {
        return randomized ? seed -> Randomizer.draw(s, seed, 1.0).episode() : PerturbedStarts.of(s);
    }

    private void makePolicy() {
        expert = null;
        policy = null;
        driverError = "";
        switch (driver) {
            case EXPERT -> {
                expert = new Expert(EnvConfig.DISCRETE);
                Expert e = expert;
                policy = new Policy() {
                    @Override
                    public void reset(Env en, long s) {
                        e.reset();
                    }

                    @Override
                    public Action act(Env en, Observation o) {
                        return e.act(en.world(), en.state());
                    }
                };
            }
            case TELEOP -> policy = new Policy() {
                @Override
                public void reset(Env en, long s) {
                    teleopAction = EnvConfig.DISCRETE.actions().indexOf("stop");
                }

                @Override
                public Action act(Env en, Observation o) {
                    int a = teleopAction;
                    return new Action.Discrete(a < 0 ? EnvConfig.DISCRETE.actions().indexOf("stop") : a);
                }
            };
            case MODEL -> {
                if (modelPath.isEmpty()) {
                    driverError = "no trained model to drive with: none is shipped here; choose a model folder";
                    return;
                }
                if (renderer == null) {
                    driverError = "a trained model needs the robot camera, and " + cameraError;
                    return;
                }
                try {
                    Path p = modelPath.get();
                    if (model == null || !p.equals(modelLoaded)) {
                        model = TrainedModel.load(p);
                        modelLoaded = p;
                    }
                    policy = new TrainedPolicy(model.weights(), scenario, model.sensors(),
                            Optional.of(SafetyShield.Settings.DEFAULT.withMovers(movers
                                    && model.sensors().depthCamera())), seed);
                } catch (IOException | RuntimeException e) {
                    driverError = "cannot drive with the model " + modelPath.get() + ": " + e.getMessage();
                }
            }
        }
    }

    private boolean policyReady() {
        return env != null && policy != null;
    }

    private void resetEpisode() {
        finishRecording();
        if (env == null) {
            return;
        }
        try {
            observation = env.reset(seed).observation();
            if (policy != null) {
                policy.reset(env, seed);
            }
        } catch (RuntimeException e) {
            publishError("cannot reset the episode: " + e.getMessage());
            return;
        }
        if (recordFolder != null) {
            startRecording();
        }
        planCache = new GlobalPlanner.Cache();
        status = policy == null ? EpisodeStatus.ERROR : EpisodeStatus.READY;
        detail = policy == null ? driverError : cameraError;
        route = plannedRoute(true);
        publish(env.world(), env.state(), null);
    }

    private void stepOnce() {
        StepResult r;
        Action a;
        try {
            a = policy.act(env, observation);
            r = env.step(a);
        } catch (RuntimeException e) {
            playing = false;
            publishError("the " + driver.label().toLowerCase(java.util.Locale.ROOT) + " driver failed: "
                    + e.getMessage());
            return;
        }
        observation = r.observation();
        stepsTaken++;
        StepInfo info = r.info();
        if (recorder != null) {
            recorder.step(a, r);
            recordLast = info;
        }
        if (r.done()) {
            playing = false;
            if (info.success()) {
                status = EpisodeStatus.SUCCESS;
                detail = "";
            } else if (info.collision()) {
                status = EpisodeStatus.COLLISION;
                detail = info.collidedWith() == null ? "" : "with " + info.collidedWith();
            } else if (info.truncation() == Truncation.TIME_LIMIT) {
                status = EpisodeStatus.TIME_LIMIT;
                detail = "";
            } else {
                status = EpisodeStatus.DIVERGED;
                detail = info.truncation().toString();
            }
        } else {
            status = EpisodeStatus.RUNNING;
        }
        route = plannedRoute(false);
        publish(env.world(), env.state(), info);
        if (r.done()) {
            finishRecording();
        }
    }

    private List<Vec2> plannedRoute(boolean fresh) {
        if (expert != null) {
            // The expert plans on its first action; show the plan it will follow.
            return expert.path().map(p -> p.points())
                    .orElseGet(() -> fresh ? plan() : List.of());
        }
        return fresh || env.state().steps() % REPLAN_EVERY == 0 ? plan() : route;
    }

    private List<Vec2> plan() {
        try {
            return GlobalPlanner.plan(env.world(), env.state(), planCache).map(p -> p.points()).orElse(List.of());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private void publish(World world, SimState state, StepInfo info) {
        int n = world.bodyCount();
        double[] poses = new double[3 * n];
        for (int b = 0; b < n; b++) {
            state.bodyPose(b, pose);
            poses[3 * b] = pose[0];
            poses[3 * b + 1] = pose[1];
            poses[3 * b + 2] = state.bodyYaw(b);
        }
        Episode e = world.episode();
        Optional<CameraImages> cam = observation.camera().map(f -> {
            int[] size = policyInputSize(f.width(), f.height());
            return pictures == null ? CameraImages.of(f, size[0], size[1], depthRange(e))
                    : pictures.cameraImages(f, size[0], size[1], depthRange(e));
        });
        var g = e.goal();
        sink.accept(new SimFrame(++sequence, e, state.steps(), state.timeNanos(), status, detail, poses,
                state.lidarRanges().clone(), state.contactPoints(), route, cam, Math.hypot(g.x() - state.robotX(), g.y() - state.robotY())));
    }

    private int[] policyInputSize(int cameraWidth, int cameraHeight) {
        if (model == null && modelPath.isPresent() && driverError.isEmpty()) {
            try {
                model = TrainedModel.load(modelPath.get());
                modelLoaded = modelPath.get();
            } catch (IOException | RuntimeException e) {
                // Shown at the camera's size; choosing the model as driver says what is wrong with it.
            }
        }
        return model == null ? new int[] {cameraWidth, cameraHeight}
                : new int[] {model.weights().spec().width(), model.weights().spec().height()};
    }

    /** Depth colours span what the room can show: its diagonal, at most the camera's far plane. */
    public static double depthRange(Episode e) {
        return Math.min(e.robot().camera().far(), 2 * Math.hypot(e.arena().halfX(), e.arena().halfY()));
    }

    private void publishError(String message) {
        playing = false;
        status = EpisodeStatus.ERROR;
        detail = message;
        if (env != null && observation != null) {
            publish(env.world(), env.state(), null);
        } else {
            sink.accept(new SimFrame(++sequence, null, 0, 0, status, detail, new double[0], new float[0], new float[0],
                    List.of(),
                    Optional.empty(), Double.NaN));
        }
    }
}
