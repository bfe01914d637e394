package dev.wayfinder.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.draw.MapLayout;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.studio.edit.Scenarios;
import dev.wayfinder.studio.edit.Selection;
import dev.wayfinder.studio.library.ScriptedDialogs;
import dev.wayfinder.studio.settings.StudioSettings;
import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Zoom and pan of the map editor with the pointer and the keys, headless; editing stays exact when zoomed. */
@ExtendWith(ApplicationExtension.class)
class MapZoomUiTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainWindow w;

    @Start
    void start(Stage stage) {
        StudioSettings settings = StudioSettings.inMemory();
        settings.setWindowSize(1200, 760);
        w = new MainWindow(stage, settings, x -> dialogs, Fixtures.bundled("cluttered-room"), Optional.empty());
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(w::close);
    }

    private Point2D screen(Vec2 p) {
        double[] px = w.canvas().toPixels(p);
        return w.canvas().localToScreen(px[0], px[1]);
    }

    private Vec2 worldAt(Point2D screen) {
        Point2D local = w.canvas().screenToLocal(screen);
        MapLayout l = w.canvas().mapLayout();
        return new Vec2(l.worldX(local.getX()), l.worldY(local.getY()));
    }

    @Test
    void scrollZoomsAtThePointerDragsPanAndHomeFits(FxRobot robot) {
        MapLayout fitted = w.canvas().mapLayout();
        Obstacle crate = Scenarios.obstacle(w.document().scenario(), "crate-1").orElseThrow();
        Point2D at = screen(crate.pose().position());
        Vec2 under = worldAt(at);
        // The wheel through the robot (Monocle reports one unit per notch, in its own direction) ...
        robot.moveTo(at).scroll(40, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        double wheeled = w.canvas().view().zoomProperty().get();
        assertTrue(Math.abs(wheeled - 1) > 0.05, "the wheel zooms, zoom " + wheeled);
        Vec2 kept = worldAt(at);
        assertEquals(under.x(), kept.x(), 1 / w.canvas().mapLayout().pixelsPerMetre(), "about the pointer");
        assertEquals(under.y(), kept.y(), 1 / w.canvas().mapLayout().pixelsPerMetre());
        // ... and a desktop's notch away from the user (deltaY +40) zooms in.
        Point2D scene = w.canvas().localToScene(w.canvas().screenToLocal(at));
        robot.interact(() -> w.canvas().fireEvent(new ScrollEvent(ScrollEvent.SCROLL, scene.getX(), scene.getY(),
                at.getX(), at.getY(), false, false, false, false, false, false, 0, 200, 0, 200,
                ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
        double zoom = w.canvas().view().zoomProperty().get();
        assertEquals(wheeled * Math.pow(1.0025, 200), zoom, 1e-9, "wheel forward zooms in");
        assertEquals(fitted.pixelsPerMetre() * zoom, w.canvas().mapLayout().pixelsPerMetre(),
                fitted.pixelsPerMetre() * 0.02);
        Vec2 still = worldAt(at);
        double pixel = 1 / w.canvas().mapLayout().pixelsPerMetre();
        assertEquals(under.x(), still.x(), pixel, "the point under the pointer stays there");
        assertEquals(under.y(), still.y(), pixel);

        // Zoomed in, a click still picks what is under the pointer.
        robot.clickOn(screen(crate.pose().position()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Selection.ObstacleItem("crate-1"), w.document().selection());

        // Middle-drag pans by the pixels dragged and edits nothing.
        Point2D from = w.canvas().localToScreen(200, 200);
        double px0 = w.canvas().mapLayout().px(0);
        double py0 = w.canvas().mapLayout().py(0);
        robot.drag(from, MouseButton.MIDDLE).moveTo(from.add(60, -40)).release(MouseButton.MIDDLE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(px0 + 60, w.canvas().mapLayout().px(0), 1.0);
        assertEquals(py0 - 40, w.canvas().mapLayout().py(0), 1.0);

        // Space + drag pans too.
        robot.press(KeyCode.SPACE);
        robot.drag(from, MouseButton.PRIMARY).moveTo(from.add(-30, 25)).release(MouseButton.PRIMARY);
        robot.release(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(px0 + 30, w.canvas().mapLayout().px(0), 1.0);
        assertEquals(py0 - 15, w.canvas().mapLayout().py(0), 1.0);
        assertEquals(0, w.document().undoStack().undoSize(), "panning edits nothing");

        // Minus zooms out about the middle; Home fits the arena again.
        double before = w.canvas().view().zoomProperty().get();
        robot.type(KeyCode.MINUS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before / 1.25, w.canvas().view().zoomProperty().get(), 1e-9);
        robot.type(KeyCode.HOME);
        WaitForAsyncUtils.waitForFxEvents();
        MapLayout home = w.canvas().mapLayout();
        assertEquals(fitted.px(1), home.px(1), 1e-9);
        assertEquals(fitted.py(1), home.py(1), 1e-9);
    }
}
