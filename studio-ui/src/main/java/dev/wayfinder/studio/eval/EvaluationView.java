package dev.wayfinder.studio.eval;

import dev.wayfinder.policy.eval.EvalRow;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.StudioException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Evaluation tab: open an evaluation folder or a recording, run recorded episodes (scenario, policy, episodes,
 * first seed, randomization; the folder is asked for), the results table, the recorded episodes (selecting one
 * replays it) and the {@link ReplayView}. Binds to an {@link EvaluationModel} and a {@link ReplayModel}. FX thread.
 */
public final class EvaluationView extends BorderPane {
    private final EvaluationModel model;
    private final ReplayModel replay;
    private final ReplayView replayView;
    private final TableView<EvalRow> results = new TableView<>();
    private final TableView<EvalFolder.EpisodeItem> episodes = new TableView<>();

    /**
     * @param chooseFolder    asks for a folder (title given): the evaluation to open, or where a run records
     * @param chooseRecording asks for a recording file
     * @param scenarios       the scenarios a recording may have been made on besides the bundled ones (the one
     *                        being edited)
     * @param errors          shows a failure: what, and why
     */
    public EvaluationView(EvaluationModel model, ReplayModel replay, Function<String, Optional<Path>> chooseFolder,
                          Supplier<Optional<Path>> chooseRecording, Supplier<List<Scenario>> scenarios,
                          BiConsumer<String, String> errors) {
        this.model = model;
        this.replay = replay;
        setId("evaluation");
        Button open = new Button("Open evaluation\u2026");
        open.setId("eval-open");
        open.setTooltip(new Tooltip("A folder written by 'wayfinder sim run --record DIR' or 'wayfinder eval -o DIR'"));
        open.setOnAction(e -> chooseFolder.apply("Open an evaluation folder").ifPresent(model::open));
        Button openRecording = new Button("Open recording\u2026");
        openRecording.setId("eval-open-recording");
        openRecording.setOnAction(e -> chooseRecording.get().ifPresent(f -> replay.open(f, scenarios)));

        ComboBox<String> scenario = new ComboBox<>();
        scenario.setId("eval-scenario");
        scenario.setEditable(true);
        scenario.getItems().addAll(ScenarioLibrary.NAMES);
        scenario.setValue("cluttered-room");
        scenario.setPrefWidth(140);
        scenario.setTooltip(new Tooltip("A bundled scenario's name or a scenario file"));
        ComboBox<String> policy = new ComboBox<>();
        policy.setId("eval-policy");
        policy.setEditable(true);
        policy.getItems().addAll("expert", "cluttered-room-rgbd-map", "random");
        policy.setValue("expert");
        policy.setPrefWidth(170);
        policy.setTooltip(new Tooltip("expert, random, a shipped model's name, or a model or run folder"));
        Spinner<Integer> count = new Spinner<>(1, EvaluationModel.Request.MAX_EPISODES, 10);
        count.setId("eval-episodes");
        count.setEditable(true);
        count.setPrefWidth(80);
        count.setTooltip(new Tooltip("Episodes"));
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, 0);
        seed.setId("eval-seed");
        seed.setEditable(true);
        seed.setPrefWidth(90);
        seed.setTooltip(new Tooltip("The first episode's seed"));
        CheckBox randomize = new CheckBox("Randomize");
        randomize.setId("eval-randomize");
        Button run = new Button("Record episodes\u2026");
        run.setId("eval-run");
        run.setTooltip(new Tooltip("Run and record the episodes as 'wayfinder sim run --record DIR' in a folder you"
                + " choose"));
        run.setOnAction(e -> chooseFolder.apply("Folder for the recorded episodes").ifPresent(dir -> {
            try {
                model.run(new EvaluationModel.Request(text(scenario), text(policy), count.getValue(),
                        seed.getValue(), randomize.isSelected(), dir));
            } catch (StudioException ex) {
                errors.accept("Cannot run the evaluation", ex.getMessage());
            }
        }));
        Button cancel = new Button("Cancel");
        cancel.setId("eval-cancel");
        run.disableProperty().bind(model.stateProperty().isEqualTo(EvaluationModel.State.RUNNING)
                .or(model.stateProperty().isEqualTo(EvaluationModel.State.CANCELLING)));
        cancel.disableProperty().bind(model.stateProperty().isNotEqualTo(EvaluationModel.State.RUNNING));
        cancel.setOnAction(e -> model.cancel());
        ToolBar bar = new ToolBar(open, openRecording, new javafx.scene.control.Separator(), run, cancel);
        ToolBar runBar = new ToolBar(new Label("Scenario"), scenario, new Label("policy"), policy,
                new Label("episodes"), count, new Label("first seed"), seed, randomize);
        ProgressBar progress = new ProgressBar();
        progress.setId("eval-progress");
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.stateProperty().isEqualTo(EvaluationModel.State.RUNNING)
                .or(model.stateProperty().isEqualTo(EvaluationModel.State.CANCELLING)));
        progress.managedProperty().bind(progress.visibleProperty());
        Label status = new Label();
        status.setId("eval-status");
        status.textProperty().bind(model.statusProperty());
        Label lastLine = new Label();
        lastLine.getStyleClass().add("text-muted");
        model.log().addListener((javafx.collections.ListChangeListener<String>) c ->
                lastLine.setText(model.log().isEmpty() ? "" : model.log().get(model.log().size() - 1)));
        HBox statusRow = new HBox(10, progress, status, lastLine);
        statusRow.setPadding(new Insets(2, 8, 4, 8));
        setTop(new VBox(bar, runBar, statusRow));

        results.setId("eval-results");
        results.getColumns().add(column("Scenario", r -> r.scenario(), 130));
        results.getColumns().add(column("Variant", r -> r.variant(), 110));
        results.getColumns().add(column("Driver", r -> r.driver(), 110));
        results.getColumns().add(column("Episodes", r -> Integer.toString(r.result().episodes()), 64));
        results.getColumns().add(column("Success", r -> fixed(r.result().successRate()), 60));
        results.getColumns().add(column("SPL", r -> fixed(r.result().spl()), 50));
        results.getColumns().add(column("Collisions", r -> fixed(r.result().collisionRate()), 70));
        results.setItems(model.rows());
        results.setPlaceholder(new Label("No evaluation open"));
        episodes.setId("eval-episodes-table");
        episodes.getColumns().add(column("Seed", e -> Long.toString(e.outcome().seed()), 56));
        episodes.getColumns().add(column("Outcome", e -> e.outcomeText(), 90));
        episodes.getColumns().add(column("Steps", e -> Integer.toString(e.outcome().steps()), 50));
        episodes.getColumns().add(column("Time [s]", e -> String.format(Locale.ROOT, "%.1f", e.outcome().seconds()),
                60));
        episodes.getColumns().add(column("SPL", e -> fixed(e.outcome().spl()), 50));
        episodes.setItems(model.episodes());
        episodes.setPlaceholder(new Label("No recorded episodes"));
        episodes.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (item == null) {
                return;
            }
            if (item.recording().isPresent()) {
                replay.open(item.recording().get(), scenarios);
            } else {
                errors.accept("No recording of seed " + item.outcome().seed(), "the folder lists "
                        + item.entry().recording() + ", which is not there");
            }
        });
        HBox tables = new HBox(8, results, episodes);
        HBox.setHgrow(results, Priority.ALWAYS);
        episodes.setPrefWidth(330);
        tables.setPadding(new Insets(0, 8, 0, 8));
        replayView = new ReplayView(replay);
        SplitPane split = new SplitPane(tables, replayView);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.36);
        setCenter(split);
    }

    private static String text(ComboBox<String> box) {
        String typed = box.getEditor().getText();
        return (typed == null || typed.isBlank() ? String.valueOf(box.getValue()) : typed).strip();
    }

    private static String fixed(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f", x);
    }

    private static <T> TableColumn<T, String> column(String name, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> (ObservableValue<String>) new SimpleStringProperty(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    public ReplayView replayView() {
        return replayView;
    }

    public TableView<EvalRow> results() {
        return results;
    }

    public TableView<EvalFolder.EpisodeItem> episodes() {
        return episodes;
    }

    /** Stops the replay's clock and camera. */
    public void close() {
        replayView.close();
    }
}
