package dev.wayfinder.studio.eval;

import dev.wayfinder.studio.sim.CameraPanel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The replay of one episode: the top-down map with the trajectory and the robot, the robot camera at the step shown,
 * and the timeline (play/pause, a step back and on, a slider over the steps; the left and right arrow keys step,
 * space plays). Binds to a {@link ReplayModel}. FX thread.
 */
public final class ReplayView extends BorderPane {
    /** Camera pictures' size in the replay, pixels. */
    static final int TILE = 112;

    private final ReplayModel model;
    private final Slider slider = new Slider(0, 0, 0);
    private final ReplayMap map;
    private final CameraPanel camera;
    private final Timeline clock = new Timeline();

    public ReplayView(ReplayModel model) {
        this.model = model;
        setId("replay");
        setFocusTraversable(true);
        Label title = new Label();
        title.getStyleClass().add("title-4");
        title.textProperty().bind(model.titleProperty());
        Label outcome = new Label();
        outcome.setId("replay-outcome");
        outcome.textProperty().bind(model.outcomeTextProperty());
        Label loading = new Label("Replaying\u2026");
        loading.visibleProperty().bind(model.loadingProperty());
        Label cameraError = new Label();
        cameraError.getStyleClass().add("danger");
        cameraError.textProperty().bind(model.cameraErrorProperty());
        VBox head = new VBox(2, new HBox(12, title, loading), outcome, cameraError);
        head.setPadding(new Insets(6, 8, 4, 8));
        setTop(head);

        map = new ReplayMap(model);
        camera = new CameraPanel(model.frameProperty(), TILE);
        camera.setMinWidth(2 * TILE + 30);
        HBox middle = new HBox(8, map, camera);
        HBox.setHgrow(map, Priority.ALWAYS);
        setCenter(middle);

        Button back = new Button("\u25c0");
        back.setId("replay-back");
        back.setTooltip(new Tooltip("One step back (Left)"));
        back.setOnAction(e -> model.stepBack());
        Button play = new Button("Play");
        play.setId("replay-play");
        play.setMinWidth(64);
        play.textProperty().bind(javafx.beans.binding.Bindings.when(model.playingProperty()).then("Pause")
                .otherwise("Play"));
        play.setTooltip(new Tooltip("Play or pause (Space)"));
        play.setOnAction(e -> model.togglePlay());
        Button forward = new Button("\u25b6");
        forward.setId("replay-forward");
        forward.setTooltip(new Tooltip("One step on (Right)"));
        forward.setOnAction(e -> model.stepForward());
        slider.setId("replay-slider");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setFocusTraversable(false);
        slider.maxProperty().bind(model.lastStepProperty());
        slider.valueProperty().addListener((o, a, v) -> model.seek((int) Math.round(v.doubleValue())));
        model.stepProperty().addListener((o, a, s) -> slider.setValue(s.intValue()));
        Label step = new Label();
        step.setId("replay-step");
        step.setMinWidth(250);
        step.textProperty().bind(model.stepTextProperty());
        HBox timeline = new HBox(8, back, play, forward, slider, step);
        HBox.setHgrow(slider, Priority.ALWAYS);
        timeline.setAlignment(Pos.CENTER_LEFT);
        timeline.setPadding(new Insets(6, 8, 6, 8));
        timeline.disableProperty().bind(model.trackProperty().isNull());
        setBottom(timeline);

        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (model.track() == null) {
                return;
            }
            if (e.getCode() == KeyCode.LEFT) {
                model.stepBack();
                e.consume();
            } else if (e.getCode() == KeyCode.RIGHT) {
                model.stepForward();
                e.consume();
            } else if (e.getCode() == KeyCode.SPACE) {
                model.togglePlay();
                e.consume();
            }
        });
        setOnMouseClicked(e -> requestFocus());
        clock.setCycleCount(Timeline.INDEFINITE);
        model.playingProperty().addListener((o, a, on) -> {
            clock.stop();
            if (on) {
                // One step per control period: real time.
                clock.getKeyFrames().setAll(new KeyFrame(Duration.millis(
                        model.track().controlPeriodNanos() / 1e6), e -> model.advance()));
                clock.play();
            }
        });
    }

    public ReplayMap map() {
        return map;
    }

    public CameraPanel cameraPanel() {
        return camera;
    }

    public Slider slider() {
        return slider;
    }

    /** Stops the playback clock. */
    public void close() {
        clock.stop();
        model.close();
    }
}
