package dev.wayfinder.studio.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.render.view.OrbitCamera;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.MainWindow;
import dev.wayfinder.studio.library.ScriptedDialogs;
import dev.wayfinder.studio.settings.StudioSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The simulation tab driven with the pointer, headless (Monocle, software rendering; the 3D view and the robot
 * camera through Mesa's EGL): frames arrive in the viewport while it plays, Step takes one step, Reset brings back
 * the first picture, and the scenario being edited stays as it was.
 */
@ExtendWith({NeedsEgl.class, ApplicationExtension.class})
class SimulationUiTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainWindow w;
    private SimulationPane pane;
    private Scenario original;

    @Start
    void start(Stage stage) {
        StudioSettings settings = StudioSettings.inMemory();
        settings.setWindowSize(1200, 760);
        original = Fixtures.bundled("cluttered-room");
        w = new MainWindow(stage, settings, x -> dialogs, original, Optional.empty(),
                Optional.of(Path.of("../models/cluttered-room-rgbd-map")));
        stage.show();
        pane = w.showSimulation();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(w::close);
    }

    private SimulationModel model() {
        return w.simulation();
    }

    /** The viewport's picture as ints (read on the FX thread). */
    private int[] pixels(FxRobot robot) {
        int[][] out = new int[1][];
        robot.interact(() -> {
            WritableImage img = pane.viewport().image();
            int iw = (int) img.getWidth();
            int ih = (int) img.getHeight();
            out[0] = new int[iw * ih];
            img.getPixelReader().getPixels(0, 0, iw, ih, PixelFormat.getIntArgbInstance(), out[0], 0, iw);
        });
        return out[0];
    }

    /** Waits until the viewport shows the simulation's newest frame, of step {@code steps}. */
    private void shows(int steps) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            SimFrame f = pane.viewport().shownFrame();
            return f != null && f.steps() == steps && model().frameCountProperty().get() == steps
                    && f.sequence() == model().frame().sequence();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until no new simulation frame has arrived for half a second (the last played step has landed). */
    private void quiet() throws Exception {
        long[] last = {-1, System.nanoTime()};
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            long seq = model().frame().sequence();
            if (seq != last[0]) {
                last[0] = seq;
                last[1] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - last[1] > 500_000_000L;
        });
    }

    private static int differing(int[] a, int[] b) {
        int n = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                n++;
            }
        }
        return n + Math.abs(a.length - b.length);
    }

    @Test
    void playShowsNewFramesStepTakesOneResetRestores(FxRobot robot) throws Exception {
        shows(0);
        int[] first = pixels(robot);
        assertTrue(first.length > 100_000, "a viewport-sized picture: " + first.length + " pixels");

        robot.clickOn("#sim-play");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            SimFrame f = pane.viewport().shownFrame();
            return f != null && f.steps() >= 30;
        });
        int[] playing = pixels(robot);
        int changed = differing(first, playing);
        assertTrue(changed > 200, "the robot moved in the picture: " + changed + " pixels changed");
        assertTrue(pane.viewport().shownProperty().get() >= 3, "several frames shown while playing: "
                + pane.viewport().shownProperty().get());
        robot.clickOn("#sim-play");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model().playingProperty().get());
        quiet();
        int at = model().frameCountProperty().get();
        robot.clickOn("#sim-step");
        shows(at + 1);
        quiet();
        assertEquals(at + 1, model().frameCountProperty().get(), "Step takes exactly one step");

        robot.clickOn("#sim-reset");
        shows(0);
        assertArrayEquals(first, pixels(robot), "Reset shows the first picture again, pixel for pixel");

        assertEquals(original, w.document().scenario(), "the scenario being edited is untouched");
        assertEquals(0, w.document().undoStack().undoSize());
        assertFalse(w.stage().getTitle().startsWith("*"), w.stage().getTitle());
    }

    /** Pixels of the overlay canvas within a small distance of the contact colour. */
    private int contactPixels(FxRobot robot) {
        int[] n = new int[1];
        robot.interact(() -> {
            var canvas = pane.viewport().overlayCanvas();
            javafx.scene.SnapshotParameters sp = new javafx.scene.SnapshotParameters();
            sp.setFill(javafx.scene.paint.Color.TRANSPARENT);
            WritableImage img = canvas.snapshot(sp, null);
            var r = img.getPixelReader();
            for (int y = 0; y < (int) img.getHeight(); y++) {
                for (int x = 0; x < (int) img.getWidth(); x++) {
                    javafx.scene.paint.Color c = r.getColor(x, y);
                    if (c.getOpacity() > 0.9 && Math.abs(c.getRed() - Overlays.CONTACT.getRed()) < 0.08
                            && Math.abs(c.getGreen() - Overlays.CONTACT.getGreen()) < 0.08
                            && Math.abs(c.getBlue() - Overlays.CONTACT.getBlue()) < 0.08) {
                        n[0]++;
                    }
                }
            }
        });
        return n[0];
    }

    @Test
    void drivingIntoABoxShowsWhereItTouchesWhileContactsAreOn(FxRobot robot) throws Exception {
        robot.interact(() -> {
            var doc = w.document();
            var start = doc.scenario().starts().get(0);
            doc.execute(new dev.wayfinder.studio.edit.StartChange("Face east", 0, start,
                    new dev.wayfinder.scenarios.model.StartSpec(start.region(), 0, 0)));
            w.editor().add(dev.wayfinder.studio.editor.PaletteItem.BOX,
                    start.region().center().plus(new dev.wayfinder.scenarios.model.Vec2(0.8, 0)));
            model().reset();
            model().driverProperty().set(Driver.TELEOP);
            model().speedProperty().set(Double.POSITIVE_INFINITY);
        });
        shows(0);
        assertEquals(0, contactPixels(robot), "nothing touches at the start");
        robot.interact(() -> {
            model().teleop(dev.wayfinder.sim.env.ActionSet.DEFAULT.indexOf("forward"));
            model().play();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            SimFrame f = pane.viewport().shownFrame();
            return f != null && f.status().over();
        });
        WaitForAsyncUtils.waitForFxEvents();
        SimFrame f = pane.viewport().shownFrame();
        assertEquals(EpisodeStatus.COLLISION, f.status(), f.detail() + " after " + f.steps() + " steps, robot at "
                + f.x(0) + ", " + f.y(0));
        assertTrue(f.contacts().length >= 6, "the frame carries the contact points");
        int on = contactPixels(robot);
        assertTrue(on > 20, "the contact drawn over the picture: " + on + " pixels");
        robot.clickOn("#sim-overlays");
        robot.clickOn("Contacts (where bodies touch, with the normal)");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, contactPixels(robot), "and gone with the Contacts toggle off");
    }

    @Test
    void theMouseOrbitsZoomsAndPansTheStudioCamera(FxRobot robot) throws Exception {
        shows(0);
        int[] first = pixels(robot);
        OrbitCamera c0 = pane.viewport().cameraProperty().get();
        Point2D centre = pane.viewport().localToScreen(pane.viewport().getWidth() / 2, pane.viewport().getHeight() / 2);
        robot.drag(centre, MouseButton.PRIMARY).moveBy(80, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        OrbitCamera c1 = pane.viewport().cameraProperty().get();
        assertNotEquals(c0.azimuth(), c1.azimuth(), 1e-6, "dragging orbits");
        assertEquals(c0.distance(), c1.distance(), 1e-9);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> differing(first, pixels(robot)) > 1000);

        robot.moveTo(centre).scroll(3);
        WaitForAsyncUtils.waitForFxEvents();
        OrbitCamera c2 = pane.viewport().cameraProperty().get();
        assertNotEquals(c1.distance(), c2.distance(), 1e-9, "scrolling zooms");

        robot.drag(centre, MouseButton.SECONDARY).moveBy(0, 60).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        OrbitCamera c3 = pane.viewport().cameraProperty().get();
        assertTrue(Math.hypot(c3.targetX() - c2.targetX(), c3.targetY() - c2.targetY()) > 0.05,
                "right-dragging pans");
        assertEquals(c2.distance(), c3.distance(), 1e-9);
        assertEquals(0, model().frameCountProperty().get(), "moving the camera does not step the simulation");
    }
}
