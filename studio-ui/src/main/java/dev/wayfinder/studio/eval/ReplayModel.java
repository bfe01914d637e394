package dev.wayfinder.studio.eval;

import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.record.Recording;
import dev.wayfinder.sim.record.RecordingFile;
import dev.wayfinder.studio.sim.EpisodeStatus;
import dev.wayfinder.studio.sim.SimFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The replay of one recorded episode, scrubbed step by step: which step is shown, playing or paused, the outcome,
 * time and action at that step, and the robot camera's picture of it. Opening a recording reads and replays it once
 * on the I/O executor ({@link ReplayTrack}); the camera is drawn by a {@link ReplayCamera} thread at each step asked
 * for, the newest request winning, and its pictures come back through the FX executor, at most one pending. Every
 * method is called on the FX thread and none waits for the replay or the renderer.
 */
public final class ReplayModel implements AutoCloseable {
    private final Executor io;
    private final Executor fx;
    private final BiConsumer<String, String> errors;
    private final boolean camera;
    private ReplayCamera renderer;
    private final AtomicReference<ReplayCamera.Picture> pending = new AtomicReference<>();
    private final ReadOnlyObjectWrapper<ReplayTrack> track = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper lastStep = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("No episode open");
    private final ReadOnlyStringWrapper stepText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outcomeText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper cameraError = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SimFrame> frame = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper cameraStep = new ReadOnlyIntegerWrapper(-1);
    private long generation;
    private long frames;

    /**
     * @param io     where recordings are read and replayed
     * @param fx     the FX thread (tests: any executor that runs in order)
     * @param errors shows a failure to the user: what failed, and why
     * @param camera whether to render the robot camera (needs OpenGL)
     */
    public ReplayModel(Executor io, Executor fx, BiConsumer<String, String> errors, boolean camera) {
        this.io = io;
        this.fx = fx;
        this.errors = errors;
        this.camera = camera;
    }

    /** The replayed episode, or null before one is open. */
    public ReadOnlyObjectProperty<ReplayTrack> trackProperty() {
        return track.getReadOnlyProperty();
    }

    public ReplayTrack track() {
        return track.get();
    }

    /** The step shown: 0 is the episode's start, {@link #lastStepProperty()} its end. */
    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public int step() {
        return step.get();
    }

    public ReadOnlyIntegerProperty lastStepProperty() {
        return lastStep.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** Whether a recording is being read and replayed. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Which episode: scenario, seed, how it was drawn, the file. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Step, simulated time and the action that led to the step shown. */
    public ReadOnlyStringProperty stepTextProperty() {
        return stepText.getReadOnlyProperty();
    }

    /** How the episode ended, and whether its replay reproduced the recording. */
    public ReadOnlyStringProperty outcomeTextProperty() {
        return outcomeText.getReadOnlyProperty();
    }

    /** Why the camera shows nothing, or empty. */
    public ReadOnlyStringProperty cameraErrorProperty() {
        return cameraError.getReadOnlyProperty();
    }

    /** The newest camera picture as a simulation frame (for the camera panel), or null. */
    public ReadOnlyObjectProperty<SimFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    /** The step the camera picture shown was drawn at, -1 before the first. */
    public ReadOnlyIntegerProperty cameraStepProperty() {
        return cameraStep.getReadOnlyProperty();
    }

    /** The robot's x, y (metres) and yaw (radians) at the step shown; null before an episode is open. */
    public double[] robotPose() {
        ReplayTrack t = track.get();
        return t == null ? null : t.robotPose(step.get());
    }

    /**
     * Reads and replays {@code file} in the background and shows its first step; the scenario is the first of
     * {@code scenarios} (asked for on this thread: the one being edited) or the bundled scenario of the recorded name
     * that gives the recorded episode. Failures go to the error handler.
     */
    public void open(Path file, Supplier<List<Scenario>> scenarios) {
        List<Scenario> open = List.copyOf(scenarios.get());
        long gen = ++generation;
        playing.set(false);
        loading.set(true);
        io.execute(() -> {
            try {
                Recording r;
                try {
                    r = RecordingFile.read(file);
                } catch (IOException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
                List<Scenario> candidates = new ArrayList<>(open);
                if (ScenarioLibrary.contains(r.scenarioName())) {
                    try {
                        candidates.add(ScenarioLibrary.load(r.scenarioName()));
                    } catch (ScenarioException e) {
                        // The bundled files load; a broken build would show as "no scenario gives it" below.
                    }
                }
                ReplayTrack t;
                try {
                    t = ReplayTrack.replay(r, candidates);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
                }
                fx.execute(() -> {
                    if (gen == generation) {
                        loading.set(false);
                        show(t, file);
                    }
                });
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    if (gen == generation) {
                        loading.set(false);
                        errors.accept("Cannot replay " + file.getFileName(), e.getMessage());
                    }
                });
            }
        });
    }

