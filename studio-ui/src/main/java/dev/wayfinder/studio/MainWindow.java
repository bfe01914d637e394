package dev.wayfinder.studio;

import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.edit.Selection;
import dev.wayfinder.studio.editor.EditorCanvas;
import dev.wayfinder.studio.eval.EvaluationModel;
import dev.wayfinder.studio.eval.EvaluationView;
import dev.wayfinder.studio.eval.ReplayModel;
import dev.wayfinder.studio.editor.EditorModel;
import dev.wayfinder.studio.editor.PaletteItem;
import dev.wayfinder.studio.inspector.InspectorModel;
import dev.wayfinder.studio.inspector.InspectorView;
import dev.wayfinder.studio.library.DialogService;
import dev.wayfinder.studio.library.LibraryModel;
import dev.wayfinder.studio.library.LibraryView;
import dev.wayfinder.studio.settings.StudioSettings;
import dev.wayfinder.studio.ros.RosModel;
import dev.wayfinder.studio.ros.RosPane;
import dev.wayfinder.studio.training.TrainLauncher;
import dev.wayfinder.studio.training.TrainingModel;
import dev.wayfinder.studio.training.TrainingView;
import dev.wayfinder.studio.randomization.RandomizationModel;
import dev.wayfinder.studio.randomization.RandomizationView;
import dev.wayfinder.studio.sim.SimulationModel;
import dev.wayfinder.studio.sim.SimulationPane;
import dev.wayfinder.studio.validation.ProblemsView;
import dev.wayfinder.studio.validation.ValidationModel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The studio's main window: menus, the scenario library on the left, the work area in the middle (tabs: the map
 * editor, the simulation with its 3D viewport and robot camera, training and ROS 2; randomization and evaluation
 * views are to join as tabs), the
 * Problems panel below it and the Inspector on the right. It wires the view models to their views and holds no
 * logic of its own. FX thread.
 */
