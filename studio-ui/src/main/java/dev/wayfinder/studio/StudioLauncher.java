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
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if (isLinux() && (display == null || display.isBlank()) && (wayland == null || wayland.isBlank())
                && !"Monocle".equals(System.getProperty("glass.platform"))) {
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
     * Writes a PNG of each main view into {@code dir} under Monocle's headless platform (no display needed): the
     * editor with a scenario in the light and the dark theme, the live validation showing a problem, the simulation
     * tab after the expert drove a few seconds, the robot camera panel, and the ROS 2 tab listing and echoing the
     * topics of a stand-in robot node run in this process on a private localhost-only domain.
     *
     * @param shippedModel the trained model whose input size the camera panel's policy view shows, if one is shipped
     * @param log          progress lines ("wrote ...") go here
     * @return the files written
     */
    public static List<Path> snapshot(Path dir, Optional<Path> shippedModel, PrintWriter log) throws StudioException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StudioException("--snapshot: " + dir + " is a file; expected a folder to write the pictures into");
        }
        headless(Snapshots.WIDTH, Snapshots.HEIGHT);
        Fx.start();
        try {
            return Snapshots.write(dir, shippedModel, log);
        } finally {
            Fx.exit();
        }
    }

    /** Monocle's headless platform with the software renderer: JavaFX reads these when its toolkit starts. */
    private static void headless(int screenWidth, int screenHeight) {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.lcdtext", "false");
        // Monocle's headless screen must hold the whole window (its default, 1280x800, is smaller).
        System.setProperty("headless.geometry", screenWidth + "x" + screenHeight + "-32");
    }

    /**
     * One row of the studio's responsiveness benchmark.
     *
     * @param width              viewport width, pixels
     * @param height             viewport height, pixels
     * @param speed              simulated seconds per second (infinite: flat out)
     * @param shownPerSecond     new viewport pictures shown per second
     * @param renderedPerSecond  pictures the viewport's renderer finished per second (some are overtaken unshown)
     * @param stepsPerSecond     control steps simulated per second (with the robot camera)
     * @param fxLatencyP50Millis median delay of a task posted to the FX thread, milliseconds
     * @param fxLatencyP99Millis its 99th percentile
     * @param fxLatencyMaxMillis its maximum
     * @param probes             delays measured
     * @param renderer           the OpenGL renderer
     */
    public record BenchRow(int width, int height, double speed, double shownPerSecond, double renderedPerSecond,
                           double stepsPerSecond, double fxLatencyP50Millis, double fxLatencyP99Millis,
                           double fxLatencyMaxMillis, int probes, String renderer) {
    }

    /**
     * Measures the studio while the simulation plays at {@code speed} with the expert driving, at each viewport size
     * ({@code {width, height}} pixels), headless: viewport pictures per second and the FX thread's latency.
     *
     * @param log one progress line per size
     */
    public static List<BenchRow> benchmark(List<int[]> sizes, double speed, double warmupSeconds, double seconds,
                                           PrintWriter log) throws StudioException {
        int sw = 1024;
        int sh = 768;
        for (int[] s : sizes) {
            // Room for the toolbar, the camera panel and the status line beside and around the viewport.
            sw = Math.max(sw, s[0] + 600);
            sh = Math.max(sh, s[1] + 200);
        }
        headless(sw, sh);
        Fx.start();
        try {
            return StudioBench.run(sizes, speed, warmupSeconds, seconds, log);
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

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }
}
