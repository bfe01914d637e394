package dev.wayfinder.studio;

import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * How the {@code wayfinder studio} command starts the studio. Its signatures name no JavaFX type, so the CLI can
 * link against it while JavaFX stays unloaded until the studio actually starts: headless commands never load it.
 * The JavaFX toolkit can start once per JVM, so each method may be called once per process.
 */
public final class StudioLauncher {
    /** The scenario the studio opens when none is given. */
    public static final String DEFAULT_SCENARIO = "cluttered-room";

    private StudioLauncher() {
    }

    /**
     * Opens the studio window on {@code file} (a scenario file, or the name of a bundled scenario; the default one
     * when empty) and returns when the user closes it.
     *
     * @param shippedModel the folder of the trained model the simulation's model driver uses, if one is shipped
     * @throws StudioException when the file cannot be loaded (every problem, located) or there is no display
     */
    public static void open(Optional<String> file, Optional<Path> shippedModel) throws StudioException {
        Opened opened = resolve(file);
        Glass glass = Glass.ofThisProcess(false);
        if (glass.headless() && !"Monocle".equals(System.getProperty("glass.platform"))) {
            throw new StudioException("no display to open the studio window on (DISPLAY is not set); run it on a "
                    + "desktop session, under 'xvfb-run', or write pictures without a display with "
                    + "'wayfinder studio --snapshot DIR'");
        }
        CountDownLatch closed = new CountDownLatch(1);
        Fx.start();
        Fx.run(() -> StudioWindows.openMain(opened.scenario(), opened.file(), shippedModel, closed::countDown));
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Fx.exit();
    }

    /**
     * Writes a PNG of each main view into {@code dir}: the editor with a scenario in the light and the dark theme,
     * the live validation showing a problem, the simulation tab after the expert drove a few seconds, the robot camera
     * panel, the evaluation, ROS 2 and randomization tabs. The windows open on the display where there is one (GTK
     * on Linux: the pictures are what a real window shows) and on Monocle's headless platform where there is none or
     * when {@code headless} asks for it; the first line logged names the platform and its renderer.
     *
     * @param shippedModel the trained model whose input size the camera panel's policy view shows, if one is shipped
     * @param headless     Monocle's headless platform even where there is a display
     * @param log          progress lines ("wrote ...") go here
     * @return the files written
     */
    public static List<Path> snapshot(Path dir, Optional<Path> shippedModel, boolean headless, PrintWriter log)
            throws StudioException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StudioException("--snapshot: " + dir + " is a file; expected a folder to write the pictures into");
        }
        Glass glass = Glass.ofThisProcess(headless);
        glass.configure(Snapshots.WIDTH, Snapshots.HEIGHT);
        Fx.start();
        try {
            log.println("platform: " + Glass.describeRunning() + " (" + glass.reason() + ")");
            log.flush();
            return Snapshots.write(dir, shippedModel, log);
        } finally {
            Fx.exit();
        }
    }

    /** The phases the responsiveness benchmark can measure: play, training, evaluation. */
    public static final List<String> BENCH_PHASES = StudioBench.PHASES;

    /**
     * One row of the studio's responsiveness benchmark.
     *
     * @param phase              what the studio was doing: "play" (the simulation tab playing), "training" (the
     *                           Training tab following a {@code wayfinder train} child), "evaluation" (the Evaluation
     *                           tab following a child recording episodes)
     * @param width              viewport width (play) or main window width, pixels
     * @param height             viewport height (play) or main window height, pixels
     * @param speed              simulated seconds per second (infinite: flat out; NaN but for play)
     * @param shownPerSecond     new viewport pictures shown per second (NaN but for play)
     * @param renderedPerSecond  pictures the viewport's renderer finished per second (some are overtaken unshown)
     * @param stepsPerSecond     control steps simulated per second (with the robot camera)
     * @param fxLatencyP50Millis median delay of a task posted to the FX thread, milliseconds
     * @param fxLatencyP99Millis its 99th percentile
     * @param fxLatencyMaxMillis its maximum
     * @param probes             delays measured
     * @param childCpuPercent    the child process's CPU while measured, percent of one core (NaN for play)
     * @param renderer           the OpenGL renderer
     * @param pipeline           the JavaFX platform and renderer measured (e.g. "GTK window, prism sw (software)")
     */
    public record BenchRow(String phase, int width, int height, double speed, double shownPerSecond, double renderedPerSecond,
                           double stepsPerSecond, double fxLatencyP50Millis, double fxLatencyP99Millis,
                           double fxLatencyMaxMillis, int probes, double childCpuPercent, String renderer,
                           String pipeline) {
    }

    /**
     * Measures the studio's FX thread latency in each of {@code phases} ({@link #BENCH_PHASES}): while the
     * simulation plays at {@code speed} with the expert driving, at each viewport size ({@code {width, height}}
     * pixels, with the viewport pictures per second); while the Training tab follows a real {@code wayfinder train}
     * child; while the Evaluation tab follows a child recording episodes of {@code shippedModel} (the expert without
     * one). In a real window where there is a display, on Monocle's headless platform where there is none or when
     * {@code headless} asks.
     *
     * @param log one progress line per row
     */
    public static List<BenchRow> benchmark(List<String> phases, List<int[]> sizes, double speed, double warmupSeconds,
                                           double seconds, Optional<Path> shippedModel, boolean headless,
                                           PrintWriter log) throws StudioException {
        int sw = Snapshots.WIDTH;
        int sh = Snapshots.HEIGHT;
        for (int[] s : sizes) {
            // Room for the toolbar, the camera panel and the status line beside and around the viewport.
            sw = Math.max(sw, s[0] + 600);
            sh = Math.max(sh, s[1] + 200);
        }
        Glass glass = Glass.ofThisProcess(headless);
        glass.configure(sw, sh);
        Fx.start();
        try {
            log.println("platform: " + Glass.describeRunning() + " (" + glass.reason() + ")");
            log.flush();
            return StudioBench.run(phases, sizes, speed, warmupSeconds, seconds, shippedModel, log);
        } finally {
            Fx.exit();
        }
    }

    /** The benchmark's rows as a text table. */
    public static String benchmarkTable(List<BenchRow> rows) {
        return StudioBench.table(rows);
    }

    /** A scenario to open and the file it came from. */
    record Opened(Scenario scenario, Optional<Path> file) {
    }

    static Opened resolve(Optional<String> arg) throws StudioException {
        String name = arg.orElse(DEFAULT_SCENARIO);
        Path p = Path.of(name);
        try {
            if (Files.exists(p)) {
                if (!Files.isRegularFile(p)) {
                    throw new StudioException(name + ": not a file; expected a scenario file (YAML) or a bundled "
                            + "scenario's name (" + String.join(", ", ScenarioLibrary.NAMES) + ")");
                }
                return new Opened(ScenarioLoader.load(p), Optional.of(p));
            }
            String bare = name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
            if (ScenarioLibrary.contains(bare)) {
                return new Opened(ScenarioLibrary.load(bare), Optional.empty());
            }
        } catch (ScenarioException e) {
            throw new StudioException(e.getMessage(), e);
        }
        throw new StudioException(name + ": no such file, and not a bundled scenario (those are "
                + String.join(", ", ScenarioLibrary.NAMES) + ")");
    }

}
