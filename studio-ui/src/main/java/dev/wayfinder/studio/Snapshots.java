package dev.wayfinder.studio;

import dev.wayfinder.scenarios.image.Png;
import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.edit.Selection;
import dev.wayfinder.studio.editor.PaletteItem;
import dev.wayfinder.studio.library.DialogService;
import dev.wayfinder.studio.settings.StudioSettings;
import dev.wayfinder.studio.sim.EpisodeStatus;
import dev.wayfinder.studio.sim.SimFrame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

/**
 * The pictures {@code wayfinder studio --snapshot DIR} writes: each main view with the live validation settled,
 * rendered by the scene graph's own snapshot (the same pixels a window shows) and written by scenarios' PNG writer.
 */
final class Snapshots {
    /** Scene size of the pictures, pixels. */
    static final int WIDTH = 1440;
    static final int HEIGHT = 900;

    /** Dialogs that must never be asked for while taking pictures. */
    static final DialogService NO_DIALOGS = new DialogService() {
        @Override
        public SaveChoice askSaveChanges(String document) {
            return SaveChoice.DISCARD;
        }

        @Override
        public boolean askReloadChanged(String document) {
            return false;
        }

        @Override
        public Optional<Path> chooseFileToOpen() {
            return Optional.empty();
        }

        @Override
        public Optional<Path> chooseFileToSave(String suggestedName) {
            return Optional.empty();
        }

        @Override
        public void showError(String what, String details) {
            throw new IllegalStateException(what + ": " + details);
        }
    };

    private Snapshots() {
    }

    /** Control steps the expert drives before the simulation pictures are taken. */
    static final int SIMULATION_STEPS = 40;

    /**
     * Writes the pictures into {@code dir}.
     *
     * @param shippedModel the model whose input size the camera panel's policy view shows, if one is shipped
     */
    static List<Path> write(Path dir, Optional<Path> shippedModel, PrintWriter log) throws StudioException {
        List<Path> out = new ArrayList<>();
        out.add(writeEditor(dir, log));
        out.add(view(dir.resolve("studio-validation.png"), "narrow-doorway", false, w ->
                // A box dropped into the doorway: no path is left between the two rooms.
                w.editor().add(PaletteItem.BOX, dev.wayfinder.scenarios.model.Vec2.ZERO), log));
        out.add(view(dir.resolve("studio-editor-dark.png"), "warehouse-aisles", true, w ->
                w.document().selectionProperty().set(new Selection.GoalItem(0)), log));
        out.add(writePatrol(dir, log));
        out.addAll(simulation(dir, shippedModel, log));
        out.add(evaluation(dir, log));
        out.add(RosSnapshot.write(dir, shippedModel, NO_DIALOGS, log));
        out.add(randomization(dir.resolve("studio-randomization.png"), log));
        return out;
    }

    /**
     * Only the first picture, the editor on the cluttered room with a crate selected (and, in a real window, the
     * window as the display shows it, {@code studio-screen.png}, checked against it): the quick check that the studio
     * opens its window.
     */
    static Path writeEditor(Path dir, PrintWriter log) throws StudioException {
        return view(dir.resolve("studio-editor.png"), "cluttered-room", false, w ->
                w.document().selectionProperty().set(new Selection.ObstacleItem("crate-1")), log);
    }

    /**
     * The editor on the moving-obstacles scenario with the cart selected and its second waypoint: the patrol loop
     * drawn with its numbered waypoint handles, the inspector showing its speed, mode and the waypoint.
     */
    static Path writePatrol(Path dir, PrintWriter log) throws StudioException {
        return view(dir.resolve("studio-patrol.png"), "moving-obstacles", false, w -> {
            w.document().selectionProperty().set(new Selection.ObstacleItem("cart"));
            w.document().waypointProperty().set(1);
        }, log);
    }

