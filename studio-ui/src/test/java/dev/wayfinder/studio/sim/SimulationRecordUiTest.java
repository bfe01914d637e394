package dev.wayfinder.studio.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.sim.record.EpisodeTable;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.MainWindow;
import dev.wayfinder.studio.edit.PatrolEdits;
import dev.wayfinder.studio.eval.EvalFolder;
import dev.wayfinder.studio.library.ScriptedDialogs;
import dev.wayfinder.studio.settings.StudioSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
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
 * The Simulation tab plays an edited patrol and records what it plays, headless (Monocle; the robot camera through
 * Mesa's EGL where there is one, none otherwise: recording does not need it); the Evaluation tab opens the recording
 * and replays it bit for bit. Lookups are scoped to the simulation pane.
 */
@ExtendWith(ApplicationExtension.class)
class SimulationRecordUiTest {
    /** The cart is the third obstacle: body 3 after the robot. */
    private static final int CART_BODY = 3;

    @TempDir
    Path dir;

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainWindow w;

    @Start
    void start(Stage stage) {
        StudioSettings settings = StudioSettings.inMemory();
        settings.setWindowSize(1200, 760);
        w = new MainWindow(stage, settings, x -> dialogs, Fixtures.bundled("moving-obstacles"), Optional.empty());
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(w::close);
    }

    private SimulationModel model() {
        return w.simulation();
    }

    private void stepTo(FxRobot robot, Button step, int steps) throws Exception {
        for (int k = model().frameCountProperty().get(); k < steps; k++) {
            int next = k + 1;
            robot.interact(step::fire);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model().frameCountProperty().get() == next);
        }
    }

    @Test
    void theEditedPatrolIsSimulatedRecordedAndReplayed(FxRobot robot) throws Exception {
        // The cart's first leg turned from +x to -y before the simulation starts.
        robot.interact(() -> w.document().execute(PatrolEdits.moveWaypoint(w.document().scenario(), "cart", 0,
                new Vec2(-1.5, -1.5)).orElseThrow()));
        SimulationPane[] pane = new SimulationPane[1];
        robot.interact(() -> pane[0] = w.showSimulation());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model().frame() != null
                && model().frame().episode() != null);
        double[] first = model().frame().poses();
        assertEquals(-1.5, first[3 * CART_BODY], 1e-6, "the cart starts at its pose");
        assertEquals(0, first[3 * CART_BODY + 1], 1e-6);

        Path records = dir.resolve("recorded");
        robot.interact(() -> model().recordFolderProperty().set(Optional.of(records)));
        ToggleButton record = robot.from(pane[0]).lookup("#sim-record").queryAs(ToggleButton.class);
        Button step = robot.from(pane[0]).lookup("#sim-step").queryButton();
        robot.interact(record::fire);
        assertTrue(model().recordingProperty().get());
        stepTo(robot, step, 10);
        double[] later = model().frame().poses();
        assertEquals(-1.5, later[3 * CART_BODY], 1e-3, "the cart keeps to x = -1.5 on its edited leg");
        assertEquals(-0.15, later[3 * CART_BODY + 1], 0.02, "1 s at 0.15 m/s down the edited leg");

        robot.interact(record::fire);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model().lastRecordingProperty().get().isPresent());
        Path file = model().lastRecordingProperty().get().orElseThrow();
        assertEquals(records.resolve("moving-obstacles-0.wfrec"), file);
        String said = robot.from(pane[0]).lookup("#sim-record-message").queryAs(Label.class).getText();
        assertTrue(said.contains("10 steps") && said.contains("stopped before its end"), said);
        List<EpisodeTable.Entry> table = EpisodeTable.read(records.resolve(EpisodeTable.FILE));
        assertEquals(1, table.size());
        assertEquals("expert", table.get(0).policy());
        assertEquals(10, table.get(0).outcome().steps());

        // The Evaluation tab lists the folder and replays the recording on the edited scenario, bit for bit.
        robot.interact(() -> w.evaluation().open(records));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> w.evaluation().episodes().size() == 1);
        EvalFolder.EpisodeItem item = w.evaluation().episodes().get(0);
        assertEquals("stopped", item.outcomeText());
        assertEquals(Optional.of(file), item.recording());
        robot.interact(() -> w.replay().open(file, () -> List.of(w.document().scenario())));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> w.replay().track() != null);
        assertEquals(10, w.replay().lastStepProperty().get());
        String outcome = w.replay().outcomeTextProperty().get();
        assertTrue(outcome.contains("bit for bit"), outcome);
        assertTrue(dialogs.errors().isEmpty(), dialogs.errors().toString());
    }

    @Test
    void aFolderThatCannotBeWrittenIsAClearMessage(FxRobot robot) throws Exception {
        robot.interact(() -> w.showSimulation());
        Path notAFolder = Files.writeString(dir.resolve("file.txt"), "x");
        robot.interact(() -> {
            model().recordFolderProperty().set(Optional.of(notAFolder));
            model().recordingProperty().set(true);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !dialogs.errors().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(model().recordingProperty().get(), "recording turned itself off");
        String error = dialogs.errors().get(0);
        assertTrue(error.startsWith("Cannot record the episode") && error.contains("cannot record into " + notAFolder),
                error);
        assertTrue(model().recordMessageProperty().get().startsWith("Not recorded: cannot record into"),
                model().recordMessageProperty().get());
    }
}
