package dev.wayfinder.studio;

import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.sim.SimulationModel;
import dev.wayfinder.studio.sim.SimulationPane;
import dev.wayfinder.studio.sim.ViewportView;
import dev.wayfinder.studio.eval.EvaluationModel;
import dev.wayfinder.studio.settings.StudioSettings;
import dev.wayfinder.studio.training.TrainingModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The studio's responsiveness while the simulation plays: the simulation tab (viewport, camera panel, status) at a
 * given viewport size in a headless window, the expert driving the cluttered room at a given speed (episodes
 * restarted as they end), measured for a while after a warm-up. It counts the viewport's pictures shown and drawn, the simulated
 * steps, and the FX thread's latency: a probe thread posts a task to the FX thread every 5 ms and the delay until it
 * runs is recorded (what a click or a key press would wait).
 */
final class StudioBench {
    private static final long PROBE_EVERY_NANOS = 5_000_000;
    /** The simulation tab playing. */
    static final String PLAY = "play";
    /** The Training tab while a {@code wayfinder train} child runs. */
    static final String TRAINING = "training";
    /** The Evaluation tab while a child records episodes. */
    static final String EVALUATION = "evaluation";
    /** Every phase, in the order measured. */
    static final List<String> PHASES = List.of(PLAY, TRAINING, EVALUATION);

    private StudioBench() {
    }

    static List<StudioLauncher.BenchRow> run(List<String> phases, List<int[]> sizes, double speed, double warmup,
                                            double seconds, Optional<Path> shippedModel, PrintWriter log)
            throws StudioException {
        List<StudioLauncher.BenchRow> rows = new ArrayList<>();
        for (String phase : phases) {
            switch (phase) {
                case PLAY -> {
                    for (int[] size : sizes) {
                        rows.add(play(size[0], size[1], speed, warmup, seconds, log));
                    }
                }
                case TRAINING, EVALUATION -> rows.add(besideChild(phase, warmup, seconds, shippedModel, log));
                default -> throw new IllegalArgumentException("phase " + phase + ": expected one of " + PHASES);
            }
        }
        return rows;
    }

    private static StudioLauncher.BenchRow play(int w, int h, double speed, double warmup, double seconds,
                                                PrintWriter log)
            throws StudioException {
        Scenario s = StudioLauncher.resolve(Optional.of(StudioLauncher.DEFAULT_SCENARIO)).scenario();
        Object[] made = Fx.call(() -> {
            Themes.apply(false);
            ScenarioDocument doc = new ScenarioDocument(s);
            SimulationModel model = new SimulationModel(doc, Platform::runLater, Optional.empty());
            SimulationPane pane = new SimulationPane(model);
            ViewportView v = pane.viewport();
            v.setMinSize(w, h);
            v.setPrefSize(w, h);
            v.setMaxSize(w, h);
            Stage stage = new Stage();
            stage.setScene(new Scene(pane));
            stage.show();
            model.speedProperty().set(speed);
            model.statusProperty().addListener((o, a, st) -> {
                if (st.over()) {
                    model.reset();
                } else if (st == dev.wayfinder.studio.sim.EpisodeStatus.READY) {
                    model.play();
                }
            });
            model.start();
            return new Object[] {model, pane, stage};
        });
        SimulationModel model = (SimulationModel) made[0];
        SimulationPane pane = (SimulationPane) made[1];
        Stage stage = (Stage) made[2];
        ViewportView v = pane.viewport();
        LagProbe probe = new LagProbe(warmup + seconds);
        try {
            if (!Fx.await(() -> v.shownFrame() != null, 60_000)) {
                throw new StudioException("the viewport showed nothing within a minute: " + v.renderer().error()
                        + " " + model.statusTextProperty().get());
            }
            Fx.run(model::play);
            probe.start();
            sleep(warmup);
            long[] start = Fx.call(() -> new long[] {System.nanoTime(), v.shownProperty().get(),
                v.renderer().rendered(), stepsSoFar(model)});
            Cpu cpu = Cpu.now(Optional.empty());
            probe.measureFromNow();
            sleep(seconds);
            long[] end = Fx.call(() -> new long[] {System.nanoTime(), v.shownProperty().get(),
                v.renderer().rendered(), stepsSoFar(model)});
            double secs = (end[0] - start[0]) / 1e9;
            log.println(cpu.since(secs));
            long[] sorted = probe.stop();
            StudioLauncher.BenchRow row = new StudioLauncher.BenchRow(PLAY, w, h, speed,
                    (end[1] - start[1]) / secs, (end[2] - start[2]) / secs, (end[3] - start[3]) / secs,
                    percentile(sorted, 0.5), percentile(sorted, 0.99), max(sorted), sorted.length, Double.NaN,
                    v.renderer().description(), Glass.describeRunning());
            log.printf(Locale.ROOT, "%dx%d: %.1f frames/s shown%n", w, h, row.shownPerSecond());
            log.flush();
            return row;
        } finally {
            probe.stop();
            Fx.run(() -> {
                pane.close();
                stage.close();
            });
        }
    }

