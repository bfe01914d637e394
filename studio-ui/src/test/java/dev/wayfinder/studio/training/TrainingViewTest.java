package dev.wayfinder.studio.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.studio.Themes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The training panel on a real run's metrics, headless: open it through the button, see its curves and status. */
@ExtendWith(ApplicationExtension.class)
class TrainingViewTest {
    @TempDir
    Path dir;

    private TrainingModel model;
    private TrainingView view;
    private final List<String> errors = new ArrayList<>();

    @Start
    void start(Stage stage) {
        Themes.apply(false);
        model = new TrainingModel(TrainLauncher.of(List.of("false")), Path.of(""), Platform::runLater);
        view = new TrainingView(model, () -> Optional.of(TrainingModelTest.REAL_RUN),
                (what, why) -> errors.add(what + ": " + why));
        stage.setScene(new Scene(view, 1100, 700));
        stage.show();
    }

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void openingARunDrawsItsFortyIterations(FxRobot robot) throws Exception {
        // Fired, not clicked, and looked up in this view: other tests' main windows have a Training tab too.
        robot.interact(() -> robot.from(view).lookup("#training-open").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), errors);
        for (var s : view.series()) {
            assertEquals(40, s.getData().size(), s.getName() + " has a point per iteration");
        }
        assertEquals(0.625, view.series().get(1).getData().get(39).getYValue().doubleValue(), 1e-9,
                "the last validation success");
        assertEquals(1.0, robot.from(view).lookup("#training-progress").queryAs(ProgressBar.class).getProgress(), 1e-9);
        String status = robot.from(view).lookup("#training-status").queryAs(Label.class).getText();
        assertTrue(status.startsWith("40 of 40 iterations"), status);
        assertTrue(robot.from(view).lookup("#training-stop").query().isDisabled(), "nothing to stop");
        assertTrue(!robot.from(view).lookup("#training-resume").query().isDisabled(), "an open run can be continued");
        // A picture to look at (target/training-panel.png).
        javafx.scene.image.WritableImage fx = WaitForAsyncUtils.asyncFx(() -> view.getScene().snapshot(null)).get();
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage((int) fx.getWidth(), (int) fx.getHeight(),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        int[] row = new int[img.getWidth()];
        for (int y = 0; y < img.getHeight(); y++) {
            fx.getPixelReader().getPixels(0, y, img.getWidth(), 1, javafx.scene.image.PixelFormat.getIntArgbInstance(),
                    row, 0, img.getWidth());
            img.setRGB(0, y, img.getWidth(), 1, row, 0, img.getWidth());
        }
        try {
            dev.wayfinder.scenarios.image.Png.write(img, Path.of("target", "training-panel.png"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aBadSeedIsToldNotThrown(FxRobot robot) {
        robot.interact(() -> {
            robot.from(view).lookup("#training-seed").queryAs(javafx.scene.control.TextField.class).setText("x1");
            robot.from(view).lookup("#training-start").queryButton().fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("Start training: Seed: 'x1' is not a whole number", errors.get(0));
    }
}
