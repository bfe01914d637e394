package dev.wayfinder.studio.training;

import dev.wayfinder.studio.StudioException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The training panel: a form for a new run, open / stop / resume, the run's state with its ETA and progress, the
 * loss curve and the validation curves (success, SPL, collisions) growing as the run writes them, and the child's
 * last output lines. Binds to a {@link TrainingModel}; holds no logic of its own.
 */
public final class TrainingView extends BorderPane {
    private final TrainingModel model;
    private final XYChart.Series<Number, Number> loss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> success = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> spl = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> collisions = new XYChart.Series<>();
    private final TextField output = new TextField("wayfinder-run");
    private final TextField config = new TextField();
    private final TextField scenario = new TextField("cluttered-room");
    private final Spinner<Integer> iterations = new Spinner<>(1, 1000, 12);
    private final TextField seed = new TextField("1");

    /**
     * @param chooseRun asks for a run folder to open (empty: cancelled)
     * @param showError tells the user what failed and why
     */
    public TrainingView(TrainingModel model, Supplier<Optional<Path>> chooseRun, BiConsumer<String, String> showError) {
        this.model = model;
        setId("training");
        loss.setName("loss");
        success.setName("success");
        spl.setName("SPL");
        collisions.setName("collisions");

        Button open = new Button("Open run…");
        open.setId("training-open");
        open.setOnAction(e -> chooseRun.get().ifPresent(d -> act(showError, "Open run", () -> model.open(d))));
        Button start = new Button("Start");
        start.setId("training-start");
        start.setDefaultButton(false);
        start.setOnAction(e -> act(showError, "Start training", () -> model.start(request())));
        Button stop = new Button("Stop");
        stop.setId("training-stop");
        stop.setOnAction(e -> model.stop());
        Button resume = new Button("Resume");
        resume.setId("training-resume");
        resume.setTooltip(new Tooltip("Continue the open run from its last checkpoint up to the iterations set"));
        resume.setOnAction(e -> act(showError, "Resume training", () -> model.resume(iterations.getValue())));
        Function<TrainingModel.State, Boolean> running = s -> s == TrainingModel.State.RUNNING
                || s == TrainingModel.State.STOPPING;
        start.disableProperty().bind(Bindings.createBooleanBinding(() -> running.apply(model.stateProperty().get()),
                model.stateProperty()));
        open.disableProperty().bind(start.disableProperty());
        resume.disableProperty().bind(Bindings.createBooleanBinding(() -> running.apply(model.stateProperty().get())
                || model.runDirProperty().get() == null, model.stateProperty(), model.runDirProperty()));
        stop.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.stateProperty().get() != TrainingModel.State.RUNNING, model.stateProperty()));

        output.setId("training-output");
        config.setId("training-config");
        config.setPromptText("optional: a training config YAML");
        scenario.setId("training-scenario");
        iterations.setId("training-iterations");
        iterations.setEditable(true);
        seed.setId("training-seed");
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.setPadding(new Insets(8));
        String[] labels = {"Run folder", "Config", "Scenario", "Iterations", "Seed"};
        javafx.scene.Node[] fields = {output, config, scenario, iterations, seed};
        for (int i = 0; i < labels.length; i++) {
            form.add(new Label(labels[i]), 0, i);
            form.add(fields[i], 1, i);
        }
        HBox buttons = new HBox(6, start, stop, resume, open);
        form.add(buttons, 0, labels.length, 2, 1);

        Label state = new Label();
        state.setId("training-status");
        state.setWrapText(true);
        state.textProperty().bind(model.statusProperty());
        Label eta = new Label();
        eta.setId("training-eta");
        eta.textProperty().bind(model.etaProperty());
        ProgressBar progress = new ProgressBar(0);
        progress.setId("training-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(Bindings.createDoubleBinding(() -> model.plannedProperty().get() <= 0 ? 0
                : Math.min(1.0, model.rows().size() / (double) model.plannedProperty().get()), model.rows(),
                model.plannedProperty()));
        ListView<String> log = new ListView<>(model.log());
        log.setId("training-log");
        log.setPrefHeight(140);
        model.log().addListener((ListChangeListener<String>) c -> {
            if (!model.log().isEmpty()) {
                log.scrollTo(model.log().size() - 1);
            }
        });
        VBox left = new VBox(8, form, state, eta, progress, new Label("Output"), log);
        left.setPadding(new Insets(4, 8, 8, 8));
        left.setPrefWidth(360);
        VBox.setVgrow(log, Priority.ALWAYS);

        LineChart<Number, Number> lossChart = chart("Training loss", "loss", false);
        lossChart.getData().add(loss);
        lossChart.setId("training-loss-chart");
        LineChart<Number, Number> valChart = chart("Validation (held-out seeds)", "rate", true);
        valChart.getData().addAll(List.of(success, spl, collisions));
        valChart.setId("training-validation-chart");
        VBox charts = new VBox(4, lossChart, valChart);
        VBox.setVgrow(lossChart, Priority.ALWAYS);
        VBox.setVgrow(valChart, Priority.ALWAYS);
        setLeft(left);
        setCenter(charts);

        model.rows().addListener((ListChangeListener<MetricsTable.Row>) c -> redraw());
        redraw();
    }

    private static LineChart<Number, Number> chart(String title, String y, boolean unit) {
        NumberAxis x = new NumberAxis();
        x.setLabel("iteration");
        x.setForceZeroInRange(true);
        x.setMinorTickVisible(false);
        // Iterations are whole: ticks between them stay unlabelled.
        x.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return v == Math.rint(v) ? Long.toString(Math.round(v)) : "";
            }

            @Override
            public Number fromString(String s) {
                return Double.valueOf(s);
            }
        });
        NumberAxis v = unit ? new NumberAxis(0, 1, 0.2) : new NumberAxis();
        v.setLabel(y);
        LineChart<Number, Number> c = new LineChart<>(x, v);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(true);
        c.setMinHeight(180);
        return c;
    }

    private void redraw() {
        loss.getData().clear();
        success.getData().clear();
        spl.getData().clear();
        collisions.getData().clear();
        for (MetricsTable.Row r : model.rows()) {
            add(loss, r.iteration(), r.loss());
            add(success, r.iteration(), r.success());
            add(spl, r.iteration(), r.spl());
            add(collisions, r.iteration(), r.collisions());
        }
    }

    private static void add(XYChart.Series<Number, Number> s, int x, double y) {
        if (Double.isFinite(y)) {
            s.getData().add(new XYChart.Data<>(x, y));
        }
    }

    /** The series drawn: loss, success, SPL, collisions (for tests). */
    public List<XYChart.Series<Number, Number>> series() {
        return List.of(loss, success, spl, collisions);
    }

    private TrainingModel.Request request() throws StudioException {
        String out = output.getText().strip();
        if (out.isEmpty()) {
            throw new StudioException("Run folder: empty; expected the folder the run is written to");
        }
        String s = seed.getText().strip();
        OptionalLong sd;
        try {
            sd = s.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new StudioException("Seed: '" + s + "' is not a whole number");
        }
        String c = config.getText().strip();
        String sc = scenario.getText().strip();
        return new TrainingModel.Request(Path.of(out), c.isEmpty() ? Optional.empty() : Optional.of(Path.of(c)),
                sc.isEmpty() ? List.of() : List.of(sc.split("\\s*,\\s*")), OptionalInt.of(iterations.getValue()), sd);
    }

    private interface Action {
        void run() throws StudioException;
    }

    private static void act(BiConsumer<String, String> showError, String what, Action a) {
        try {
            a.run();
        } catch (StudioException e) {
            showError.accept(what, e.getMessage());
        }
    }
}
