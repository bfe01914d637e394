package dev.wayfinder.studio;

import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.sim.SimulationModel;
import dev.wayfinder.studio.sim.SimulationPane;
import dev.wayfinder.studio.sim.ViewportView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    private StudioBench() {
    }

    static List<StudioLauncher.BenchRow> run(List<int[]> sizes, double speed, double warmup, double seconds,
                                            PrintWriter log)
            throws StudioException {
        List<StudioLauncher.BenchRow> rows = new ArrayList<>();
        for (int[] size : sizes) {
            rows.add(one(size[0], size[1], speed, warmup, seconds, log));
        }
        return rows;
    }

    private static StudioLauncher.BenchRow one(int w, int h, double speed, double warmup, double seconds,
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
        AtomicBoolean probing = new AtomicBoolean(true);
        long[] lags = new long[(int) ((warmup + seconds + 10) * 1e9 / PROBE_EVERY_NANOS)];
        int[] count = new int[1];
        long[] measureFrom = new long[1];
        try {
            if (!Fx.await(() -> v.shownFrame() != null, 60_000)) {
                throw new StudioException("the viewport showed nothing within a minute: " + v.renderer().error()
                        + " " + model.statusTextProperty().get());
            }
            Fx.run(model::play);
            Thread probe = new Thread(() -> {
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
            probe.setDaemon(true);
            probe.start();
            sleep(warmup);
            long[] start = Fx.call(() -> new long[] {System.nanoTime(), v.shownProperty().get(),
                v.renderer().rendered(), stepsSoFar(model)});
            java.util.Map<String, Long> cpu0 = threadCpu();
            long proc0 = processCpu();
            Fx.run(() -> measureFrom[0] = System.nanoTime());
            sleep(seconds);
            long[] end = Fx.call(() -> new long[] {System.nanoTime(), v.shownProperty().get(),
                v.renderer().rendered(), stepsSoFar(model)});
            java.util.Map<String, Long> cpu1 = threadCpu();
            long proc1 = processCpu();
            probing.set(false);
            double secs = (end[0] - start[0]) / 1e9;
            StringBuilder where = new StringBuilder();
            where.append(String.format(Locale.ROOT, "  CPU over %.1f s: process %.0f %%", secs,
                    100 * (proc1 - proc0) / 1e9 / secs));
            for (var e : cpu1.entrySet()) {
                long d = e.getValue() - cpu0.getOrDefault(e.getKey(), 0L);
                if (d > 0.02 * secs * 1e9) {
                    where.append(String.format(Locale.ROOT, ", %s %.0f %%", e.getKey(), 100 * d / 1e9 / secs));
                }
            }
            log.println(where);
            long[] sorted = Fx.call(() -> Arrays.copyOf(lags, count[0]));
            Arrays.sort(sorted);
            StudioLauncher.BenchRow row = new StudioLauncher.BenchRow(w, h, speed, (end[1] - start[1]) / secs,
                    (end[2] - start[2]) / secs, (end[3] - start[3]) / secs, percentile(sorted, 0.5),
                    percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                    sorted.length, v.renderer().description(), Glass.describeRunning());
            log.printf(Locale.ROOT, "%dx%d: %.1f frames/s shown%n", w, h, row.shownPerSecond());
            log.flush();
            return row;
        } finally {
            probing.set(false);
            Fx.run(() -> {
                pane.close();
                stage.close();
            });
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
        b.append(String.format(Locale.ROOT, "%-10s %6s %10s %12s %12s %10s %10s %10s%n", "viewport", "speed", "shown/s",
                "rendered/s", "sim steps/s", "FX p50 ms", "FX p99 ms", "FX max ms"));
        for (StudioLauncher.BenchRow r : rows) {
            b.append(String.format(Locale.ROOT, "%-10s %6s %10.1f %12.1f %12.0f %10.2f %10.2f %10.2f%n",
                    r.width() + "x" + r.height(), Double.isInfinite(r.speed()) ? "max" : r.speed() + "x",
                    r.shownPerSecond(), r.renderedPerSecond(), r.stepsPerSecond(),
                    r.fxLatencyP50Millis(), r.fxLatencyP99Millis(), r.fxLatencyMaxMillis()));
        }
        if (!rows.isEmpty()) {
            b.append("3D viewport: ").append(rows.get(0).renderer()).append(System.lineSeparator());
            b.append("window: ").append(rows.get(0).pipeline()).append(System.lineSeparator());
        }
        return b.toString();
    }
}