    /** Shows {@code t} from its first step (FX thread). */
    public void show(ReplayTrack t, Path file) {
        playing.set(false);
        // Step 0 first: every episode has it, so views of the old track still draw while the new one is set.
        step.set(0);
        track.set(t);
        lastStep.set(t.lastStep());
        frame.set(null);
        cameraStep.set(-1);
        Recording r = t.recording();
        title.set(String.format(Locale.ROOT, "%s, seed %d (%s)%s", r.scenarioName(), r.seed(),
                t.randomized() ? "randomized" : "perturbed start", file == null ? "" : " \u2014 " + file.getFileName()));
        outcomeText.set(outcome(r.outcome()) + (t.firstMismatch() < 0 ? "; the replay reproduces it bit for bit"
                : "; the replay DIVERGES at step " + t.firstMismatch() + " (replayed: "
                        + outcome(t.replayedOutcome()) + ")"));
        showStep(0);
    }

    private static String outcome(String o) {
        return o.equals("success") ? "reached the goal" : o.startsWith("collision:") ? "collision with "
                + o.substring("collision:".length()) : o.replace('_', ' ');
    }

    /** Shows step {@code k}, clamped to the episode. */
    public void seek(int k) {
        ReplayTrack t = track.get();
        if (t == null) {
            return;
        }
        int s = Math.clamp(k, 0, t.lastStep());
        if (s != step.get()) {
            showStep(s);
        }
    }

    private void showStep(int s) {
        ReplayTrack t = track.get();
        step.set(s);
        stepText.set(String.format(Locale.ROOT, "Step %d / %d   %.1f s   %s", s, t.lastStep(),
                t.timeNanos(s) / 1e9, s == 0 ? "start" : "action: " + t.action(s)));
        if (camera) {
            if (renderer == null) {
                renderer = new ReplayCamera(this::picture, why -> fx.execute(() -> cameraError.set(why)));
            }
            renderer.request(t, s);
        }
    }

    /** One step on, pausing. */
    public void stepForward() {
        playing.set(false);
        seek(step.get() + 1);
    }

    /** One step back, pausing. */
    public void stepBack() {
        playing.set(false);
        seek(step.get() - 1);
    }

    /** Plays from the step shown (from the start when at the end). */
    public void play() {
        ReplayTrack t = track.get();
        if (t == null) {
            return;
        }
        if (step.get() >= t.lastStep()) {
            seek(0);
        }
        playing.set(true);
    }

    public void pause() {
        playing.set(false);
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /** While playing, one step on; playing stops at the end. The view calls it once per control period. */
    public void advance() {
        ReplayTrack t = track.get();
        if (!playing.get() || t == null) {
            return;
        }
        seek(step.get() + 1);
        if (step.get() >= t.lastStep()) {
            playing.set(false);
        }
    }

    private void picture(ReplayCamera.Picture p) {
        if (pending.getAndSet(p) == null) {
            fx.execute(() -> {
                ReplayCamera.Picture newest = pending.getAndSet(null);
                if (newest != null && newest.track() == track.get()) {
                    ReplayTrack t = newest.track();
                    int k = newest.step();
                    var g = t.episode().goal();
                    double[] robot = t.robotPose(k);
                    frame.set(new SimFrame(++frames, t.episode(), k, t.timeNanos(k), status(t, k), "", t.poses(k),
                            new float[0], new float[0], List.of(), Optional.of(newest.images()),
                            Math.hypot(g.x() - robot[0], g.y() - robot[1])));
                    cameraStep.set(k);
                }
            });
        }
    }

    private static EpisodeStatus status(ReplayTrack t, int k) {
        if (k == 0) {
            return EpisodeStatus.READY;
        }
        if (k < t.lastStep()) {
            return EpisodeStatus.RUNNING;
        }
        String o = t.replayedOutcome();
        return o.equals("success") ? EpisodeStatus.SUCCESS : o.startsWith("collision") ? EpisodeStatus.COLLISION
                : o.equals("time_limit") ? EpisodeStatus.TIME_LIMIT : o.equals("running") ? EpisodeStatus.RUNNING
                : EpisodeStatus.DIVERGED;
    }

    @Override
    public void close() {
        playing.set(false);
        if (renderer != null) {
            renderer.close();
        }
    }
}
