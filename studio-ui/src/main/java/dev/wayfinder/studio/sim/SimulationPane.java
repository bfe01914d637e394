package dev.wayfinder.studio.sim;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

/**
 * The simulation tab: play, pause, step, reset, speed, driver, seed and overlay controls above the 3D viewport, the
 * robot camera panel beside it and a status line below (step, simulated time, episode status, viewport frames per
 * second). Wiring only; the state is the {@link SimulationModel}'s. FX thread.
 */
public final class SimulationPane extends BorderPane implements AutoCloseable {
    private final SimulationModel model;
    private final ViewportView viewport;
    private final CameraPanel camera;

    public SimulationPane(SimulationModel model) {
        this.model = model;
        setId("simulation");
        viewport = new ViewportView(model);
        camera = new CameraPanel(model);
        setTop(toolbar());
        HBox view = viewControls();
        StackPane center = new StackPane(viewport, view);
        StackPane.setAlignment(view, Pos.TOP_RIGHT);
        StackPane.setMargin(view, new Insets(6));
        setCenter(center);
        ScrollPane side = new ScrollPane(camera);
        side.setFitToWidth(true);
        side.setMinWidth(2 * CameraPanel.TILE + 36);
        setRight(side);
        setBottom(status());
    }

    private ToolBar toolbar() {
        Button play = new Button();
        play.setId("sim-play");
        play.textProperty().bind(Bindings.when(model.playingProperty()).then("Pause").otherwise("Play"));
        play.setOnAction(e -> {
            if (model.playingProperty().get()) {
                model.pause();
            } else {
                model.play();
            }
            viewport.requestFocus();
        });
        play.setTooltip(new Tooltip("Play or pause the simulation (the scenario being edited is not changed)"));
        Button step = new Button("Step");
        step.setId("sim-step");
        step.setTooltip(new Tooltip("Pause and advance one control step"));
        step.setOnAction(e -> model.step());
        Button reset = new Button("Reset");
        reset.setId("sim-reset");
        reset.setTooltip(new Tooltip("Start the episode again, with the scenario's latest edits"));
        reset.setOnAction(e -> model.reset());

        ChoiceBox<Double> speed = new ChoiceBox<>();
        speed.setId("sim-speed");
        for (double s : SimulationModel.SPEEDS) {
            speed.getItems().add(s);
        }
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : v.isInfinite() ? "max" : String.format(Locale.ROOT, "%s\u00d7",
                        v == Math.rint(v) ? String.valueOf(v.intValue()) : v.toString());
            }