    /** The randomization tab on the cluttered room, its gallery of 16 episodes finished. */
    private static Path randomization(Path file, PrintWriter log) throws StudioException {
        Scenario s = bundled("cluttered-room");
        MainWindow w = Fx.call(() -> {
            Themes.apply(false);
            StudioSettings settings = StudioSettings.inMemory();
            settings.setWindowSize(WIDTH, HEIGHT);
            MainWindow m = new MainWindow(new Stage(), settings, x -> NO_DIALOGS, s, Optional.empty());
            m.stage().show();
            m.workTabs().getTabs().stream().filter(t -> "tab-randomization".equals(t.getId())).findFirst()
                    .ifPresent(t -> m.workTabs().getSelectionModel().select(t));
            return m;
        });
        try {
            boolean done = Fx.await(() -> w.randomization().finishedProperty().get()
                    == dev.wayfinder.studio.randomization.RandomizationModel.TILES, 120_000);
            require(done, () -> "the gallery did not fill within two minutes: "
                    + w.randomization().statusProperty().get());
            Fx.await(() -> true, 100);
            BufferedImage img = picture(w);
            png(img, file);
            log.println("wrote " + file);
            log.flush();
            return file;
        } finally {
            Fx.run(w::close);
        }
    }

    /**
     * The simulation tab after the expert drove {@value #SIMULATION_STEPS} steps through the cluttered room, with
     * every overlay on, and the robot camera panel on its own.
     */
    private static List<Path> simulation(Path dir, Optional<Path> shippedModel, PrintWriter log)
            throws StudioException {
        Scenario s = bundled("cluttered-room");
        MainWindow w = Fx.call(() -> {
            Themes.apply(false);
            StudioSettings settings = StudioSettings.inMemory();
            settings.setWindowSize(WIDTH, HEIGHT);
            MainWindow m = new MainWindow(new Stage(), settings, x -> NO_DIALOGS, s, Optional.empty(), shippedModel);
            m.stage().show();
            m.showSimulation();
            m.simulation().showLidarProperty().set(true);
            return m;
        });
        try {
            boolean ready = Fx.await(() -> w.simulation().frame() != null, 60_000);
            require(ready && w.simulation().frame().status() != EpisodeStatus.ERROR,
                    () -> "the simulation did not start: " + w.simulation().statusTextProperty().get());
            Fx.run(() -> {
                for (int i = 0; i < SIMULATION_STEPS; i++) {
                    w.simulation().step();
                }
            });
            boolean drawn = Fx.await(() -> {
                SimFrame shown = w.showSimulation().viewport().shownFrame();
                return w.simulation().frameCountProperty().get() == SIMULATION_STEPS && shown != null
                        && shown.steps() == SIMULATION_STEPS;
            }, 120_000);
            require(drawn, () -> "the viewport did not show step " + SIMULATION_STEPS + " within two "
                    + "minutes; " + w.simulation().statusTextProperty().get() + " " + w.showSimulation().viewport().renderer().error());
            // One more pulse so the overlays and the camera panel are laid out with the last frame.
            Fx.await(() -> true, 100);
            Path sim = dir.resolve("studio-simulation.png");
            Path cam = dir.resolve("studio-camera.png");
            BufferedImage whole = picture(w);
            BufferedImage panel = Fx.call(() -> toAwt(w.showSimulation().cameraPanel().snapshot(null, null)));
            png(whole, sim);
            png(panel, cam);
            log.println("wrote " + sim);
            log.println("wrote " + cam);
            log.flush();
            return List.of(sim, cam);
        } finally {
            Fx.run(w::close);
        }
    }

    /** Recorded expert episodes of the cluttered room (seeds 0 to 3), the evaluation tab's snapshot replays seed 2. */
    static final long[] EVALUATION_SEEDS = {0, 1, 2, 3};

