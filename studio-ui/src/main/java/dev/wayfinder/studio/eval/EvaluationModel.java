package dev.wayfinder.studio.eval;

import dev.wayfinder.policy.eval.EvalRow;
import dev.wayfinder.sim.record.EpisodeTable;
import dev.wayfinder.studio.StudioException;
import dev.wayfinder.studio.training.TrainLauncher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The evaluation tab's view model: an evaluation folder opened (its table and recorded episodes), and new recorded
 * episodes run as a {@code wayfinder sim run --record DIR} child process started through a {@link TrainLauncher}
 * (the same build and JVM options as the studio), its progress read from the episode table the child rewrites after
 * every episode, cancellable. Folders are read off the FX thread; every method is called on the FX thread.
 */
public final class EvaluationModel implements AutoCloseable {
    /** Lines of the child's output kept. */
    public static final int LOG_LINES = 200;
    static final int POLL_MILLIS = 400;
    static final int CANCEL_GRACE_SECONDS = 5;

    /** Where a run stands. */
    public enum State { IDLE, RUNNING, CANCELLING, FINISHED, CANCELLED, FAILED }

    /**
     * Episodes to run and record.
     *
     * @param scenario  a bundled scenario's name or a scenario file
     * @param policy    expert, random, or a trained model (a shipped model's name, a model or run folder)
     * @param episodes  1..{@value #MAX_EPISODES}
     * @param seed      the first episode's seed
     * @param randomize whether episodes get the scenario's full domain randomization
     * @param output    the folder the recordings go to (new, or without an episode table)
     */
    public record Request(String scenario, String policy, int episodes, long seed, boolean randomize, Path output) {
        public static final int MAX_EPISODES = 10_000;

        public Request {
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(output, "output");
        }

        /** The {@code wayfinder} arguments. */
        public List<String> args() {
            List<String> a = new ArrayList<>(List.of("sim", "run", "--scenario", scenario, "--policy", policy,
                    "--episodes", Integer.toString(episodes), "--seed", Long.toString(seed)));
            if (randomize) {
                a.add("--randomize");
            }
            a.add("--record");
            a.add(output.toString());
            return a;
        }
    }