            @Override
            public Double fromString(String s) {
                return null;
            }
        });
        speed.setValue(model.speedProperty().get());
        speed.setPrefWidth(78);
        speed.valueProperty().addListener((o, a, v) -> model.speedProperty().set(v));
        speed.setTooltip(new Tooltip("Simulated seconds per second (max: as fast as this machine steps)"));

        ChoiceBox<Driver> driver = new ChoiceBox<>();
        driver.setId("sim-driver");
        driver.getItems().addAll(Driver.values());
        driver.valueProperty().bindBidirectional(model.driverProperty());
        driver.setPrefWidth(140);
        driver.setTooltip(new Tooltip("Who drives: the privileged expert, the trained model (" + model.shippedModel()
                .map(p -> p.getFileName().toString()).orElse("none shipped") + ") through its safety shield, or the "
                + "arrow keys on the viewport"));

        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, (int) model.seedProperty().get());
        seed.setId("sim-seed");
        seed.setEditable(true);
        seed.setPrefWidth(92);
        seed.valueProperty().addListener((o, a, v) -> model.seedProperty().set(v));
        // The randomization gallery opens its seeds here.
        model.seedProperty().addListener((o, a, v) -> seed.getValueFactory().setValue((int) Math.min(
                Integer.MAX_VALUE, Math.max(0, v.longValue()))));
        seed.setTooltip(new Tooltip("Episode seed: 0 is the scenario as drawn, others move start and goal"));
        ToggleButton randomized = toggle("Randomized", "sim-randomized", model.randomizedProperty(),
                "Draw the seed's episode with the scenario's domain randomization, as 'wayfinder randomize' does");


        ToggleButton record = new ToggleButton("\u25cf Record");
        record.setId("sim-record");
        record.setSelected(model.recordingProperty().get());
        record.setOnAction(e -> {
            if (record.isSelected() && model.recordFolderProperty().get().isEmpty()) {
                Optional<Path> dir = chooseFolder();
                if (dir.isEmpty()) {
                    record.setSelected(false);
                    return;
                }
                model.recordFolderProperty().set(dir);
            }
            model.recordingProperty().set(record.isSelected());
        });
        model.recordingProperty().addListener((o, a, on) -> record.setSelected(on));
        record.tooltipProperty().bind(Bindings.createObjectBinding(() -> new Tooltip("Record the episodes played here"
                + " as 'wayfinder sim run --record' does, for the Evaluation tab to replay: the episode at its start,"
                + " else the next one; each is written when it ends or is left"
                + model.recordFolderProperty().get().map(d -> " (into " + d + ")").orElse("")),
                model.recordFolderProperty()));
        Button recordTo = new Button("\u2026");
        recordTo.setId("sim-record-folder");
        recordTo.setTooltip(new Tooltip("Choose the folder recordings go into (its episodes.csv is added to)"));
        recordTo.setOnAction(e -> chooseFolder().ifPresent(d -> model.recordFolderProperty().set(Optional.of(d))));

        // Record beside the transport buttons: the toolbar's tail goes into its overflow menu in narrow windows.
        ToggleButton movers = toggle("Movers", "sim-movers", model.moversProperty(),
                "The trained model's safety shield also tracks moving obstacles (people, carts) in the depth camera's"
                        + " frames and keeps clear of where they are going (eval --shield-movers)");
        ToolBar bar = new ToolBar(play, step, reset, record, recordTo, new Separator(), speed, driver,
                new Label("Seed"), seed, randomized, movers);
        bar.setId("sim-toolbar");
        return bar;
    }

    /** The 3D view's own controls, over its top right corner: the overlays menu and Home. */
    private HBox viewControls() {
        MenuButton overlays = new MenuButton("Overlays");
        overlays.setId("sim-overlays");
        overlays.setTooltip(new Tooltip("What is drawn over the 3D view"));
        overlays.getItems().addAll(
                check("Planned route", "overlay-route", model.showRouteProperty()),
                check("Camera frustum", "overlay-frustum", model.showFrustumProperty()),
                check("Lidar rays and hits", "overlay-lidar", model.showLidarProperty()),
                check("Contacts (where bodies touch, with the normal)", "overlay-contacts",
                        model.showContactsProperty()));
        Button home = new Button("Home");
        home.setId("sim-home");
        home.setTooltip(new Tooltip("Frame the whole arena (drag to orbit, right-drag to pan, scroll to zoom)"));
        home.setOnAction(e -> viewport.home());
        HBox box = new HBox(4, overlays, home);
        box.setId("sim-view-controls");
        box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        box.setPickOnBounds(false);
        return box;
    }

    private Optional<Path> chooseFolder() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Record episodes into");
        model.recordFolderProperty().get().filter(java.nio.file.Files::isDirectory).ifPresent(d -> c.setInitialDirectory(
                d.toFile()));
        return Optional.ofNullable(c.showDialog(getScene() == null ? null : getScene().getWindow()))
                .map(java.io.File::toPath);
    }

    private static CheckMenuItem check(String text, String id, javafx.beans.property.BooleanProperty p) {
        CheckMenuItem m = new CheckMenuItem(text);
        m.setId(id);
        m.selectedProperty().bindBidirectional(p);
        return m;
    }

    private static ToggleButton toggle(String text, String id, javafx.beans.property.BooleanProperty p, String tip) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.selectedProperty().bindBidirectional(p);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private HBox status() {
        Label steps = new Label();
        steps.setId("sim-steps");
        steps.textProperty().bind(Bindings.createStringBinding(
                () -> "Step " + model.frameCountProperty().get(), model.frameCountProperty()));
        Label time = new Label();
        time.setId("sim-time");
        time.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.2f s simulated", model.simTimeProperty().get()),
                model.simTimeProperty()));
        Label status = new Label();
        status.setId("sim-status");
        status.textProperty().bind(model.statusTextProperty());
        Label stale = new Label("Scenario edited: Reset to simulate the edit");
        stale.setId("sim-stale");
        stale.visibleProperty().bind(model.staleProperty());
        stale.managedProperty().bind(model.staleProperty());
        stale.setStyle("-fx-text-fill: -color-warning-fg;");
        Label fps = new Label();
        fps.setId("sim-fps");
        // Pictures are drawn only when something changes, so a rate means something only while it plays.
        fps.textProperty().bind(Bindings.createStringBinding(() -> model.playingProperty().get()
                ? String.format(Locale.ROOT, "%.0f frames/s", model.fpsProperty().get()) : "",
                model.fpsProperty(), model.playingProperty()));
        Label recorded = new Label();
        recorded.setId("sim-record-message");
        recorded.textProperty().bind(model.recordMessageProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(18, steps, time, status, stale, recorded, gap, fps);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("text-muted");
        return bar;
    }

    public ViewportView viewport() {
        return viewport;
    }

    public CameraPanel cameraPanel() {
        return camera;
    }

    public SimulationModel model() {
        return model;
    }

    @Override
    public void close() {
        viewport.close();
        model.close();
    }
}