    /**
     * The studio's main window with the Training or Evaluation tab shown while that tab's child process works: a
     * {@code wayfinder train} run on the cluttered room (its curves and log following the run), or recorded episodes
     * of the shipped model (the expert without one) with the episode table and progress following them. The child
     * is started through the tab's model exactly as its Start/Run button does, measured from {@code warmup} seconds
     * after it started, and stopped after.
     */
    private static StudioLauncher.BenchRow besideChild(String phase, double warmup, double seconds,
                                                       Optional<Path> shippedModel, PrintWriter log)
            throws StudioException {
        Scenario s = StudioLauncher.resolve(Optional.of(StudioLauncher.DEFAULT_SCENARIO)).scenario();
        Path dir;
        try {
            dir = Files.createTempDirectory("wayfinder-studio-bench-");
        } catch (IOException e) {
            throw new StudioException("cannot make a folder for the benchmark's " + phase + " run: " + e.getMessage(), e);
        }
        MainWindow w = Fx.call(() -> {
            Themes.apply(false);
            StudioSettings settings = StudioSettings.inMemory();
            settings.setWindowSize(Snapshots.WIDTH, Snapshots.HEIGHT);
            MainWindow m = new MainWindow(new Stage(), settings, x -> Snapshots.NO_DIALOGS, s, Optional.empty(),
                    shippedModel);
            m.stage().show();
            String tab = phase.equals(TRAINING) ? "Training" : "Evaluation";
            m.workTabs().getTabs().stream().filter(t -> tab.equals(t.getText())).findFirst()
                    .ifPresent(t -> m.workTabs().getSelectionModel().select(t));
            return m;
        });
        LagProbe probe = new LagProbe(warmup + seconds);
        try {
            Fx.call(() -> {
                if (phase.equals(TRAINING)) {
                    w.training().start(new TrainingModel.Request(dir.resolve("run"), Optional.empty(),
                            List.of(StudioLauncher.DEFAULT_SCENARIO), OptionalInt.empty(), OptionalLong.of(1)));
                } else {
                    String policy = shippedModel.map(Path::toString).orElse("expert");
                    w.evaluation().run(new EvaluationModel.Request(StudioLauncher.DEFAULT_SCENARIO, policy,
                            EvaluationModel.Request.MAX_EPISODES, 1, true, dir.resolve("episodes")));
                }
                return null;
            });
            probe.start();
            sleep(warmup);
            Optional<ProcessHandle> child = ProcessHandle.current().children().findFirst();
            if (child.isEmpty()) {
                throw new StudioException("the " + phase + " child process ended within the warm-up: "
                        + Fx.call(() -> status(w, phase)));
            }
            Cpu cpu = Cpu.now(child);
            long t0 = System.nanoTime();
            probe.measureFromNow();
            sleep(seconds);
            double secs = (System.nanoTime() - t0) / 1e9;
            double childCpu = cpu.childPercent(secs);
            log.println(cpu.since(secs));
            long[] sorted = probe.stop();
            if (child.map(c -> !c.isAlive()).orElse(true)) {
                throw new StudioException("the " + phase + " child process ended before the measurement did: "
                        + Fx.call(() -> status(w, phase)));
            }
            log.printf(Locale.ROOT, "%s: %s%n", phase, Fx.call(() -> status(w, phase)));
            log.flush();
            return new StudioLauncher.BenchRow(phase, Snapshots.WIDTH, Snapshots.HEIGHT, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, percentile(sorted, 0.5), percentile(sorted, 0.99), max(sorted),
                    sorted.length, childCpu, "", Glass.describeRunning());
        } finally {
            probe.stop();
            Fx.run(w::close);
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            deleteQuietly(dir);
        }
    }

