package dev.wayfinder.studio.randomization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.MainWindow;
import dev.wayfinder.studio.library.ScriptedDialogs;
import dev.wayfinder.studio.settings.StudioSettings;
import dev.wayfinder.studio.sim.SimFrame;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The randomization tab headless (Monocle; the camera views through Mesa's EGL): the gallery fills when the tab is
 * shown, a range typed in redraws it, and a click on a tile simulates that episode.
 */
@ExtendWith({NeedsEgl.class, ApplicationExtension.class})
class RandomizationUiTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainWindow w;

    @Start
    void start(Stage stage) {
        StudioSettings settings = StudioSettings.inMemory();
        settings.setWindowSize(1440, 900);
        w = new MainWindow(stage, settings, x -> dialogs, Fixtures.bundled("cluttered-room"), Optional.empty());
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(w::close);
    }

    private RandomizationView view(FxRobot robot) {
        Tab tab = w.workTabs().getTabs().stream().filter(t -> "tab-randomization".equals(t.getId())).findFirst()
                .orElseThrow();
        robot.interact(() -> w.workTabs().getSelectionModel().select(tab));
        return (RandomizationView) tab.getContent();
    }

    private void filled(RandomizationView v) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> v.filled() && !w.randomization().renderingProperty()
                .get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theGalleryFillsARangeRedrawsItAndATileOpensInTheSimulation(FxRobot robot) throws Exception {
        RandomizationView v = view(robot);
        filled(v);
        for (int i = 0; i < RandomizationModel.TILES; i++) {
            Node tile = robot.from(v).lookup("#tile-" + i).query();
            long views = robot.from(tile).lookup((java.util.function.Predicate<Node>) n -> n instanceof ImageView iv && iv.getImage() != null).queryAll()
                    .size();
            assertEquals(2, views, "tile " + i + " shows the camera view and the map");
        }
        GalleryTile first = w.randomization().tiles().get(0);

        TextField jitter = robot.from(v).lookup("#range-obstacle_rotation").queryAs(TextField.class);
        assertEquals("{uniform: [-45, 45]}", jitter.getText());
        robot.interact(() -> {
            jitter.setText("{uniform: [-90, 90]}");
            jitter.fireEvent(new ActionEvent());
        });
        assertEquals(Optional.of(new Distribution.Uniform(-Math.PI / 2, Math.PI / 2)),
                w.document().scenario().randomization().get(RandomParameter.OBSTACLE_ROTATION));
        assertEquals("Undo Randomize obstacle_rotation", w.document().undoStack().undoTextProperty().get());
        filled(v);
        GalleryTile redrawn = w.randomization().tiles().get(0);
        assertEquals(Optional.of(Randomizer.draw(w.document().scenario(), 0, 1.0).episode()), redrawn.episode());
        assertTrue(!redrawn.episode().equals(first.episode()), "the wider range turns the obstacles further");

        robot.interact(() -> {
            jitter.setText("{uniform: [-90, 900]}");
            jitter.fireEvent(new ActionEvent());
        });
        Node error = robot.from(v).lookup("#range-error-obstacle_rotation").query();
        assertTrue(error.isVisible(), "the refused range shows why");
        assertEquals(1, w.document().undoStack().undoSize());

        GalleryTile third = w.randomization().tiles().get(3);
        robot.clickOn(robot.from(v).lookup("#tile-3").queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(w.simulation().randomizedProperty().get());
        assertEquals(third.seed(), w.simulation().seedProperty().get());
        Episode expected = third.episode().orElseThrow();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            SimFrame f = w.simulation().frame();
            return f != null && expected.equals(f.episode());
        });
        assertNotNull(w.simulation().frame());
    }
}
