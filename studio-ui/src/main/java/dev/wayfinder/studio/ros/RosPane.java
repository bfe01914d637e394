package dev.wayfinder.studio.ros;

import dev.wayfinder.studio.StudioException;
import dev.wayfinder.studio.library.DialogService;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * The ROS 2 tab: the domain and discovery range on top; the topic list (name, type, publishers, subscribers,
 * measured rate) beside the echo of the selected topic; below, the simulator and the deploy node with Start / Stop,
 * their state, their status as their topics tell it and their last output lines. Binds to a {@link RosModel}; holds
 * no logic of its own.
 */
public final class RosPane extends BorderPane {
    private final RosModel model;
    private final TableView<TopicRow> table = new TableView<>();
    private final TextArea echoText = new TextArea();

    /**
     * @param chooseModel asks for a model folder for the deploy node (empty: cancelled)
     * @param showError   tells the user what failed and why
     */
    public RosPane(RosModel model, Supplier<Optional<Path>> chooseModel, BiConsumer<String, String> showError) {
        this.model = model;
        setId("ros");
        setTop(networkBar(showError));
        SplitPane center = new SplitPane(topicList(), echoPane());
        center.setDividerPositions(0.6);
        SplitPane whole = new SplitPane(center, children(chooseModel, showError));
        whole.setOrientation(Orientation.VERTICAL);
        whole.setDividerPositions(0.56);
        setCenter(whole);
    }

    private ToolBar networkBar(BiConsumer<String, String> showError) {
        TextField domain = new TextField(Integer.toString(model.networkProperty().get().domainId()));
        domain.setId("ros-domain");
        domain.setPrefColumnCount(4);
        domain.setTooltip(new Tooltip("ROS_DOMAIN_ID, 0.." + RosNetwork.MAX_DOMAIN + "; Enter to join it"));
        CheckBox localhost = new CheckBox("Localhost only");
        localhost.setId("ros-localhost");
        localhost.setSelected(model.networkProperty().get().localhostOnly());
        localhost.setTooltip(new Tooltip("Discover only on this machine (ROS_LOCALHOST_ONLY=1); off: also other"
                + " machines on the subnet by multicast"));
        Runnable apply = () -> {
            try {
                model.setNetwork(new RosNetwork(RosNetwork.parseDomain(domain.getText()), localhost.isSelected()));
            } catch (StudioException e) {
                showError.accept("Change the ROS domain", e.getMessage());
                RosNetwork now = model.networkProperty().get();
                domain.setText(Integer.toString(now.domainId()));
                localhost.setSelected(now.localhostOnly());
            }
        };
        domain.setOnAction(e -> apply.run());
        domain.focusedProperty().addListener((o, was, is) -> {
            if (!is && !domain.getText().strip().equals(Integer.toString(model.networkProperty().get().domainId()))) {
                apply.run();
            }
        });
        localhost.setOnAction(e -> apply.run());
        CheckBox rates = new CheckBox("Measure rates");
        rates.setId("ros-measure-rates");
        rates.selectedProperty().bindBidirectional(model.measureRatesProperty());
        rates.setTooltip(new Tooltip("Subscribes to every published topic, as 'ros topic hz' does to one (a simulator"
                + " renders its camera while someone subscribes)"));
        // Children run on the domain they started on.
        var busy = Bindings.createBooleanBinding(() -> model.sim().stateProperty().get().busy()
                        || model.deploy().stateProperty().get().busy(), model.sim().stateProperty(),
                model.deploy().stateProperty());
        domain.disableProperty().bind(busy);
        localhost.disableProperty().bind(busy);
        // The network changes from elsewhere too (a refused change put back, the snapshot's private domain).
        model.networkProperty().addListener((o, a, n) -> {
            domain.setText(Integer.toString(n.domainId()));
            localhost.setSelected(n.localhostOnly());
        });
        Label status = new Label();
        status.setId("ros-network-status");
        status.textProperty().bind(model.networkStatusProperty());
        status.getStyleClass().add("text-muted");
        return new ToolBar(new Label("Domain"), domain, localhost, new Separator(), rates, new Separator(), status);
    }