    /**
     * The evaluation tab with four recorded expert episodes of the cluttered room (recorded here as {@code wayfinder sim
     * run --record} records them, into a temporary folder), the third replayed and scrubbed to its middle.
     */
    private static Path evaluation(Path dir, PrintWriter log) throws StudioException {
        Scenario s = bundled("cluttered-room");
        Path runs;
        try {
            runs = java.nio.file.Files.createTempDirectory("wayfinder-snapshot-eval");
            var folder = dev.wayfinder.sim.record.RecordingFolder.fresh(runs);
            try (var env = new dev.wayfinder.sim.env.NavEnv(dev.wayfinder.sim.eval.PerturbedStarts.of(s),
                    dev.wayfinder.sim.env.EnvConfig.DISCRETE)) {
                for (long seed : EVALUATION_SEEDS) {
                    var r = dev.wayfinder.sim.record.Recorder.runEpisode(env,
                            dev.wayfinder.sim.eval.Policy.expert(dev.wayfinder.sim.env.EnvConfig.DISCRETE), seed);
                    folder.add("expert", false, r.outcome(), r.recording());
                }
            }
        } catch (IOException e) {
            throw new StudioException("could not record the evaluation snapshot's episodes: " + e.getMessage(), e);
        }
        MainWindow w = Fx.call(() -> {
            Themes.apply(false);
            StudioSettings settings = StudioSettings.inMemory();
            settings.setWindowSize(WIDTH, HEIGHT);
            settings.setDividers("middle", new double[] {0.97});
            MainWindow m = new MainWindow(new Stage(), settings, x -> NO_DIALOGS, s, Optional.empty());
            m.stage().show();
            m.workTabs().getSelectionModel().select(m.workTabs().getTabs().stream()
                    .filter(t -> "tab-evaluation".equals(t.getId())).findFirst().orElseThrow());
            m.evaluation().open(runs);
            return m;
        });
        try {
            require(Fx.await(() -> w.evaluation().episodes().size() == EVALUATION_SEEDS.length, 60_000),
                    () -> "the recorded episodes were not listed: " + w.evaluation().statusProperty().get());
            Fx.run(() -> w.evaluationView().episodes().getSelectionModel().select(2));
            require(Fx.await(() -> w.replay().track() != null, 60_000), () -> "the episode was not replayed");
            int middle = Fx.call(() -> w.replay().lastStepProperty().get() / 2);
            Fx.run(() -> w.replay().seek(middle));
            require(Fx.await(() -> w.replay().cameraStepProperty().get() == middle, 60_000),
                    () -> "the replay camera did not draw step " + middle + ": "
                            + w.replay().cameraErrorProperty().get());
            Fx.await(() -> true, 100);
            BufferedImage img = picture(w);
            Path file = dir.resolve("studio-evaluation.png");
            png(img, file);
            log.println("wrote " + file);
            log.flush();
            return file;
        } finally {
            Fx.run(w::close);
            try (var files = java.nio.file.Files.list(runs)) {
                for (Path f : files.toList()) {
                    java.nio.file.Files.deleteIfExists(f);
                }
                java.nio.file.Files.deleteIfExists(runs);
            } catch (IOException e) {
                log.println("could not remove " + runs + ": " + e.getMessage());
            }
        }
    }

    private static Scenario bundled(String name) {
        try {
            return ScenarioLibrary.load(name);
        } catch (ScenarioException e) {
            throw new IllegalStateException(e);
        }
    }

