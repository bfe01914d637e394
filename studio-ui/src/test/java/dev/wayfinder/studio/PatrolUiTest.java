package dev.wayfinder.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.model.Patrol;
import dev.wayfinder.scenarios.model.PatrolMode;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.studio.edit.Scenarios;
import dev.wayfinder.studio.edit.Selection;
import dev.wayfinder.studio.library.ScriptedDialogs;
import dev.wayfinder.studio.settings.StudioSettings;
import dev.wayfinder.studio.validation.Issue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
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
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Patrol paths edited with the pointer, the keyboard and the inspector on the bundled moving-obstacles scenario,
 * headless (Monocle); every lookup is scoped to this test's window.
 */
@ExtendWith(ApplicationExtension.class)
class PatrolUiTest {
    @TempDir
    Path dir;

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainWindow w;
    private Scenario original;

    @Start
    void start(Stage stage) {
        Themes.apply(false);
        StudioSettings settings = StudioSettings.inMemory();
        settings.setWindowSize(1200, 760);
        original = Fixtures.bundled("moving-obstacles");
        w = new MainWindow(stage, settings, x -> dialogs, original, Optional.empty());
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(w::close);
    }

    private NodeQuery find(FxRobot robot, String query) {
        return robot.from(w.scene().getRoot()).lookup(query);
    }

    private Patrol patrol(String id) {
        return Scenarios.obstacle(w.document().scenario(), id).orElseThrow().patrol().orElseThrow();
    }

    private Point2D screen(Vec2 p) {
        double[] px = w.canvas().toPixels(p);
        return w.canvas().localToScreen(px[0], px[1]);
    }

    /** Clicks the cart (the moving box on a loop) to select it. */
    private void selectCart(FxRobot robot) {
        robot.clickOn(screen(new Vec2(-1.5, -0.1)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Selection.ObstacleItem("cart"), w.document().selection());
    }

    private void settle() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> w.validation().report().scenario()
                .equals(w.document().scenario()) && !w.validation().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void dragAWaypointThenUndoIt(FxRobot robot) {
        selectCart(robot);
        Vec2 from = new Vec2(1.5, 1);
        robot.drag(screen(from), MouseButton.PRIMARY).moveTo(screen(new Vec2(1.2, 1.3)))
                .moveTo(screen(new Vec2(1.0, 1.5))).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, w.document().waypoint(), "the dragged waypoint is selected");
        Vec2 moved = patrol("cart").waypoints().get(1);
        double pixel = 1 / w.canvas().mapLayout().pixelsPerMetre();
        assertEquals(1.0, moved.x(), 0.05 + pixel, "on the 5 cm grid where it was dropped");
        assertEquals(1.5, moved.y(), 0.05 + pixel);
        assertEquals(0, Math.IEEEremainder(moved.x(), 0.05), 1e-9, "snapped");
        assertEquals(1, w.document().undoStack().undoSize(), "the whole drag is one edit");
        assertTrue(w.stage().getTitle().startsWith("*"), w.stage().getTitle());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(original, w.document().scenario(), "Ctrl+Z puts the waypoint back exactly");
        assertFalse(w.stage().getTitle().startsWith("*"), w.stage().getTitle());
    }