    private VBox topicList() {
        table.setId("ros-topics");
        // Sorting by a column sorts this view, not the model's list.
        javafx.collections.transformation.SortedList<TopicRow> sorted =
                new javafx.collections.transformation.SortedList<>(model.topics());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label("No topics seen on this domain yet"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getStyleClass().add("dense");
        TableColumn<TopicRow, String> name = new TableColumn<>("Topic");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(200);
        TableColumn<TopicRow, String> type = new TableColumn<>("Type");
        type.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
        type.setPrefWidth(190);
        TableColumn<TopicRow, Integer> pubs = new TableColumn<>("Pub");
        pubs.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().publishers()));
        pubs.setPrefWidth(46);
        pubs.setMinWidth(46);
        pubs.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<TopicRow, Integer> subs = new TableColumn<>("Sub");
        subs.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().subscribers()));
        subs.setPrefWidth(46);
        subs.setMinWidth(46);
        subs.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<TopicRow, String> rate = new TableColumn<>("Rate");
        rate.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().rateText()));
        rate.setPrefWidth(76);
        rate.setMinWidth(76);
        rate.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().add(name);
        table.getColumns().add(type);
        table.getColumns().add(pubs);
        table.getColumns().add(subs);
        table.getColumns().add(rate);
        // The list is replaced every second: the selection follows the topic's name, not the row object.
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                model.select(row.name());
            }
        });
        model.topics().addListener((ListChangeListener<TopicRow>) c -> reselect());
        Label title = new Label("Topics");
        title.getStyleClass().add("title-4");
        VBox box = new VBox(4, title, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        return box;
    }

    private void reselect() {
        String s = model.selectedProperty().get();
        TopicRow now = table.getSelectionModel().getSelectedItem();
        if (s == null || now != null && now.name().equals(s)) {
            return;
        }
        for (TopicRow r : table.getItems()) {
            if (r.name().equals(s)) {
                table.getSelectionModel().select(r);
                return;
            }
        }
    }

    private VBox echoPane() {
        Label status = new Label();
        status.setId("ros-echo-status");
        status.textProperty().bind(model.echoStatusProperty());
        status.setWrapText(true);
        Label count = new Label();
        count.setId("ros-echo-count");
        count.textProperty().bind(Bindings.createStringBinding(() -> model.echoedProperty().get() + " received",
                model.echoedProperty()));
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.getStyleClass().add("text-muted");
        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("ros-echo-pause");
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        pause.setTooltip(new Tooltip("Keep the messages shown; new ones are counted, not shown"));
        Button clear = new Button("Clear");
        clear.setId("ros-echo-clear");
        clear.setOnAction(e -> model.clearEcho());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        pause.setMinWidth(Region.USE_PREF_SIZE);
        clear.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, count, gap, pause, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        echoText.setId("ros-echo");
        echoText.setEditable(false);
        echoText.setStyle("-fx-font-family: monospace;");
        model.echo().addListener((ListChangeListener<String>) c -> showEcho());
        Label title = new Label("Echo");
        title.getStyleClass().add("title-4");
        title.setMinWidth(Region.USE_PREF_SIZE);
        title.setTooltip(new Tooltip("The selected topic's last " + RosModel.ECHO_MESSAGES + " messages"));
        VBox box = new VBox(4, new HBox(8, title, bar), status, echoText);
        HBox.setHgrow(bar, Priority.ALWAYS);
        VBox.setVgrow(echoText, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        return box;
    }

    private void showEcho() {
        StringBuilder b = new StringBuilder();
        for (String m : model.echo()) {
            b.append(m);
            if (!m.endsWith("\n")) {
                b.append('\n');
            }
            b.append("---\n");
        }
        echoText.setText(b.toString());
        echoText.positionCaret(b.length());
        echoText.setScrollTop(Double.MAX_VALUE);
    }

    private HBox children(Supplier<Optional<Path>> chooseModel, BiConsumer<String, String> showError) {
        Label scenario = new Label("The scenario being edited, unsaved edits included");
        scenario.getStyleClass().add("text-muted");
        scenario.setWrapText(true);
        scenario.setMinHeight(Region.USE_PREF_SIZE);
        VBox simBox = child("sim", "Simulator (wayfinder sim --ros)", model.sim(), model.simStatusProperty(),
                model::startSim, scenario);

        TextField modelField = new TextField();
        modelField.setId("ros-deploy-model");
        modelField.setPromptText("a trained model's folder");
        modelField.setText(model.deployModelProperty().get() == null ? ""
                : shortPath(model.deployModelProperty().get()));
        modelField.textProperty().addListener((o, a, t) -> model.deployModelProperty().set(t.isBlank() ? null
                : Path.of(t.strip())));
        Button browse = new Button("…");
        browse.setTooltip(new Tooltip("Choose a model folder"));
        browse.setOnAction(e -> chooseModel.get().ifPresent(p -> modelField.setText(p.toString())));
        CheckBox simTime = new CheckBox("Use sim time (/clock)");
        simTime.setId("ros-deploy-sim-time");
        simTime.selectedProperty().bindBidirectional(model.useSimTimeProperty());
        Label modelLabel = new Label("Model");
        modelLabel.setMinWidth(Region.USE_PREF_SIZE);
        browse.setMinWidth(Region.USE_PREF_SIZE);
        simTime.setMinWidth(Region.USE_PREF_SIZE);
        HBox modelRow = new HBox(6, modelLabel, modelField, browse, simTime);
        modelRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(modelField, Priority.ALWAYS);
        var deployBusy = Bindings.createBooleanBinding(() -> model.deploy().stateProperty().get().busy(),
                model.deploy().stateProperty());
        modelRow.disableProperty().bind(deployBusy);
        VBox deployBox = child("deploy", "Deploy node (wayfinder deploy)", model.deploy(),
                model.deployStatusProperty(), () -> {
                    try {
                        model.startDeploy();
                    } catch (StudioException e) {
                        showError.accept("Start the deploy node", e.getMessage());
                    }
                }, modelRow);
        HBox row = new HBox(8, simBox, deployBox);
        HBox.setHgrow(simBox, Priority.ALWAYS);
        HBox.setHgrow(deployBox, Priority.ALWAYS);
        simBox.setMaxWidth(Double.MAX_VALUE);
        deployBox.setMaxWidth(Double.MAX_VALUE);
        simBox.setPrefWidth(100);
        deployBox.setPrefWidth(100);
        row.setPadding(new Insets(6));
        return row;
    }

    private static VBox child(String id, String title, ChildProcessModel child,
                              javafx.beans.value.ObservableStringValue topicStatus, Runnable start,
                              javafx.scene.Node options) {
        Button startButton = new Button("Start");
        startButton.setId("ros-" + id + "-start");
        startButton.setOnAction(e -> start.run());
        Button stop = new Button("Stop");
        stop.setId("ros-" + id + "-stop");
        stop.setTooltip(new Tooltip("SIGTERM: the command ends as on Ctrl-C"));
        stop.setOnAction(e -> child.stop());
        startButton.disableProperty().bind(Bindings.createBooleanBinding(() -> child.stateProperty().get().busy(),
                child.stateProperty()));
        stop.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            ChildProcessModel.State s = child.stateProperty().get();
            return s != ChildProcessModel.State.RUNNING && s != ChildProcessModel.State.STARTING;
        }, child.stateProperty()));
        Label state = new Label();
        state.setId("ros-" + id + "-state");
        state.textProperty().bind(child.statusProperty());
        state.setWrapText(true);
        state.setMinHeight(Region.USE_PREF_SIZE);
        HBox buttons = new HBox(6, startButton, stop, state);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("ros-" + id + "-status");
        status.textProperty().bind(topicStatus);
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        ListView<String> log = new ListView<>(child.log());
        log.setId("ros-" + id + "-log");
        log.setPrefHeight(90);
        log.setMinHeight(48);
        log.getStyleClass().add("dense");
        log.setStyle("-fx-font-family: monospace;");
        child.log().addListener((ListChangeListener<String>) c -> {
            if (!child.log().isEmpty()) {
                log.scrollTo(child.log().size() - 1);
            }
        });
        Label heading = new Label(title);
        heading.getStyleClass().add("title-4");
        VBox box = new VBox(5, heading, options, buttons, status, log);
        VBox.setVgrow(log, Priority.ALWAYS);
        box.setPadding(new Insets(6, 8, 6, 8));
        box.setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 4;");
        return box;
    }

    /**
     * The ROS 2 tab for the main window: its node is on the network only while the tab is shown (selecting another
     * tab leaves the domain; the children keep running).
     *
     * @param owner   the window the folder chooser belongs to
     * @param dialogs where errors are told
     */
    public static Tab tab(RosModel model, Window owner, DialogService dialogs) {
        Tab tab = new Tab("ROS 2", new RosPane(model, () -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Choose a trained model's folder");
            return Optional.ofNullable(c.showDialog(owner)).map(java.io.File::toPath);
        }, dialogs::showError));
        tab.setId("tab-ros");
        tab.setClosable(false);
        tab.selectedProperty().addListener((o, was, shown) -> {
            if (shown) {
                model.start();
            } else {
                model.stop();
            }
        });
        return tab;
    }

    /** {@code p} relative to the working folder when it lies inside it (as the children, started there, read it). */
    private static String shortPath(Path p) {
        Path here = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(here) && !abs.equals(here) ? here.relativize(abs).toString() : p.toString();
    }

    /** The topic table (for tests). */
    public TableView<TopicRow> table() {
        return table;
    }

    /** The echo's text area (for tests). */
    public TextArea echoText() {
        return echoText;
    }
}