    private final TrainLauncher launcher;
    private final Path workDir;
    private final Executor fx;
    private final BiConsumer<String, String> errors;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "studio-evaluation");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyObjectWrapper<EvalFolder> folder = new ReadOnlyObjectWrapper<>();
    private final ObservableList<EvalRow> rows = FXCollections.observableArrayList();
    private final ObservableList<EvalFolder.EpisodeItem> episodes = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<EvalRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<EvalFolder.EpisodeItem> episodesView =
            FXCollections.unmodifiableObservableList(episodes);
    private final ObservableList<String> logView = FXCollections.unmodifiableObservableList(log);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Open an evaluation folder, or run episodes");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private Process process;
    private ScheduledFuture<?> polling;
    private boolean cancelAsked;
    private long generation;

    /**
     * @param launcher how {@code wayfinder} is started
     * @param workDir  the child's working folder
     * @param fx       the FX thread
     * @param errors   shows a failure to the user: what failed, and why
     */
    public EvaluationModel(TrainLauncher launcher, Path workDir, Executor fx, BiConsumer<String, String> errors) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.workDir = workDir.toAbsolutePath();
        this.fx = fx;
        this.errors = errors;
    }

    /** The folder shown, or null. */
    public ReadOnlyObjectProperty<EvalFolder> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    /** The table: one row per scenario, variant and driver. */
    public ObservableList<EvalRow> rows() {
        return rowsView;
    }

    /** The recorded episodes of the folder shown. */
    public ObservableList<EvalFolder.EpisodeItem> episodes() {
        return episodesView;
    }

    /** The running child's last output lines. */
    public ObservableList<String> log() {
        return logView;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Episodes done of those asked for, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Whether a child runs. */
    public boolean busy() {
        return process != null;
    }

    /** Reads {@code dir} in the background and shows it; a folder that is not an evaluation goes to the errors. */
    public void open(Path dir) {
        long gen = ++generation;
        worker.execute(() -> {
            try {
                EvalFolder f = EvalFolder.read(dir);
                fx.execute(() -> {
                    if (gen == generation) {
                        show(f);
                    }
                });
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> errors.accept("Cannot open the evaluation " + dir, e.getMessage()));
            }
        });
    }

    private void show(EvalFolder f) {
        folder.set(f);
        rows.setAll(f.rows());
        episodes.setAll(f.episodes());
        if (process == null) {
            long recorded = f.episodes().stream().filter(e -> e.recording().isPresent()).count();
            status.set(f.dir() + ": " + f.rows().size() + " row" + (f.rows().size() == 1 ? "" : "s") + ", "
                    + (f.episodes().isEmpty() ? "no recorded episodes (wayfinder eval keeps GIFs, not replays)"
                    : recorded + " recorded episode" + (recorded == 1 ? "" : "s") + " to replay"));
        }
    }

    /**
     * Starts {@code r} as a child process.
     *
     * @throws StudioException when a run is going, the request is out of range, the folder holds a run already, or
     *                         the child cannot start
     */
    public void run(Request r) throws StudioException {
        if (process != null) {
            throw new StudioException("episodes are being run into " + folder.get().dir() + "; cancel them first");
        }
        if (r.episodes() < 1 || r.episodes() > Request.MAX_EPISODES) {
            throw new StudioException("episodes: expected 1 to " + Request.MAX_EPISODES + ", got " + r.episodes());
        }
        if (r.scenario().isBlank() || r.policy().isBlank()) {
            throw new StudioException("give the scenario and the policy to run");
        }
        Path table = r.output().resolve(EpisodeTable.FILE);
        if (Files.exists(table)) {
            throw new StudioException(r.output() + " holds the episodes of an earlier run already (" + EpisodeTable.FILE
                    + "); choose a new folder, or open this one to see them");
        }
        Process p;
        try {
            p = launcher.start(r.args(), workDir);
        } catch (IOException e) {
            throw new StudioException("cannot start `wayfinder " + String.join(" ", r.args()) + "`: " + e.getMessage(),
                    e);
        }
        long gen = ++generation;
        process = p;
        cancelAsked = false;
        folder.set(new EvalFolder(r.output(), List.of(), List.of()));
        rows.clear();
        episodes.clear();
        log.clear();
        progress.set(0);
        state.set(State.RUNNING);
        status.set("starting: wayfinder " + String.join(" ", r.args()));
        Thread reader = new Thread(() -> readOutput(p, gen), "studio-evaluation-output");
        reader.setDaemon(true);
        reader.start();
        long[] seen = {-1, -1};
        polling = worker.scheduleWithFixedDelay(() -> poll(r, gen, seen), POLL_MILLIS, POLL_MILLIS,
                TimeUnit.MILLISECONDS);
        p.onExit().thenRun(() -> {
            try {
                worker.execute(() -> {
                    poll(r, gen, seen);
                    int code = p.exitValue();
                    fx.execute(() -> ended(r, gen, code));
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // The studio closed: nobody shows the end.
            }
        });
    }

    /** Reads the child's episode table when it changed; on the worker thread. */
    private void poll(Request r, long gen, long[] seen) {
        Path table = r.output().resolve(EpisodeTable.FILE);
        try {
            if (!Files.exists(table)) {
                return;
            }
            long size = Files.size(table);
            long modified = Files.getLastModifiedTime(table).toMillis();
            if (size == seen[0] && modified == seen[1]) {
                return;
            }
            seen[0] = size;
            seen[1] = modified;
            EvalFolder f = EvalFolder.read(r.output());
            fx.execute(() -> {
                if (gen != generation) {
                    return;
                }
                show(f);
                progress.set(Math.min(1.0, f.episodes().size() / (double) r.episodes()));
                if (state.get() == State.RUNNING) {
                    status.set("running: " + f.episodes().size() + " of " + r.episodes() + " episodes");
                }
            });
        } catch (IOException | RuntimeException e) {
            // Being replaced between the checks: the next poll reads it.
        }
    }

    private void ended(Request r, long gen, int code) {
        if (gen != generation) {
            return;
        }
        process = null;
        if (polling != null) {
            polling.cancel(false);
        }
        int done = episodes.size();
        if (cancelAsked) {
            state.set(State.CANCELLED);
            status.set("cancelled after " + done + " of " + r.episodes() + " episodes");
        } else if (code == 0) {
            state.set(State.FINISHED);
            progress.set(1);
            status.set("finished: " + done + " episodes recorded in " + r.output());
        } else {
            state.set(State.FAILED);
            String tail = String.join("\n", log.subList(Math.max(0, log.size() - 6), log.size()));
            status.set("failed (exit code " + code + ")");
            errors.accept("The evaluation stopped with exit code " + code, tail.isBlank() ? "it printed nothing" : tail);
        }
    }

    /** Asks the running child to stop; the episodes it finished stay listed. */
    public void cancel() {
        Process p = process;
        if (p == null || cancelAsked) {
            return;
        }
        cancelAsked = true;
        state.set(State.CANCELLING);
        status.set("cancelling");
        p.destroy();
        worker.schedule(() -> {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }, CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    private void readOutput(Process p, long gen) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String l = line;
                fx.execute(() -> {
                    if (gen == generation && !l.isBlank()) {
                        log.add(l);
                        if (log.size() > LOG_LINES) {
                            log.remove(0, log.size() - LOG_LINES);
                        }
                    }
                });
            }
        } catch (IOException e) {
            // The child ended and closed its output: its exit is reported by onExit.
        }
    }

    /** Ends a running child and the worker (the studio is closing). */
    @Override
    public void close() {
        Process p = process;
        if (p != null) {
            p.destroy();
        }
        worker.shutdownNow();
    }
}
