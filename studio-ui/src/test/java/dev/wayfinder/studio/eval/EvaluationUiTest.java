package dev.wayfinder.studio.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.studio.Themes;
import dev.wayfinder.studio.training.TrainLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
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
 * The evaluation tab headless on a real recording (the expert in the cluttered room, recorded in the test): open its
 * folder, pick the episode, scrub with the slider and the arrow keys, and see the robot camera's picture change, the
 * map's robot marker move, and the first picture come back pixel for pixel.
 */
@ExtendWith({NeedsEgl.class, ApplicationExtension.class})
class EvaluationUiTest {
    @TempDir
    static Path dir;

    private final List<String> errors = new ArrayList<>();
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private EvaluationModel model;
    private ReplayModel replay;
    private EvaluationView view;

    @Start
    void start(Stage stage) throws Exception {
        Themes.apply(false);
        Recordings.expert(ScenarioLibrary.load("cluttered-room"), false, dir, 0);
        model = new EvaluationModel(TrainLauncher.of(List.of("false")), Path.of(""), Platform::runLater,
                (what, why) -> errors.add(what + ": " + why));
        replay = new ReplayModel(io, Platform::runLater, (what, why) -> errors.add(what + ": " + why), true);
        view = new EvaluationView(model, replay, title -> Optional.of(dir), Optional::empty, List::of,
                (what, why) -> errors.add(what + ": " + why));
        stage.setScene(new Scene(view, 1100, 760));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> view.close()).get(10, TimeUnit.SECONDS);
        model.close();
        io.shutdownNow();
    }

    private static void await(BooleanSupplier onFx, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (WaitForAsyncUtils.asyncFx(onFx::getAsBoolean).get(10, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** The pixels the camera panel's RGB tile shows. */
    private int[] shownRgb(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            ImageView v = robot.from(view).lookup("#camera-rgb").lookup(".image-view").queryAs(ImageView.class);
            var img = v.getImage();
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] px = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
            return px;
        }).get(10, TimeUnit.SECONDS);
    }

    private void showsCameraAt(int step) throws Exception {
        await(() -> replay.step() == step && replay.cameraStepProperty().get() == step, "the camera at step " + step
                + " (shown: " + replay.cameraStepProperty().get() + ", errors " + errors + ", camera: "
                + replay.cameraErrorProperty().get() + ")");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void scrubbingARecordingMovesTheRobotAndItsCamera(FxRobot robot) throws Exception {
        robot.interact(() -> robot.from(view).lookup("#eval-open").queryButton().fire());
        await(() -> view.episodes().getItems().size() == 1, "the recorded episode listed");
        assertEquals(1, view.results().getItems().size());
        assertEquals("expert", view.results().getItems().get(0).driver());
        robot.interact(() -> view.episodes().getSelectionModel().select(0));
        await(() -> replay.track() != null, "the replay");
        showsCameraAt(0);
        int last = replay.lastStepProperty().get();
        assertTrue(last > 20, "a scrubbable episode: " + last + " steps");
        int[] first = shownRgb(robot);
        Point2D start = view.replayView().map().marker();

        int middle = last / 2;
        robot.interact(() -> view.replayView().slider().setValue(middle));
        showsCameraAt(middle);
        int[] later = shownRgb(robot);
        assertFalse(java.util.Arrays.equals(first, later), "the camera picture changed with the step");
        Point2D moved = view.replayView().map().marker();
        assertTrue(moved.distance(start) > 5, "the map marker moved: " + start + " -> " + moved);
        double[] pose = replay.robotPose();
        assertArrayEquals(replay.track().robotPose(middle), pose);

        robot.interact(() -> view.replayView().requestFocus());
        robot.type(KeyCode.RIGHT);
        showsCameraAt(middle + 1);
        robot.type(KeyCode.LEFT, 2);
        showsCameraAt(middle - 1);
        assertEquals(middle - 1, (int) Math.round(view.replayView().slider().getValue()), "the slider follows");

        robot.interact(() -> robot.from(view).lookup("#replay-back").queryButton().fire());
        showsCameraAt(middle - 2);
        robot.interact(() -> view.replayView().slider().setValue(0));
        showsCameraAt(0);
        assertArrayEquals(first, shownRgb(robot), "step 0 again gives its picture pixel for pixel");
        assertEquals(start, view.replayView().map().marker());
        assertEquals(List.of(), errors);

        // A picture to look at (target/evaluation-replay.png).
        robot.interact(() -> view.replayView().slider().setValue(middle));
        showsCameraAt(middle);
        WritableImage fx = WaitForAsyncUtils.asyncFx(() -> view.getScene().snapshot(null)).get();
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage((int) fx.getWidth(), (int) fx.getHeight(),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        int[] row = new int[img.getWidth()];
        for (int y = 0; y < img.getHeight(); y++) {
            fx.getPixelReader().getPixels(0, y, img.getWidth(), 1, PixelFormat.getIntArgbInstance(), row, 0,
                    img.getWidth());
            img.setRGB(0, y, img.getWidth(), 1, row, 0, img.getWidth());
        }
        dev.wayfinder.scenarios.image.Png.write(img, Path.of("target", "evaluation-replay.png"));
    }
}