public final class MainWindow {
    private final Stage stage;
    private final StudioSettings settings;
    private final ScenarioDocument doc;
    private final EditorModel editor;
    private final ValidationModel validation;
    private final InspectorModel inspector;
    private final LibraryModel library;
    private final EditorCanvas canvas;
    private final TrainingModel training;
    private final SimulationModel simulation;
    private final EvaluationModel evaluation;
    private final ReplayModel replay;
    private final EvaluationView evaluationView;
    private final RosModel ros;
    private final RandomizationModel randomization;
    private SimulationPane simulationPane;
    private final Tab simulationTab = new Tab("Simulation");
    private final TabPane work = new TabPane();
    private final SplitPane columns = new SplitPane();
    private final SplitPane middle = new SplitPane();
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "studio-io");
        t.setDaemon(true);
        return t;
    });
    private final Scene scene;

    /**
     * Builds the window on {@code stage} (not shown yet).
     *
     * @param dialogs the dialogs to ask through, given the window (tests script them)
     * @param initial the scenario to edit first
     * @param file    where {@code initial} was read from, if from a file
     */
    public MainWindow(Stage stage, StudioSettings settings, Function<Window, DialogService> dialogs, Scenario initial,
                      Optional<Path> file) {
        this(stage, settings, dialogs, initial, file, Optional.empty());
    }

    /**
     * Builds the window on {@code stage} (not shown yet).
     *
     * @param dialogs      the dialogs to ask through, given the window (tests script them)
     * @param initial      the scenario to edit first
     * @param file         where {@code initial} was read from, if from a file
     * @param shippedModel the trained model the simulation's model driver uses, if one is shipped
     */
    public MainWindow(Stage stage, StudioSettings settings, Function<Window, DialogService> dialogs, Scenario initial,
                      Optional<Path> file, Optional<Path> shippedModel) {
        this.stage = stage;
        this.settings = settings;
        doc = new ScenarioDocument(initial);
        doc.replace(initial, file);
        editor = new EditorModel(doc);
        validation = new ValidationModel(doc, Platform::runLater);
        inspector = new InspectorModel(doc);
        DialogService asker = dialogs.apply(stage);
        library = new LibraryModel(doc, settings, asker, io, Platform::runLater);
        try {
            library.watchFiles();
        } catch (java.io.IOException e) {
            // No watch service: files changed elsewhere are simply not reloaded.
        }
        canvas = new EditorCanvas(editor, validation);
        simulation = new SimulationModel(doc, Platform::runLater, shippedModel);
        simulation.setErrors(asker::showError);

        Tab map = new Tab("Map editor", editorPane());
        map.setClosable(false);
        simulationTab.setClosable(false);
        simulationTab.setId("tab-simulation");
        work.getTabs().addAll(map, simulationTab);
        // The simulation (its threads and OpenGL contexts) starts when its tab is first shown.
        simulationTab.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                showSimulation();
            }
        });
        training = new TrainingModel(launcher(), Path.of(""), Platform::runLater);
        Tab train = new Tab("Training", new TrainingView(training, () -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Open a training run folder");
            return Optional.ofNullable(c.showDialog(stage)).map(java.io.File::toPath);
        }, asker::showError));
        train.setClosable(false);
        work.getTabs().add(train);
        evaluation = new EvaluationModel(launcher(), Path.of(""), Platform::runLater, asker::showError);
        replay = new ReplayModel(io, Platform::runLater, asker::showError, true);
        evaluationView = new EvaluationView(evaluation, replay, title -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle(title);
            return Optional.ofNullable(c.showDialog(stage)).map(java.io.File::toPath);
        }, () -> {
            javafx.stage.FileChooser c = new javafx.stage.FileChooser();
            c.setTitle("Open a recorded episode");
            c.getExtensionFilters().addAll(new javafx.stage.FileChooser.ExtensionFilter("Recordings", "*.wfrec"),
                    new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
            return Optional.ofNullable(c.showOpenDialog(stage)).map(java.io.File::toPath);
        }, () -> java.util.List.of(doc.scenario()), asker::showError);
        Tab evaluate = new Tab("Evaluation", evaluationView);
        evaluate.setClosable(false);
        evaluate.setId("tab-evaluation");
        work.getTabs().add(evaluate);
        ros = new RosModel(doc, shippedModel, RosModel.launcher(), Path.of(""), System.getenv(), Platform::runLater);
        work.getTabs().add(RosPane.tab(ros, stage, asker));
        randomization = RandomizationModel.create(doc, true, Platform::runLater);
        Tab rand = new Tab("Randomization", new RandomizationView(randomization, this::simulateSeed));
        rand.setClosable(false);
        rand.setId("tab-randomization");
        randomization.activeProperty().bind(rand.selectedProperty());
        work.getTabs().add(rand);
        work.setId("work-tabs");
        ProblemsView problems = new ProblemsView(validation, doc);
        middle.setOrientation(Orientation.VERTICAL);
        middle.getItems().addAll(work, problems);
        SplitPane.setResizableWithParent(problems, false);
        LibraryView lib = new LibraryView(library);
        InspectorView insp = new InspectorView(inspector);
        columns.getItems().addAll(lib, middle, insp);
        SplitPane.setResizableWithParent(lib, false);
        SplitPane.setResizableWithParent(insp, false);
        columns.setDividerPositions(settings.dividers("columns", 0.17, 0.79));
        middle.setDividerPositions(settings.dividers("middle", 0.76));

        BorderPane root = new BorderPane();
        root.setTop(menus());
        root.setCenter(columns);
        root.setBottom(statusBar());
        double[] size = settings.windowSize(1440, 900);
        scene = new Scene(root, size[0], size[1]);
        stage.setScene(scene);
        WindowPlacement.restore(stage, settings);
        stage.titleProperty().bind(doc.titleProperty());
        stage.setOnCloseRequest(e -> {
            e.consume();
            library.whenChangesAreSafe(this::close);
        });
    }

    private static TrainLauncher launcher() {
        return TrainLauncher.sameAsThisJvm().orElse((args, dir) -> {
            throw new java.io.IOException("this studio cannot tell how it was started (the JVM does not say), so it"
                    + " cannot start `wayfinder " + args.get(0) + "`; run it from a terminal and open its folder here");
        });
    }

    private BorderPane editorPane() {
        ToolBar palette = new ToolBar();
        palette.setId("palette");
        for (PaletteItem item : PaletteItem.values()) {
            Button b = new Button("+ " + item.label());
            b.setId("add-" + item.prefix());
            b.setTooltip(new Tooltip("Add a " + item.label().toLowerCase(java.util.Locale.ROOT)
                    + " at the middle of the arena"));
            b.setOnAction(e -> addFromPalette(item));
            palette.getItems().add(b);
        }
        Button waypoint = new Button("+ Waypoint");
        waypoint.setId("add-waypoint");
        waypoint.setTooltip(new Tooltip("Add a waypoint to the selected moving obstacle's patrol after the selected"
                + " one (or Alt-click its path)"));
        // Shown only while a moving obstacle is selected, so it takes no room in the palette otherwise.
        waypoint.visibleProperty().bind(Bindings.createBooleanBinding(() -> inspector.modeProperty().get().isPresent(),
                inspector.modeProperty()));
        waypoint.managedProperty().bind(waypoint.visibleProperty());
        waypoint.setOnAction(e -> {
            editor.addWaypoint();
            canvas.requestFocus();
        });
        palette.getItems().add(waypoint);
        Button delete = new Button("Delete");
        delete.setId("delete");
        delete.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !(doc.selection() instanceof Selection.ObstacleItem), doc.selectionProperty()));
        delete.setOnAction(e -> editor.deleteSelected());
        Button undo = new Button("Undo");
        undo.setId("undo");
        undo.disableProperty().bind(doc.undoStack().canUndoProperty().not());
        undo.setOnAction(e -> doc.undo());
        Button redo = new Button("Redo");
        redo.setId("redo");
        redo.disableProperty().bind(doc.undoStack().canRedoProperty().not());
        redo.setOnAction(e -> doc.redo());
        ToggleButton snap = new ToggleButton("Snap");
        snap.setId("snap");
        snap.selectedProperty().bindBidirectional(editor.snapProperty());
        ChoiceBox<Double> step = new ChoiceBox<>();
        step.getItems().addAll(0.01, 0.05, 0.1, 0.25, 0.5);
        step.setValue(editor.gridStepProperty().get());
        step.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : v * 100 >= 1 ? String.format(java.util.Locale.ROOT, "%.0f cm", v * 100) : "";
            }

            @Override
            public Double fromString(String s) {
                return null;
            }
        });
        step.valueProperty().addListener((o, a, v) -> editor.gridStepProperty().set(v));
        step.setTooltip(new Tooltip("Grid step for snapping"));
        palette.getItems().addAll(new Separator(), delete, undo, redo, new Separator(), snap, step);
        BorderPane p = new BorderPane(canvas);
        p.setTop(palette);
        return p;
    }

    private void addFromPalette(PaletteItem item) {
        editor.add(item, Vec2.ZERO);
        canvas.requestFocus();
    }

    private MenuBar menus() {
        Menu file = new Menu("File");
        Menu fromTemplate = new Menu("New from template");
        for (String t : library.templates()) {
            MenuItem m = new MenuItem(t);
            m.setOnAction(e -> library.newFromTemplate(t));
            fromTemplate.getItems().add(m);
        }
        MenuItem newEmpty = item(Shortcuts.NEW, "New", () -> library.newFromTemplate("empty-arena"));
        MenuItem open = item(Shortcuts.OPEN, "Open\u2026", library::open);
        Menu recent = new Menu("Open recent");
        Runnable fillRecent = () -> {
            recent.getItems().clear();
            for (Path p : library.recent()) {
                MenuItem m = new MenuItem(p.toString());
                m.setMnemonicParsing(false);
                m.setOnAction(e -> library.open(p));
                recent.getItems().add(m);
            }
            recent.setDisable(recent.getItems().isEmpty());
        };
        library.recent().addListener((ListChangeListener<Path>) c -> fillRecent.run());
        fillRecent.run();
        MenuItem save = item(Shortcuts.SAVE, "Save", library::save);
        MenuItem saveAs = item(Shortcuts.SAVE_AS, "Save as\u2026", library::saveAs);
        MenuItem quit = item(Shortcuts.QUIT, "Quit", () -> library.whenChangesAreSafe(this::close));
        file.getItems().addAll(newEmpty, fromTemplate, open, recent, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), quit);

        Menu edit = new Menu("Edit");
        MenuItem undo = item(Shortcuts.UNDO, "Undo", doc::undo);
        undo.textProperty().bind(doc.undoStack().undoTextProperty());
        undo.disableProperty().bind(doc.undoStack().canUndoProperty().not());
        MenuItem redo = item(Shortcuts.REDO, "Redo", doc::redo);
        redo.textProperty().bind(doc.undoStack().redoTextProperty());
        redo.disableProperty().bind(doc.undoStack().canRedoProperty().not());
        MenuItem delete = item(Shortcuts.DELETE, "Delete", () -> {
            // In a text field, Delete edits the text, not the scenario.
            if (!(scene.getFocusOwner() instanceof TextInputControl)) {
                editor.deleteSelected();
            }
        });
        CheckMenuItem snap = new CheckMenuItem("Snap to grid");
        snap.setAccelerator(Shortcuts.SNAP.keys());
        snap.selectedProperty().bindBidirectional(editor.snapProperty());
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(), delete, new SeparatorMenuItem(), snap);

        Menu add = new Menu("Add");
        for (PaletteItem p : PaletteItem.values()) {
            MenuItem m = new MenuItem(p.label());
            m.setOnAction(e -> addFromPalette(p));
            add.getItems().add(m);
        }

        Menu view = new Menu("View");
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setAccelerator(Shortcuts.DARK.keys());
        dark.setSelected(settings.dark());
        dark.selectedProperty().addListener((o, a, on) -> {
            Themes.apply(on);
            settings.setDark(on);
            settings.save();
        });
        view.getItems().add(dark);

        Menu help = new Menu("Help");
        help.getItems().add(item(Shortcuts.HELP, "Keyboard shortcuts", this::showShortcuts));
        MenuBar bar = new MenuBar(file, edit, add, view, help);
        bar.setId("menus");
        return bar;
    }

    private static MenuItem item(Shortcuts.Shortcut s, String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setAccelerator(s.keys());
        m.setOnAction(e -> action.run());
        return m;
    }

    private HBox statusBar() {
        Label selection = new Label();
        selection.textProperty().bind(Bindings.createStringBinding(
                () -> inspector.headingProperty().get().isEmpty() ? "Nothing selected" : inspector.headingProperty().get(),
                inspector.headingProperty()));
        Label pointer = new Label();
        pointer.textProperty().bind(canvas.pointerProperty());
        Label saved = new Label();
        saved.setId("status-saved");
        saved.textProperty().bind(Bindings.createStringBinding(() -> doc.isDirty() ? "Unsaved changes" : "Saved",
                doc.dirtyProperty()));
        Label snap = new Label();
        snap.textProperty().bind(Bindings.createStringBinding(() -> editor.snapProperty().get()
                ? String.format(java.util.Locale.ROOT, "Snap %.0f cm", editor.gridStepProperty().get() * 100) : "Snap off",
                editor.snapProperty(), editor.gridStepProperty()));
        Label message = new Label();
        message.setId("status-message");
        message.textProperty().bind(library.messageProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label refused = new Label();
        refused.setId("status-editor");
        refused.textProperty().bind(editor.messageProperty());
        refused.setStyle("-fx-text-fill: -color-danger-fg;");
        HBox bar = new HBox(18, selection, message, refused, gap, pointer, snap, saved);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("text-muted");
        bar.setStyle("-fx-background-color: -color-bg-subtle; -fx-border-color: -color-border-default;"
                + " -fx-border-width: 1 0 0 0;");
        return bar;
    }

    private void showShortcuts() {
        TableView<String[]> table = new TableView<>();
        TableColumn<String[], String> keys = new TableColumn<>("Keys");
        keys.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue()[0]));
        TableColumn<String[], String> action = new TableColumn<>("Action");
        action.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue()[1]));
        keys.setPrefWidth(190);
        action.setPrefWidth(330);
        table.getColumns().add(keys);
        table.getColumns().add(action);
        for (Shortcuts.Shortcut s : Shortcuts.ALL) {
            table.getItems().add(new String[] {s.keys().getDisplayText(), s.action()});
        }
        table.getItems().addAll(Shortcuts.EDITOR_KEYS);
        table.setPrefSize(540, 420);
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.getDialogPane().setContent(table);
        a.show();
    }

    /** Shows the simulation tab, starting the simulation when it is not running yet; returns its pane. */
    public SimulationPane showSimulation() {
        if (simulationPane == null) {
            simulationPane = new SimulationPane(simulation);
            simulationTab.setContent(simulationPane);
            simulation.start();
        }
        work.getSelectionModel().select(simulationTab);
        return simulationPane;
    }

    /** Opens the randomized episode of {@code seed} in the simulation tab (a gallery tile's click). */
    private void simulateSeed(long seed) {
        simulation.randomizedProperty().set(true);
        simulation.seedProperty().set(seed);
        showSimulation();
        simulation.reset();
    }

    /** The randomization tab's view model. */
    public RandomizationModel randomization() {
        return randomization;
    }

    /** Remembers the layout and closes the window (and with the last window, the studio). */
    public void close() {
        saveLayout();
        if (simulationPane != null) {
            simulationPane.close();
        }
        simulation.close();
        validation.close();
        training.close();
        evaluation.close();
        evaluationView.close();
        ros.close();
        randomization.close();
        library.close();
        io.shutdown();
        stage.close();
    }

    /** Stores the window's size, position and state and the panel dividers in the settings. */
    public void saveLayout() {
        WindowPlacement.remember(stage, settings);
        settings.setDividers("columns", columns.getDividerPositions());
        settings.setDividers("middle", middle.getDividerPositions());
        settings.save();
    }

    public Stage stage() {
        return stage;
    }

    public Scene scene() {
        return scene;
    }

    public ScenarioDocument document() {
        return doc;
    }

    public EditorModel editor() {
        return editor;
    }

    public EditorCanvas canvas() {
        return canvas;
    }

    public ValidationModel validation() {
        return validation;
    }

    public InspectorModel inspector() {
        return inspector;
    }

    public LibraryModel library() {
        return library;
    }

    /** The simulation's view model (the simulation itself starts with {@link #showSimulation()}). */
    public SimulationModel simulation() {
        return simulation;
    }

    /** The work area's tabs, where later views (3D viewport, camera, training ...) are added. */
    /** The training panel's view model. */
    public TrainingModel training() {
        return training;
    }

    /** The evaluation tab's view models and view. */
    public EvaluationModel evaluation() {
        return evaluation;
    }

    public ReplayModel replay() {
        return replay;
    }

    public EvaluationView evaluationView() {
        return evaluationView;
    }

    /** The ROS 2 tab's view model (its node joins the domain while the tab is shown). */
    public RosModel ros() {
        return ros;
    }

    public TabPane workTabs() {
        return work;
    }
}