    private static String status(MainWindow w, String phase) {
        return phase.equals(TRAINING) ? w.training().statusProperty().get() : w.evaluation().statusProperty().get();
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // A temporary folder left behind is harmless.
        }
    }

    /**
     * How long tasks posted to the FX thread wait: a thread posts one every {@value #PROBE_EVERY_NANOS} ns and the
     * delay until it runs is recorded from {@link #measureFromNow()} on (what a click or a key press would wait).
     */
    private static final class LagProbe {
        private final AtomicBoolean probing = new AtomicBoolean(true);
        private final long[] lags;
        private final int[] count = new int[1];
        private final long[] measureFrom = new long[1];
        private Thread thread;

        LagProbe(double seconds) {
            lags = new long[(int) ((seconds + 10) * 1e9 / PROBE_EVERY_NANOS)];
        }

        void start() {
            thread = new Thread(() -> {
                while (probing.get()) {
                    long posted = System.nanoTime();
                    Platform.runLater(() -> {
                        long now = System.nanoTime();
                        if (posted >= measureFrom[0] && measureFrom[0] > 0 && count[0] < lags.length) {
                            lags[count[0]++] = now - posted;
                        }
                    });
                    java.util.concurrent.locks.LockSupport.parkNanos(PROBE_EVERY_NANOS);
                }
            }, "studio-bench-probe");
            thread.setDaemon(true);
            thread.start();
        }

        void measureFromNow() throws StudioException {
            Fx.run(() -> measureFrom[0] = System.nanoTime());
        }

        /** Stops probing; the delays measured, sorted. */
        long[] stop() throws StudioException {
            probing.set(false);
            long[] sorted = Fx.call(() -> Arrays.copyOf(lags, count[0]));
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /** CPU time taken so far by this process (by thread) and a child process. */
    private record Cpu(java.util.Map<String, Long> threads, long process, Optional<ProcessHandle> child, long childNanos) {
        static Cpu now(Optional<ProcessHandle> child) {
            return new Cpu(threadCpu(), processCpu(), child, child.map(Cpu::cpuOf).orElse(0L));
        }

        private static long cpuOf(ProcessHandle p) {
            return p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }

        /** The child's CPU over the last {@code secs} seconds, percent of one core (NaN without a child). */
        double childPercent(double secs) {
            return child.map(c -> 100 * (cpuOf(c) - childNanos) / 1e9 / secs).orElse(Double.NaN);
        }

        /** A line: where the CPU went over the last {@code secs} seconds. */
        String since(double secs) {
            java.util.Map<String, Long> now = threadCpu();
            StringBuilder where = new StringBuilder();
            where.append(String.format(Locale.ROOT, "  CPU over %.1f s: process %.0f %%", secs,
                    100 * (processCpu() - process) / 1e9 / secs));
            for (var e : now.entrySet()) {
                long d = e.getValue() - threads.getOrDefault(e.getKey(), 0L);
                if (d > 0.02 * secs * 1e9) {
                    where.append(String.format(Locale.ROOT, ", %s %.0f %%", e.getKey(), 100 * d / 1e9 / secs));
                }
            }
            child.ifPresent(c -> where.append(String.format(Locale.ROOT, "; child process %.0f %%",
                    childPercent(secs))));
            return where.toString();
        }
    }

    /** CPU time of each live Java thread by name (threads of one name summed), nanoseconds. */
    private static java.util.Map<String, Long> threadCpu() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                long t = mx.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    out.merge(info.getThreadName(), t, Long::sum);
                }
            }
        }
        return out;
    }

    /** CPU time of the whole process (native threads included), nanoseconds; 0 when unknown. */
    private static long processCpu() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** Steps simulated so far over all episodes (FX thread). */
    private static long stepsSoFar(SimulationModel model) {
        return model.stepsTaken();
    }

    private static double max(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A text table of the rows. */
    static String table(List<StudioLauncher.BenchRow> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-11s %-10s %6s %8s %10s %11s %10s %10s %10s %10s%n", "phase", "size",
                "speed", "shown/s", "rendered/s", "sim steps/s", "child CPU", "FX p50 ms", "FX p99 ms", "FX max ms"));
        for (StudioLauncher.BenchRow r : rows) {
            boolean play = r.phase().equals(PLAY);
            b.append(String.format(Locale.ROOT, "%-11s %-10s %6s %8s %10s %11s %10s %10.2f %10.2f %10.2f%n",
                    r.phase(), r.width() + "x" + r.height(),
                    !play ? "-" : Double.isInfinite(r.speed()) ? "max" : r.speed() + "x",
                    play ? String.format(Locale.ROOT, "%.1f", r.shownPerSecond()) : "-",
                    play ? String.format(Locale.ROOT, "%.1f", r.renderedPerSecond()) : "-",
                    play ? String.format(Locale.ROOT, "%.0f", r.stepsPerSecond()) : "-",
                    play ? "-" : String.format(Locale.ROOT, "%.0f %%", r.childCpuPercent()),
                    r.fxLatencyP50Millis(), r.fxLatencyP99Millis(), r.fxLatencyMaxMillis()));
        }
        rows.stream().filter(r -> !r.renderer().isEmpty()).findFirst().ifPresent(r ->
                b.append("3D viewport: ").append(r.renderer()).append(System.lineSeparator()));
        if (!rows.isEmpty()) {
            b.append("window: ").append(rows.get(0).pipeline()).append(System.lineSeparator());
        }
        b.append("size: the viewport's for play, the main window's for training and evaluation; child CPU: the"
                + " child process's, percent of one core").append(System.lineSeparator());
        return b.toString();
    }
}
