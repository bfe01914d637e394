package dev.wayfinder.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.studio.edit.Scenarios;
import dev.wayfinder.studio.edit.Selection;
import dev.wayfinder.studio.library.ScriptedDialogs;
import dev.wayfinder.studio.settings.StudioSettings;
import dev.wayfinder.studio.validation.Issue;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The studio driven like a user would, headless (Monocle, software rendering; see the surefire configuration):
 * pointer drags on the map, keyboard shortcuts, typing into the inspector, the palette's buttons.
 */
@ExtendWith(ApplicationExtension.class)
class StudioUiTest {
    @TempDir
    Path dir;

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainWindow w;

    @Start
    void start(Stage stage) {
        Themes.apply(false);
        StudioSettings settings = StudioSettings.inMemory();
        settings.setWindowSize(1200, 760);
        w = new MainWindow(stage, settings, x -> dialogs, Fixtures.bundled("cluttered-room"), Optional.empty());
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(w::close);
    }

    private Obstacle obstacle(String id) {
        return Scenarios.obstacle(w.document().scenario(), id).orElseThrow(() -> new AssertionError("no " + id));
    }

    /** Where world point {@code p} is on the screen. */
    private Point2D screen(Vec2 p) {
        double[] px = w.canvas().toPixels(p);
        return w.canvas().localToScreen(px[0], px[1]);
    }

    private static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void settle() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> w.validation().report().scenario().equals(w.document().scenario()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void dragAnObstacleThenUndoIt(FxRobot robot) {
        Scenario original = w.document().scenario();
        Obstacle before = obstacle("crate-1");
        Vec2 c = before.pose().position();
        robot.drag(screen(c), MouseButton.PRIMARY).moveTo(screen(c.plus(new Vec2(1.0, 0.5))))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Vec2 moved = obstacle("crate-1").pose().position();
        double pixel = 1 / w.canvas().mapLayout().pixelsPerMetre();
        assertEquals(c.x() + 1.0, moved.x(), 0.05 + pixel, "moved 1 m along x (5 cm grid, one pixel)");
        assertEquals(c.y() + 0.5, moved.y(), 0.05 + pixel, "and 0.5 m along y");
        assertEquals(1, w.document().undoStack().undoSize(), "the whole drag is one edit");
        assertTrue(w.stage().getTitle().startsWith("*"), w.stage().getTitle());

        shortcut(robot, KeyCode.Z);
        assertEquals(original, w.document().scenario(), "Ctrl+Z puts it back");
        assertFalse(w.stage().getTitle().startsWith("*"), w.stage().getTitle());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(moved, obstacle("crate-1").pose().position(), "Ctrl+Shift+Z redoes");
    }

    @Test
    void addAnObstacleSaveReloadCompare(FxRobot robot) throws Exception {
        robot.clickOn("#add-box");
        WaitForAsyncUtils.waitForFxEvents();
        Scenario edited = w.document().scenario();
        assertEquals(Vec2.ZERO, obstacle("box-1").pose().position(), "added in the middle of the arena");
        Path file = dir.resolve("room-with-box.yaml");
        dialogs.files.add(file);
        shortcut(robot, KeyCode.S);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !w.document().isDirty());
        assertEquals(edited, ScenarioLoader.load(file), "the saved file loads back equal");
        assertEquals("room-with-box.yaml \u2014 Wayfinder Studio", w.stage().getTitle());

        robot.interact(() -> w.library().openBundled("maze"));
        assertEquals("maze", w.document().scenario().name());
        dialogs.files.add(file);
        shortcut(robot, KeyCode.O);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.document().file().equals(Optional.of(file)));
        assertEquals(edited, w.document().scenario(), "reopened through File > Open: the same scenario");
        assertTrue(w.library().recent().contains(file.toAbsolutePath()));
    }

    @Test
    void blockTheDoorwayAndSeeThatNoPathIsLeft(FxRobot robot) throws Exception {
        robot.interact(() -> w.library().openBundled("narrow-doorway"));
        settle();
        ListView<Issue> problems = robot.lookup("#problems-list").queryListView();
        assertTrue(problems.getItems().isEmpty(), "the bundled scenario is valid");
        robot.clickOn("#add-box");
        settle();
        assertEquals(1, problems.getItems().size(), problems.getItems().toString());
        Issue issue = problems.getItems().get(0);
        assertTrue(issue.text().contains("No path from start to goal"), issue.text());
        assertEquals("1 problem", robot.lookup("#problems-header").queryAs(Label.class).getText());
        assertTrue(w.validation().report().paths().isEmpty(), "no planned path to draw");
        robot.clickOn(robot.lookup("#problems-list .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Selection.GoalItem(0), w.document().selection(), "choosing the problem selects its goal");

        shortcut(robot, KeyCode.Z);
        settle();
        assertTrue(problems.getItems().isEmpty(), "undo clears the problem");
        assertFalse(w.validation().report().paths().isEmpty(), "and the path is back");
    }

    @Test
    void theInspectorRefusesBadInputAndAppliesGoodInput(FxRobot robot) {
        Scenario original = w.document().scenario();
        robot.clickOn(screen(obstacle("crate-1").pose().position()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Selection.ObstacleItem("crate-1"), w.document().selection());
        robot.doubleClickOn("#field-x");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("abc").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#error-x").queryAs(Label.class);
        assertTrue(error.isVisible(), "the field shows its error");
        assertTrue(error.getText().contains("'abc' is not a number"), error.getText());
        assertEquals(original, w.document().scenario(), "the model is unchanged");
        assertEquals(0, w.document().undoStack().undoSize());

        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("1.5").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.5, obstacle("crate-1").pose().position().x(), 1e-12);
        assertFalse(error.isVisible());
        assertEquals("Undo Move crate-1", w.document().undoStack().undoTextProperty().get());
    }
}