    static void png(BufferedImage img, Path file) throws StudioException {
        try {
            Png.write(img, file);
        } catch (IOException e) {
            throw new StudioException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void require(boolean ok, java.util.function.Supplier<String> why) {
        if (!ok) {
            throw new IllegalStateException(why.get());
        }
    }

    private static Path view(Path file, String scenario, boolean dark, java.util.function.Consumer<MainWindow> setUp,
                             PrintWriter log) throws StudioException {
        Scenario s;
        try {
            s = ScenarioLibrary.load(scenario);
        } catch (ScenarioException e) {
            throw new IllegalStateException(e);
        }
        MainWindow w = Fx.call(() -> {
            Themes.apply(dark);
            StudioSettings settings = StudioSettings.inMemory();
            settings.setWindowSize(WIDTH, HEIGHT);
            MainWindow m = new MainWindow(new Stage(), settings, x -> NO_DIALOGS, s, Optional.empty());
            m.stage().show();
            setUp.accept(m);
            return m;
        });
        boolean settled = Fx.await(() -> w.validation().report().scenario().equals(w.document().scenario())
                && !w.validation().runningProperty().get(), 60_000);
        if (!settled) {
            throw new IllegalStateException("the validation of " + scenario + " did not finish within a minute");
        }
        awaitFullSize(w);
        BufferedImage img = Fx.call(() -> {
            w.canvas().redraw();
            return toAwt(w.scene().snapshot(null));
        });
        if (file.getFileName().toString().equals("studio-editor.png") && !Fx.call(Snapshots::headless)) {
            screen(w, img, file.resolveSibling("studio-screen.png"), log);
        }
        try {
            Png.write(img, file);
        } catch (IOException e) {
            throw new StudioException("could not write " + file + ": " + e.getMessage(), e);
        } finally {
            Fx.run(w::close);
        }
        log.println("wrote " + file);
        log.flush();
        return file;
    }

    /**
     * Waits until {@code w} is shown at the pictures' size: a real window is sized by the display's window manager
     * after it is shown, and a picture of a window that did not open, or opened at another size, is refused.
     */
    static void awaitFullSize(MainWindow w) throws StudioException {
        boolean ok = Fx.await(() -> w.stage().isShowing() && w.scene().getWidth() == WIDTH
                && w.scene().getHeight() == HEIGHT, 10_000);
        if (!ok) {
            String size = Fx.call(() -> w.stage().isShowing()
                    ? "it is " + (int) w.scene().getWidth() + "x" + (int) w.scene().getHeight() : "it is not shown");
            throw new IllegalStateException("the studio window did not open at " + WIDTH + "x" + HEIGHT
                    + " within 10 s (" + size + ")");
        }
    }

    /** The whole window as a picture, once it is shown at full size. */
    static BufferedImage picture(MainWindow w) throws StudioException {
        awaitFullSize(w);
        return Fx.call(() -> toAwt(w.scene().snapshot(null)));
    }

    /** Whether JavaFX runs on Monocle's headless platform (FX thread). */
    static boolean headless() {
        return Glass.describeRunning().startsWith("Monocle");
    }

    /** Share of pixels of the screen's picture of a window that must match its scene picture to pass. */
    static final double SCREEN_MATCH = 0.9;

    /**
     * In a real window: reads the window's pixels back from the display (what the X server shows, through JavaFX's
     * robot; on a HiDPI screen scaled to the window's size), writes them to {@code file}, and requires that at least {@value #SCREEN_MATCH} of them match the
     * scene's own picture {@code expected} (each channel within 8): a window that never reached the screen, or shows
     * something else, fails here. Another window on top of it would too, so the pictures are best taken on a display
     * of their own ({@code xvfb-run}).
     */
    static void screen(MainWindow w, BufferedImage expected, Path file, PrintWriter log) throws StudioException {
        Fx.await(() -> true, 300);
        BufferedImage shot = Fx.call(() -> {
            javafx.geometry.Point2D at = w.scene().getRoot().localToScreen(0, 0);
            WritableImage img = new javafx.scene.robot.Robot().getScreenCapture(null, at.getX(), at.getY(), WIDTH,
                    HEIGHT, true);
            return toAwt(img);
        });
        png(shot, file);
        long same = 0;
        int width = Math.min(shot.getWidth(), expected.getWidth());
        int height = Math.min(shot.getHeight(), expected.getHeight());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int a = shot.getRGB(x, y);
                int b = expected.getRGB(x, y);
                if (Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)) <= 8 && Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff)) <= 8
                        && Math.abs((a & 0xff) - (b & 0xff)) <= 8) {
                    same++;
                }
            }
        }
        double share = same / (double) (WIDTH * HEIGHT);
        log.printf(java.util.Locale.ROOT, "wrote %s (the window as the display shows it: %.1f %% of its pixels as "
                + "drawn)%n", file, 100 * share);
        log.flush();
        require(share >= SCREEN_MATCH, () -> String.format(java.util.Locale.ROOT, "the studio window on the display "
                + "does not show what it drew: only %.1f %% of its pixels match (%s); is another window on top of it?",
                100 * share, file));
    }

    static BufferedImage toAwt(WritableImage fx) {
        int w = (int) fx.getWidth();
        int h = (int) fx.getHeight();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader r = fx.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        return img;
    }
}
