package dev.wayfinder.studio.ros;

import dev.wayfinder.studio.training.TrainLauncher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One {@code wayfinder} command the ROS 2 tab runs as a child process ({@code sim --ros}, {@code deploy}): start with
 * arguments prepared off the FX thread (a scenario written to a file, say), its last output lines, stop by SIGTERM
 * (the command's shutdown hook runs: deploy publishes a zero command, recordings are finished) and a kill only if it
 * has not gone after {@value #STOP_GRACE_SECONDS} s, and how it ended.
 *
 * <p>Methods are called on one thread (the FX thread in the studio); what the child does reaches the properties
 * through the {@code fx} executor.
 */
public final class ChildProcessModel implements AutoCloseable {
    /** Output lines kept. */
    public static final int LOG_LINES = 200;
    static final long STOP_GRACE_SECONDS = 10;
    private static final long OUTPUT_DRAIN_SECONDS = 2;
    /** The exit code of a JVM ended by SIGTERM (128 + 15). */
    static final int SIGTERM_EXIT = 143;

    /** Where the child stands. */
    public enum State {
        /** Never started here. */
        IDLE,
        /** Its arguments are being prepared, or it is being started. */
        STARTING,
        RUNNING,
        /** Asked to end, not gone yet. */
        STOPPING,
        /** Ended by Stop, or by itself with exit code 0. */
        EXITED,
        /** Could not start, or ended by itself with another exit code. */
        FAILED;

        /** Whether a child is (or is about to be) alive: Start is refused, Stop is possible. */
        public boolean busy() {
            return this == STARTING || this == RUNNING || this == STOPPING;
        }
    }

    /** Prepares the arguments after {@code wayfinder} (off the FX thread); its exception's message is shown. */
    @FunctionalInterface
    public interface Arguments extends Callable<List<String>> {
    }

    private final String title;
    private final TrainLauncher launcher;
    private final Path workDir;
    private final Executor fx;
    private final ExecutorService worker;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.IDLE);
    private final StringProperty status = new SimpleStringProperty(this, "status", "not started");
    private final StringProperty commandLine = new SimpleStringProperty(this, "commandLine", "");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<String> logView = FXCollections.unmodifiableObservableList(log);
    private Process process;
    private boolean stopAsked;
    private long generation;

    /**
     * @param title    what the child is, for messages ("the simulator")
     * @param launcher how {@code wayfinder} is started
     * @param workDir  the child's working folder
     * @param fx       where property changes are made (the FX thread)
     */
    public ChildProcessModel(String title, TrainLauncher launcher, Path workDir, Executor fx) {
        this.title = Objects.requireNonNull(title, "title");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.workDir = workDir.toAbsolutePath();
        this.fx = Objects.requireNonNull(fx, "fx");
        this.worker = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "studio-ros-child");
            t.setDaemon(true);
            return t;
        });
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    /** One line: running, stopping, or how it ended and why. */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** {@code wayfinder ARGS...} of the last start ("" before). */
    public ReadOnlyStringProperty commandLineProperty() {
        return commandLine;
    }

    /** The child's last {@value #LOG_LINES} output lines (standard output and error). */
    public ObservableList<String> log() {
        return logView;
    }

    /**
     * Starts the child: {@code args} are prepared on a worker thread, then the process starts there too. Nothing when
     * a child is alive (the view disables Start then).
     *
     * @param onEnd called on the FX thread once the child has ended (a scenario file to remove, say); also when it
     *              could not start
     */
    public void start(Arguments args, Runnable onEnd) {
        if (state.get().busy()) {
            return;
        }
        long gen = ++generation;
        stopAsked = false;
        log.clear();
        state.set(State.STARTING);
        status.set("starting " + title);
        try {
            worker.execute(() -> launch(gen, args, onEnd));
        } catch (RejectedExecutionException closed) {
            state.set(State.FAILED);
            status.set("the studio is closing");
        }
    }

    private void launch(long gen, Arguments args, Runnable onEnd) {
        List<String> a;
        Process p;
        try {
            a = List.copyOf(args.call());
            p = launcher.start(a, workDir);
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            fx.execute(() -> {
                if (gen == generation) {
                    state.set(State.FAILED);
                    status.set("could not start " + title + ": " + why);
                }
                onEnd.run();
            });
            return;
        }
        fx.execute(() -> started(gen, a, p, onEnd));
    }

    private void started(long gen, List<String> args, Process p, Runnable onEnd) {
        if (gen != generation) {
            p.toHandle().destroy();
            onEnd.run();
            return;
        }
        process = p;
        commandLine.set("wayfinder " + String.join(" ", args));
        log.add("$ " + commandLine.get());
        state.set(State.RUNNING);
        status.set("running (pid " + p.pid() + ")");
        if (stopAsked) {
            // Stop was pressed while it was starting.
            stopAsked = false;
            stop();
        }
        CompletableFuture<Void> drained;
        try {
            drained = CompletableFuture.runAsync(() -> readOutput(p, gen), worker);
        } catch (RejectedExecutionException closed) {
            p.destroy();
            drained = CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> output = drained;
        p.onExit().thenAccept(ended -> {
            // Its last lines (the reason it failed, say) are shown before its end; a grandchild that keeps the
            // output open does not hold the end back for long.
            try {
                output.get(OUTPUT_DRAIN_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Shown without the lines that did not come.
            }
            int code = ended.exitValue();
            fx.execute(() -> {
                onEnd.run();
                ended(gen, code);
            });
        });
    }

    /**
     * Asks the child to end with SIGTERM (its shutdown hook runs); kills it when it has not gone after
     * {@value #STOP_GRACE_SECONDS} s. Nothing when none runs.
     */
    public void stop() {
        if (state.get() == State.STARTING) {
            stopAsked = true;
            return;
        }
        Process p = process;
        if (p == null || state.get() != State.RUNNING) {
            return;
        }
        stopAsked = true;
        state.set(State.STOPPING);
        status.set("stopping (SIGTERM sent to pid " + p.pid() + ")");
        // Through its handle: Process.destroy would also close the pipe, and the child's last words (and its
        // shutdown hook's writes) would be lost.
        p.toHandle().destroy();
        try {
            worker.execute(() -> {
                try {
                    if (!p.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            });
        } catch (RejectedExecutionException closed) {
            p.destroyForcibly();
        }
    }

    private void readOutput(Process p, long gen) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String l;
            while ((l = in.readLine()) != null) {
                // readLine also ends a line at a carriage return, so each redraw of a progress bar is a line.
                String line = l.strip();
                if (!line.isEmpty()) {
                    fx.execute(() -> addLine(gen, line));
                }
            }
        } catch (IOException e) {
            // The child ended and closed its output: its exit is reported by onExit.
        }
    }

    private void addLine(long gen, String line) {
        if (gen != generation) {
            return;
        }
        log.add(line);
        if (log.size() > LOG_LINES) {
            log.remove(0, log.size() - LOG_LINES);
        }
    }

    private void ended(long gen, int code) {
        if (gen != generation) {
            return;
        }
        process = null;
        if (stopAsked) {
            state.set(State.EXITED);
            status.set(code == SIGTERM_EXIT ? "stopped (SIGTERM, exit " + code + ")"
                    : code == 0 ? "stopped (exit 0)" : "stopped (exit " + code + ")");
        } else if (code == 0) {
            state.set(State.EXITED);
            status.set("ended by itself (exit 0)");
        } else {
            state.set(State.FAILED);
            String last = log.isEmpty() ? "(no output)" : log.get(log.size() - 1);
            status.set("failed (exit " + code + "): " + last);
        }
    }

    /** Asks a live child to end (SIGTERM) and stops the worker threads; the studio is closing. */
    @Override
    public void close() {
        Process p = process;
        if (p != null) {
            p.toHandle().destroy();
        }
        generation++;
        worker.shutdown();
    }
}
