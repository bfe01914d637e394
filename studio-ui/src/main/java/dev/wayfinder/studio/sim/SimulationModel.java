package dev.wayfinder.studio.sim;

import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.edit.ScenarioDocument;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The simulation panel's state for the views to bind to: the newest {@link SimFrame} and what it says (step count,
 * simulated time, episode status), whether it plays, the speed, the driver, the overlays and the viewport's frame
 * rate. The simulation itself runs on a {@link SimulationRunner}'s thread; its frames reach these properties through
 * {@code deliver} (the FX thread's {@code Platform::runLater} in the studio), coalesced so that a fast simulation
 * sends the FX thread at most one pending update. Listeners added with {@link #addFrameListener} get every frame on
 * the simulation thread instead (the viewport's renderer, which must not wait for the FX thread). The frames' camera
 * pictures are recycled through a {@link FrameHandoff}: those of {@link #frame()} stay as they are while it is the
 * frame; a frame replaced since may show newer pictures (copy what must outlive it).
 *
 * <p>Edit state and simulation state are apart: the model reads the document's scenario and never changes it.
 * While the episode stands at its start (reset, not played), edits are simulated at once, so the viewport shows the
 * scenario being edited; once it has been stepped, an edit only marks the simulation {@linkplain #staleProperty()
 * stale} and {@link #reset()} takes it up. Not thread-safe: call and observe on the thread {@code deliver} runs on.
 */
public final class SimulationModel implements AutoCloseable {
    /** The speeds offered, simulated seconds per second; the last steps as fast as the machine allows. */
    public static final double[] SPEEDS = {0.25, 0.5, 1, 2, 4, Double.POSITIVE_INFINITY};

    private final ScenarioDocument doc;
    private final Executor deliver;
    private final Optional<Path> shippedModel;
    private final CopyOnWriteArrayList<Consumer<SimFrame>> frameListeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<SimFrame> latest = new AtomicReference<>();
    private final FrameHandoff handoff = new FrameHandoff();
    private final AtomicBoolean pending = new AtomicBoolean();
    private SimulationRunner runner;
    private Scenario simulated;

    private final ReadOnlyObjectWrapper<SimFrame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyIntegerWrapper frameCount = new ReadOnlyIntegerWrapper(this, "frameCount");
    private final ReadOnlyDoubleWrapper simTime = new ReadOnlyDoubleWrapper(this, "simTime");
    private final ReadOnlyObjectWrapper<EpisodeStatus> status =
            new ReadOnlyObjectWrapper<>(this, "status", EpisodeStatus.READY);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "not started");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale");
    private final ReadOnlyDoubleWrapper fps = new ReadOnlyDoubleWrapper(this, "fps");
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1);
    private final ObjectProperty<Driver> driver = new SimpleObjectProperty<>(this, "driver", Driver.EXPERT);
    private final ObjectProperty<Optional<Path>> model = new SimpleObjectProperty<>(this, "model");
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 0);
    private final BooleanProperty randomized = new SimpleBooleanProperty(this, "randomized", false);
    private final BooleanProperty movers = new SimpleBooleanProperty(this, "movers", false);
    private final BooleanProperty showRoute = new SimpleBooleanProperty(this, "showRoute", true);
    private final BooleanProperty showFrustum = new SimpleBooleanProperty(this, "showFrustum", true);
    private final BooleanProperty showLidar = new SimpleBooleanProperty(this, "showLidar", false);
    private final BooleanProperty showContacts = new SimpleBooleanProperty(this, "showContacts", true);
    private final BooleanProperty recording = new SimpleBooleanProperty(this, "recording", false);
    private final ObjectProperty<Optional<Path>> recordFolder = new SimpleObjectProperty<>(this, "recordFolder",
            Optional.empty());
    private final ReadOnlyStringWrapper recordMessage = new ReadOnlyStringWrapper(this, "recordMessage", "");
    private final ReadOnlyObjectWrapper<Optional<Path>> lastRecording = new ReadOnlyObjectWrapper<>(this,
            "lastRecording", Optional.empty());
    private final ReadOnlyIntegerWrapper recordingsWritten = new ReadOnlyIntegerWrapper(this, "recordingsWritten");
    private BiConsumer<String, String> errors = (what, why) -> { };

    /**
     * A model of {@code doc}'s simulation; nothing runs before {@link #start()}.
     *
     * @param shippedModel the trained model the {@link Driver#MODEL} driver uses unless another is chosen
     */
    public SimulationModel(ScenarioDocument doc, Executor deliver, Optional<Path> shippedModel) {
        this.doc = Objects.requireNonNull(doc, "doc");
        this.deliver = Objects.requireNonNull(deliver, "deliver");
        this.shippedModel = Objects.requireNonNull(shippedModel, "shippedModel");
        model.set(shippedModel);
        doc.scenarioProperty().addListener((o, a, now) -> scenarioEdited(now));
        playing.addListener((o, a, on) -> updateStatusText());
        speed.addListener((o, a, v) -> {
            if (runner != null) {
                runner.setSpeed(v.doubleValue());
            }
        });
        driver.addListener((o, a, d) -> driverChanged());
        model.addListener((o, a, m) -> driverChanged());
        seed.addListener((o, a, s) -> {
            if (runner != null) {
                runner.setSeed(s.longValue());
                reset();
            }
        });
        randomized.addListener((o, a, on) -> {
            if (runner != null) {
                playing.set(false);
                runner.setRandomized(on);
            }
        });
        movers.addListener((o, a, on) -> {
            if (runner != null) {
                runner.setMovers(on);
            }
        });
        recording.addListener((o, a, on) -> recordingChanged());
        recordFolder.addListener((o, a, f) -> {
            if (recording.get()) {
                recordingChanged();
            }
        });
    }

    /** Where failures to record are told (the studio's error dialog); nowhere by default. */
    public void setErrors(BiConsumer<String, String> errors) {
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    private void recordingChanged() {
        if (recording.get() && recordFolder.get().isEmpty()) {
            recordMessage.set("Choose a folder to record into");
            recording.set(false);
            return;
        }
        if (recording.get()) {
            SimFrame f = frame.get();
            recordMessage.set("Recording into " + recordFolder.get().get() + (f != null && f.steps() > 0
                    ? " from the next episode (Reset starts it)" : ""));
        }
        if (runner != null) {
            runner.setRecording(recording.get() ? recordFolder.get() : Optional.empty(), this::recorded);
        }
    }

    /** Called on the simulation thread. */
    private void recorded(SimulationRunner.Recorded r) {
        deliver.execute(() -> {
            if (r.failed()) {
                recording.set(false);
                recordMessage.set("Not recorded: " + r.message());
                errors.accept("Cannot record the episode", r.message());
            } else {
                recordMessage.set(r.message().substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                        + r.message().substring(1));
                lastRecording.set(r.file());
                recordingsWritten.set(recordingsWritten.get() + 1);
            }
        });
    }

    /**
     * Whether episodes are recorded into {@link #recordFolderProperty()} (as {@code wayfinder sim run --record} writes
     * them, so the Evaluation tab lists and replays them): the episode at its start now, else the next from its
     * reset; each is written when it ends or is left. Turning it on without a folder turns it off again.
     */
    public BooleanProperty recordingProperty() {
        return recording;
    }

    /** The folder recordings go into. */
    public ObjectProperty<Optional<Path>> recordFolderProperty() {
        return recordFolder;
    }

    /** What the recording did last: where it records, what it wrote, or why it could not. */
    public ReadOnlyStringProperty recordMessageProperty() {
        return recordMessage.getReadOnlyProperty();
    }

    /** The recording written last. */
    public ReadOnlyObjectProperty<Optional<Path>> lastRecordingProperty() {
        return lastRecording.getReadOnlyProperty();
    }

    /** Recordings written since the model was made. */
    public ReadOnlyIntegerProperty recordingsWrittenProperty() {
        return recordingsWritten.getReadOnlyProperty();
    }

    /** Starts the simulation thread with the document's scenario, reset (a second call does nothing). */
    public void start() {
        if (runner != null) {
            return;
        }
        runner = new SimulationRunner(this::fromRunner, handoff);
        runner.setSpeed(speed.get());
        runner.setSeed(seed.get());
        runner.setRandomized(randomized.get());
        runner.setMovers(movers.get());
        runner.setDriver(driver.get(), model.get());
        if (recording.get()) {
            runner.setRecording(recordFolder.get(), this::recorded);
        }
        load(doc.scenario());
    }

    /** Whether {@link #start()} was called. */
    public boolean started() {
        return runner != null;
    }

    private void load(Scenario s) {
        simulated = s;
        stale.set(false);
        runner.load(s);
    }

    private void scenarioEdited(Scenario now) {
        if (runner == null) {
            return;
        }
        SimFrame f = frame.get();
        boolean atStart = !playing.get() && (f == null || f.steps() == 0);
        if (atStart) {
            load(now);
        } else {
            stale.set(!now.equals(simulated));
        }
    }

    private void driverChanged() {
        if (runner != null) {
            playing.set(false);
            runner.setDriver(driver.get(), model.get());
        }
    }

    /** Called on the simulation thread. */
    private void fromRunner(SimFrame f) {
        for (Consumer<SimFrame> l : frameListeners) {
            l.accept(f);
        }
        latest.set(f);
        handoff.publish(f);
        if (pending.compareAndSet(false, true)) {
            deliver.execute(() -> {
                pending.set(false);
                apply(handoff.take());
            });
        }
    }

    private void apply(SimFrame f) {
        if (f == null) {
            return;
        }
        frame.set(f);
        frameCount.set(f.steps());
        simTime.set(f.seconds());
        status.set(f.status());
        if (f.status().over()) {
            playing.set(false);
        }
        updateStatusText();
    }

    private void updateStatusText() {
        SimFrame f = frame.get();
        if (f == null) {
            return;
        }
        String text = f.status() == EpisodeStatus.RUNNING && !playing.get() ? "paused" : f.status().text();
        statusText.set(f.detail().isEmpty() ? text : text + ": " + f.detail());
    }

    /** Plays from the current state (nothing when the episode is over: reset first). */
    public void play() {
        start();
        SimFrame f = frame.get();
        if (f != null && f.status().over()) {
            return;
        }
        playing.set(true);
        runner.play();
    }

    public void pause() {
        if (runner != null) {
            runner.pause();
        }
        playing.set(false);
    }

    /** Pauses and takes exactly one step. */
    public void step() {
        start();
        playing.set(false);
        runner.step();
    }

    /** Pauses and restarts the episode; the scenario's latest edits are taken up. */
    public void reset() {
        start();
        playing.set(false);
        load(doc.scenario());
    }

    /** The action the keyboard driver takes (an index into the env's discrete actions; see {@link Teleop}). */
    public void teleop(int action) {
        if (runner != null) {
            runner.setTeleopAction(action);
        }
    }

    /** Control steps simulated since {@link #start()}, over all episodes. */
    public long stepsTaken() {
        return runner == null ? 0 : runner.stepsTaken();
    }

    /** Sets of camera pictures the simulation made so far; they are recycled, so this stops growing once it runs. */
    public long cameraPicturesAllocated() {
        return handoff.allocated();
    }

    /** Registers {@code l} for every frame, called on the simulation thread. */
    public void addFrameListener(Consumer<SimFrame> l) {
        frameListeners.add(l);
        SimFrame f = latest.get();
        if (f != null) {
            l.accept(f);
        }
    }

    /** Sets the viewport's measured frames per second (the viewport measures it). */
    public void setFps(double v) {
        fps.set(v);
    }

    /** The shipped model, when there is one. */
    public Optional<Path> shippedModel() {
        return shippedModel;
    }

    public ReadOnlyObjectProperty<SimFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public SimFrame frame() {
        return frame.get();
    }

    /** Control steps since the reset. */
    public ReadOnlyIntegerProperty frameCountProperty() {
        return frameCount.getReadOnlyProperty();
    }

    /** Simulated seconds since the reset. */
    public ReadOnlyDoubleProperty simTimeProperty() {
        return simTime.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EpisodeStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The status in words, with what was hit or what went wrong. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** Whether the scenario was edited since the simulated episode began (reset takes the edit up). */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    /** Viewport frames shown per second, over the last second. */
    public ReadOnlyDoubleProperty fpsProperty() {
        return fps.getReadOnlyProperty();
    }

    /** Simulated seconds per wall-clock second; infinite for as fast as possible. */
    public DoubleProperty speedProperty() {
        return speed;
    }

    public ObjectProperty<Driver> driverProperty() {
        return driver;
    }

    /** The model folder the {@link Driver#MODEL} driver loads (the shipped model by default). */
    public ObjectProperty<Optional<Path>> modelProperty() {
        return model;
    }

    /** The episode seed (0: the scenario's nominal episode; others perturb start and goal). */
    public LongProperty seedProperty() {
        return seed;
    }

    /**
     * Whether episodes are drawn with the scenario's domain randomization (the seed's episode as {@code wayfinder
     * randomize} draws it), rather than the nominal episode with start and goal moved by the seed.
     */
    public BooleanProperty randomizedProperty() {
        return randomized;
    }

    /**
     * Whether the trained model's safety shield also tracks moving obstacles (people, carts) in the depth camera's
     * frames and keeps clear of where they are going, as {@code wayfinder eval --shield-movers}; off by default.
     */
    public BooleanProperty moversProperty() {
        return movers;
    }

    public BooleanProperty showRouteProperty() {
        return showRoute;
    }

    public BooleanProperty showFrustumProperty() {
        return showFrustum;
    }

    public BooleanProperty showLidarProperty() {
        return showLidar;
    }

    /** Whether the viewport marks where bodies touch (the robot's bumper contact, pushed boxes, walls). */
    public BooleanProperty showContactsProperty() {
        return showContacts;
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
    }
}