    @Test
    void addAndDeleteAWaypoint(FxRobot robot) {
        selectCart(robot);
        Button add = find(robot, "#add-waypoint").queryButton();
        assertTrue(add.isVisible(), "a moving obstacle is selected");
        robot.interact(add::fire);
        // After the last waypoint of a loop: halfway back to the pose.
        assertEquals(List.of(new Vec2(1.5, 0), new Vec2(1.5, 1), new Vec2(-1.5, 1), new Vec2(-1.5, 0.5)),
                patrol("cart").waypoints());
        assertEquals(3, w.document().waypoint());
        // Alt-click in the middle of the first leg inserts one there.
        robot.press(KeyCode.ALT).clickOn(screen(new Vec2(0.03, 0))).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, patrol("cart").waypoints().size(), patrol("cart").waypoints().toString());
        assertEquals(new Vec2(0, 0), patrol("cart").waypoints().get(0));
        assertEquals(0, w.document().waypoint());
        assertEquals("5 waypoints, waypoint 1 selected", find(robot, "#inspector-patrol").queryAs(Label.class)
                .getText());
        // Delete removes the selected waypoint, not the cart.
        robot.clickOn(w.canvas());
        robot.interact(() -> w.document().waypointProperty().set(0));
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, patrol("cart").waypoints().size());
        assertTrue(Scenarios.obstacle(w.document().scenario(), "cart").isPresent());
        assertEquals(3, w.document().undoStack().undoSize());
        robot.interact(() -> {
            w.document().undo();
            w.document().undo();
            w.document().undo();
        });
        assertEquals(original, w.document().scenario());

        // walker-1 has one waypoint: Delete keeps it and says why.
        robot.interact(() -> w.document().selectionProperty().set(new Selection.ObstacleItem("block-1")));
        assertFalse(add.isVisible(), "the waypoint tool shows only for a moving obstacle");
        robot.interact(() -> {
            w.document().selectionProperty().set(new Selection.ObstacleItem("walker-1"));
            w.document().waypointProperty().set(0);
        });
        robot.clickOn(w.canvas(), MouseButton.MIDDLE);
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(original, w.document().scenario());
        String why = find(robot, "#status-editor").queryAs(Label.class).getText();
        assertTrue(why.contains("at least one waypoint"), why);
    }

    @Test
    @SuppressWarnings("unchecked")
    void changeTheModeAndSpeedInTheInspector(FxRobot robot) {
        selectCart(robot);
        ComboBox<PatrolMode> mode = (ComboBox<PatrolMode>) find(robot, "#field-mode").queryAs(ComboBox.class);
        assertEquals(PatrolMode.LOOP, mode.getValue());
        robot.interact(() -> mode.setValue(PatrolMode.PING_PONG));
        assertEquals(PatrolMode.PING_PONG, patrol("cart").mode());
        assertEquals("Undo Set patrol mode of cart to ping_pong", w.document().undoStack().undoTextProperty().get());

        TextField speed = find(robot, "#field-speed").queryAs(TextField.class);
        robot.doubleClickOn(speed);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("-1").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Label error = find(robot, "#error-speed").queryAs(Label.class);
        assertTrue(error.isVisible() && error.getText().contains("above 0"), error.getText());
        assertEquals(0.15, patrol("cart").speed(), 1e-12, "refused: unchanged");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("0.3 m/s").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0.3, patrol("cart").speed(), 1e-12);

        // Edit > Undo twice (Ctrl+Z in the focused text field would undo its text).
        robot.interact(() -> {
            w.document().undo();
            w.document().undo();
        });
        assertTrue(original.equals(w.document().scenario()), "undo restores the patrol");
        assertEquals(PatrolMode.LOOP, mode.getValue(), "the inspector follows undo");
    }

    @Test
    void editSaveReloadCompare(FxRobot robot) throws Exception {
        selectCart(robot);
        robot.drag(screen(new Vec2(-1.5, 1)), MouseButton.PRIMARY).moveTo(screen(new Vec2(-1.8, 1.2)))
                .moveTo(screen(new Vec2(-2.0, 1.5))).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            w.inspector().setMode(PatrolMode.PING_PONG);
            w.document().selectionProperty().set(new Selection.ObstacleItem("block-2"));
            w.inspector().setKind(dev.wayfinder.scenarios.model.ObstacleKind.MOVING);
        });
        Scenario edited = w.document().scenario();
        assertTrue(Scenarios.obstacle(edited, "block-2").orElseThrow().patrol().isPresent());
        Path file = dir.resolve("patrols.yaml");
        dialogs.files.add(file);
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !w.document().isDirty());
        assertEquals(edited, ScenarioLoader.load(file), "the saved file loads back equal");
        String text = Files.readString(file);
        assertTrue(text.contains("mode: ping_pong"), text);
        robot.interact(() -> w.library().openBundled("maze"));
        dialogs.files.add(file);
        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.document().file().equals(Optional.of(file)));
        assertEquals(edited, w.document().scenario(), "reopened: the same patrols");
    }

    @Test
    void aWaypointDraggedOutOfTheArenaIsAProblem(FxRobot robot) throws Exception {
        settle();
        ListView<Issue> problems = find(robot, "#problems-list").queryListView();
        assertTrue(problems.getItems().isEmpty(), "the bundled scenario is valid");
        selectCart(robot);
        // The cart is 0.5 m long: at x = 2.45 it reaches 2.7, past the wall at 2.5.
        robot.drag(screen(new Vec2(1.5, 0)), MouseButton.PRIMARY).moveTo(screen(new Vec2(2.0, 0)))
                .moveTo(screen(new Vec2(2.45, 0))).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        // Checked at once on the FX thread (the file's own check follows in the background).
        assertEquals(1, w.validation().patrolProblems().size(), w.validation().patrolProblems().toString());
        assertTrue(w.validation().patrolProblems().get(0).message().contains("puts 'cart' outside the arena"),
                w.validation().patrolProblems().get(0).message());
        assertEquals(1, problems.getItems().size(), "listed at once: " + problems.getItems());
        assertTrue(problems.getItems().get(0).text().contains("outside the arena"), problems.getItems().get(0).text());
        settle();
        assertEquals(1, problems.getItems().size(), "listed once when the file's check says it too: "
                + problems.getItems());
        Issue issue = problems.getItems().get(0);
        assertEquals("obstacles[2].patrol.waypoints[0]", issue.problem().path());
        assertTrue(issue.text().contains("outside the arena"), issue.text());
        assertEquals("1 problem", find(robot, "#problems-header").queryAs(Label.class).getText());
        assertEquals(1, w.validation().patrolProblems().size(), "drawn on the map from the patrol check");

        // Into block-1 instead: a problem only the patrol check finds.
        robot.interact(() -> w.document().undo());
        robot.interact(() -> w.editor().document().selectionProperty().set(new Selection.ObstacleItem("walker-1")));
        robot.drag(screen(new Vec2(-1, 1.8)), MouseButton.PRIMARY).moveTo(screen(new Vec2(0, 0)))
                .moveTo(screen(new Vec2(1, -1.2))).release(MouseButton.PRIMARY);
        settle();
        assertEquals(1, problems.getItems().size(), problems.getItems().toString());
        assertTrue(problems.getItems().get(0).text().contains("runs into static obstacle 'block-1'"),
                problems.getItems().get(0).text());
        robot.clickOn(find(robot, "#problems-list .list-cell").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Selection.ObstacleItem("walker-1"), w.document().selection());
    }
}
