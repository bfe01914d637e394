package dev.wayfinder.studio.training;

import dev.wayfinder.studio.StudioException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The training panel's state: one run at a time, either started here as a {@code wayfinder train} child process or
 * opened from its folder. While a run goes, its metrics.csv is read as it grows (off the calling thread; changes
 * reach the properties through the {@code fx} executor, the FX thread in the studio), and its output's last lines
 * are kept. Stop asks the child to end (SIGTERM; it is killed if it has not gone after {@value #STOP_GRACE_SECONDS}
 * s): the checkpoint of the last finished iteration stays, and resume continues from it with {@code train --resume}.
 *
 * <p>Methods are called on one thread (the FX thread in the studio).
 */
public final class TrainingModel implements AutoCloseable {
    /** Lines of the child's output kept. */
    public static final int LOG_LINES = 200;
    static final long STOP_GRACE_SECONDS = 15;
    private static final long POLL_MILLIS = 500;

    /** Where a run stands. */
    public enum State { IDLE, RUNNING, STOPPING, STOPPED, FINISHED, FAILED }

    /**
     * A new run: {@code wayfinder train -o OUTPUT [--config FILE] [--scenario S]... [--iterations N] [--seed N]}.
     *
     * @param output the run folder to create (relative to the working folder)
     */
    public record Request(Path output, Optional<Path> config, List<String> scenarios, OptionalInt iterations,
                          OptionalLong seed) {
        public Request {
            java.util.Objects.requireNonNull(output, "output");
            scenarios = List.copyOf(scenarios);
        }

        /** The command line's arguments after {@code wayfinder}. */
        public List<String> args() {
            List<String> a = new ArrayList<>(List.of("train", "-o", output.toString()));
            config.ifPresent(c -> a.addAll(List.of("--config", c.toString())));
            for (String s : scenarios) {
                a.addAll(List.of("--scenario", s));
            }
            iterations.ifPresent(n -> a.addAll(List.of("--iterations", Integer.toString(n))));
            seed.ifPresent(n -> a.addAll(List.of("--seed", Long.toString(n))));
            return a;
        }
    }

    private final TrainLauncher launcher;
    private final Path workDir;
    private final Executor fx;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "studio-training");
        t.setDaemon(true);
        return t;
    });
    private final ObjectProperty<Path> runDir = new SimpleObjectProperty<>(this, "runDir");
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.IDLE);
    private final StringProperty status = new SimpleStringProperty(this, "status", "no run open");
    private final StringProperty eta = new SimpleStringProperty(this, "eta", "");
    private final IntegerProperty planned = new SimpleIntegerProperty(this, "planned", 0);
    private final ObservableList<MetricsTable.Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    // One read-only view each, kept: a view made per call listens to its list only weakly, so listeners added to a
    // view nobody holds would be lost with it.
    private final ObservableList<MetricsTable.Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> logView = FXCollections.unmodifiableObservableList(log);

    private Process process;
    private boolean stopAsked;
    private ScheduledFuture<?> polling;
    /** The run this model shows; bumped on open and start, so late updates of an earlier run are dropped. */
    private long generation;

    /**
     * @param launcher how {@code wayfinder} is started
     * @param workDir  the folder run folders and config files are relative to
     * @param fx       where property changes are made (the FX thread)
     */
    public TrainingModel(TrainLauncher launcher, Path workDir, Executor fx) {
        this.launcher = java.util.Objects.requireNonNull(launcher, "launcher");
        this.workDir = workDir.toAbsolutePath();
        this.fx = java.util.Objects.requireNonNull(fx, "fx");
    }

    public ReadOnlyObjectProperty<Path> runDirProperty() {
        return runDir;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    /** One line: what the run is doing, or why it stopped. */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** Time left at the recent iterations' pace ("" when not running or not known yet). */
    public ReadOnlyStringProperty etaProperty() {
        return eta;
    }

    /** Iterations the run is configured for (0 when not known yet). */
    public ReadOnlyIntegerProperty plannedProperty() {
        return planned;
    }

    /** The iterations so far, in order. */
    public ObservableList<MetricsTable.Row> rows() {
        return rowsView;
    }

    /** The child's last {@value #LOG_LINES} output lines. */
    public ObservableList<String> log() {
        return logView;
    }

    /** Whether a child is running (or stopping). */
    public boolean busy() {
        return process != null;
    }

    /**
     * Shows the run in {@code dir} (finished or not).
     *
     * @throws StudioException when a run is going here, or {@code dir} is not a run folder, or its metrics do not read
     */
    public void open(Path dir) throws StudioException {
        refuseWhileBusy();
        Path d = workDir.resolve(dir).normalize();
        if (!Files.isDirectory(d) || !Files.exists(d.resolve("metrics.csv")) && !Files.exists(d.resolve("config.yaml"))) {
            throw new StudioException(dir + ": not a training run folder; expected a folder that `wayfinder train -o`"
                    + " wrote (with config.yaml and metrics.csv)");
        }
        List<MetricsTable.Row> read = MetricsTable.read(d.resolve("metrics.csv"));
        int plan = plannedIterations(d).orElse(read.size());
        generation++;
        runDir.set(d);
        rows.setAll(read);
        planned.set(plan);
        log.clear();
        eta.set("");
        boolean done = read.size() >= plan && plan > 0;
        state.set(done ? State.FINISHED : State.STOPPED);
        status.set(summary(read, plan) + (done ? "" : Files.exists(d.resolve("checkpoint.bin"))
                ? "; not finished: resume continues from its checkpoint" : "; not finished"));
    }

    /**
     * Starts a new run.
     *
     * @throws StudioException when a run is going here or the child cannot be started
     */
    public void start(Request r) throws StudioException {
        refuseWhileBusy();
        Path d = workDir.resolve(r.output()).normalize();
        launch(r.args(), d, r.iterations().orElse(0), List.of());
    }

    /**
     * Continues the open run from its last checkpoint until {@code iterations} in all.
     *
     * @throws StudioException when a run is going here, none is open, or it has already done that many
     */
    public void resume(int iterations) throws StudioException {
        refuseWhileBusy();
        Path d = runDir.get();
        if (d == null) {
            throw new StudioException("no run is open to resume; open a run folder first");
        }
        if (iterations < rows.size() || iterations < 1) {
            throw new StudioException("resume to " + iterations + " iterations: the run has done " + rows.size()
                    + "; give more");
        }
        launch(List.of("train", "--resume", d.toString(), "--iterations", Integer.toString(iterations)), d,
                iterations, List.copyOf(rows));
    }

    /** Asks the running child to stop (its last checkpoint stays); nothing when none runs. */
    public void stop() {
        Process p = process;
        if (p == null || stopAsked) {
            return;
        }
        stopAsked = true;
        state.set(State.STOPPING);
        status.set("stopping: the run keeps its last finished iteration");
        // SIGTERM through the handle: Process.destroy also closes the pipe, and the child's last words would be lost.
        p.toHandle().destroy();
        poller.schedule(() -> {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }, STOP_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    private void refuseWhileBusy() throws StudioException {
        if (process != null) {
            throw new StudioException("a training run is going (" + runDir.get() + "); stop it first");
        }
    }

    private void launch(List<String> args, Path dir, int plan, List<MetricsTable.Row> before) throws StudioException {
        Process p;
        try {
            p = launcher.start(args, workDir);
        } catch (IOException e) {
            throw new StudioException("cannot start `wayfinder " + String.join(" ", args) + "`: " + e.getMessage(), e);
        }
        long gen = ++generation;
        process = p;
        stopAsked = false;
        runDir.set(dir);
        rows.setAll(before);
        planned.set(plan);
        log.clear();
        eta.set("");
        state.set(State.RUNNING);
        status.set("starting: wayfinder " + String.join(" ", args));
        Thread reader = new Thread(() -> readOutput(p, gen), "studio-training-output");
        reader.setDaemon(true);
        reader.start();
        long[] seen = {-1, -1};
        polling = poller.scheduleWithFixedDelay(() -> poll(dir, gen, seen, false), POLL_MILLIS, POLL_MILLIS,
                TimeUnit.MILLISECONDS);
        p.onExit().thenRun(() -> {
            try {
                poller.execute(() -> {
                    poll(dir, gen, seen, true);
                    int code = p.exitValue();
                    fx.execute(() -> ended(gen, code));
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // The studio closed: nobody shows the end.
            }
        });
    }

    /** Reads metrics.csv (and the planned iterations) when they changed; in the poller thread. */
    private void poll(Path dir, long gen, long[] seen, boolean last) {
        Path csv = dir.resolve("metrics.csv");
        try {
            long size = Files.exists(csv) ? Files.size(csv) : -1;
            long modified = size < 0 ? -1 : Files.getLastModifiedTime(csv).toMillis();
            if (!last && size == seen[0] && modified == seen[1]) {
                return;
            }
            seen[0] = size;
            seen[1] = modified;
            List<MetricsTable.Row> read = MetricsTable.read(csv);
            OptionalInt plan = plannedIterations(dir);
            fx.execute(() -> {
                if (gen != generation) {
                    return;
                }
                if (plan.isPresent() && planned.get() == 0) {
                    planned.set(plan.getAsInt());
                }
                if (!read.equals(rows)) {
                    rows.setAll(read);
                }
                if (state.get() == State.RUNNING) {
                    status.set("running: " + summary(read, planned.get()));
                    eta.set(eta(read, planned.get()));
                }
            });
        } catch (IOException | StudioException e) {
            String why = e.getMessage();
            fx.execute(() -> {
                if (gen == generation && state.get() == State.RUNNING) {
                    status.set("running; its metrics do not read yet: " + why);
                }
            });
        }
    }

    private void readOutput(Process p, long gen) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                // Progress bars redraw with carriage returns: each redraw is a line here.
                if (c == '\n' || c == '\r') {
                    if (!line.isEmpty()) {
                        String l = line.toString();
                        fx.execute(() -> addLine(gen, l));
                        line.setLength(0);
                    }
                } else {
                    line.append((char) c);
                }
            }
            if (!line.isEmpty()) {
                String l = line.toString();
                fx.execute(() -> addLine(gen, l));
            }
        } catch (IOException e) {
            // The child ended and closed its output: its exit is reported by onExit.
        }
    }

    private void addLine(long gen, String l) {
        if (gen != generation) {
            return;
        }
        // A progress bar's redraws replace each other.
        if (!log.isEmpty() && isProgress(l) && isProgress(log.get(log.size() - 1))) {
            log.set(log.size() - 1, l);
        } else {
            log.add(l);
        }
        if (log.size() > LOG_LINES) {
            log.remove(0, log.size() - LOG_LINES);
        }
    }

    private static boolean isProgress(String l) {
        return l.contains("%") && (l.contains("|") || l.contains("ETA") || l.contains("it/s"));
    }

    private void ended(long gen, int code) {
        if (gen != generation) {
            return;
        }
        if (polling != null) {
            polling.cancel(false);
        }
        process = null;
        eta.set("");
        String done = summary(rows, planned.get());
        if (stopAsked) {
            state.set(State.STOPPED);
            status.set("stopped: " + done + "; resume continues from the last checkpoint");
        } else if (code == 0) {
            state.set(State.FINISHED);
            status.set("finished: " + done);
        } else {
            state.set(State.FAILED);
            String last = log.isEmpty() ? "(no output)" : log.get(log.size() - 1);
            status.set("failed (exit " + code + "): " + last);
        }
    }

    /** "12 of 40 iterations, validation success 0.63, SPL 0.57, collisions 0.00". */
    static String summary(List<MetricsTable.Row> rows, int plan) {
        if (rows.isEmpty()) {
            return "no iteration finished yet" + (plan > 0 ? " (of " + plan + ")" : "");
        }
        MetricsTable.Row r = rows.get(rows.size() - 1);
        return String.format(Locale.ROOT, "%d%s iterations, validation success %.2f, SPL %.2f, collisions %.2f",
                rows.size(), plan > 0 ? " of " + plan : "", r.success(), r.spl(), r.collisions());
    }

    /**
     * Time left for {@code plan} iterations at the pace of the last few (the first, behaviour cloning on a larger
     * collection, is left out once there are others): "" when unknown.
     */
    static String eta(List<MetricsTable.Row> rows, int plan) {
        int done = rows.size();
        if (done == 0 || plan <= done) {
            return "";
        }
        double perIteration;
        if (done == 1) {
            perIteration = rows.get(0).elapsedSeconds();
        } else {
            int from = Math.max(1, done - 5);
            MetricsTable.Row first = rows.get(from - 1);
            MetricsTable.Row last = rows.get(done - 1);
            perIteration = (last.elapsedSeconds() - first.elapsedSeconds()) / (done - from);
        }
        if (!(perIteration > 0) || Double.isInfinite(perIteration)) {
            return "";
        }
        long left = Math.round(perIteration * (plan - done));
        String t = left >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", left / 3600, left % 3600 / 60)
                : left >= 60 ? String.format(Locale.ROOT, "%d min %02d s", left / 60, left % 60) : left + " s";
        return String.format(Locale.ROOT, "ETA %s (%d left at %.0f s each)", t, plan - done, perIteration);
    }

    /** The {@code iterations} of the run's config.yaml, when it has one. */
    static OptionalInt plannedIterations(Path dir) {
        Path config = dir.resolve("config.yaml");
        if (!Files.isRegularFile(config)) {
            return OptionalInt.empty();
        }
        try {
            Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(config,
                    StandardCharsets.UTF_8));
            if (doc instanceof Map<?, ?> m && m.get("iterations") instanceof Number n && n.intValue() > 0) {
                return OptionalInt.of(n.intValue());
            }
        } catch (IOException | RuntimeException e) {
            // A config being written, or not ours: the plan stays unknown.
        }
        return OptionalInt.empty();
    }

    /**
     * Asks a running child to end (the studio is closing: its last finished iteration stays, resumable) and stops the
     * poller.
     */
    @Override
    public void close() {
        Process p = process;
        if (p != null) {
            p.toHandle().destroy();
        }
        poller.shutdownNow();
    }
}
