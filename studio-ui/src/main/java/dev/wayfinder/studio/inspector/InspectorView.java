package dev.wayfinder.studio.inspector;

import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.PatrolMode;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Inspector panel: the selected item's fields as text fields with units. Enter or leaving a field applies it;
 * refused text stays, marked, with the reason below; Escape puts the model's value back.
 */
public final class InspectorView extends VBox {
    private final InspectorModel model;
    private final GridPane grid = new GridPane();
    private final ComboBox<ObstacleKind> kind = new ComboBox<>();
    private final ComboBox<PatrolMode> mode = new ComboBox<>();
    private final Label patrol = new Label();
    private boolean updatingKind;

    public InspectorView(InspectorModel model) {
        this.model = model;
        setId("inspector");
        setSpacing(8);
        setPadding(new Insets(10));
        Label title = new Label("Inspector");
        title.getStyleClass().add("title-4");
        Label heading = new Label();
        heading.setId("inspector-heading");
        heading.textProperty().bind(model.headingProperty());
        Label empty = new Label("Select an obstacle, a start or a goal on the map.");
        empty.setWrapText(true);
        empty.getStyleClass().add("text-muted");
        empty.visibleProperty().bind(model.headingProperty().isEmpty());
        empty.managedProperty().bind(empty.visibleProperty());
        kind.setId("field-kind");
        kind.getItems().setAll(ObstacleKind.values());
        kind.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ObstacleKind k) {
                return k == null ? "" : k.key();
            }

            @Override
            public ObstacleKind fromString(String s) {
                return null;
            }
        });
        kind.valueProperty().addListener((o, a, k) -> {
            if (!updatingKind && k != null) {
                model.setKind(k);
            }
        });
        model.kindProperty().addListener((o, a, k) -> showKind(k));
        mode.setId("field-mode");
        mode.getItems().setAll(PatrolMode.values());
        mode.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(PatrolMode m) {
                return m == null ? "" : m.key();
            }

            @Override
            public PatrolMode fromString(String s) {
                return null;
            }
        });
        mode.setMaxWidth(Double.MAX_VALUE);
        mode.setTooltip(new javafx.scene.control.Tooltip("What the obstacle does at its last waypoint: drive straight"
                + " back to where it started and go round again (loop), or retrace the path (ping_pong)"));
        mode.valueProperty().addListener((o, a, m) -> {
            if (!updatingKind && m != null) {
                model.setMode(m);
            }
        });
        model.modeProperty().addListener((o, a, m) -> {
            showMode(m);
            if (a.isPresent() != m.isPresent()) {
                rebuild();
            }
        });
        patrol.setId("inspector-patrol");
        patrol.setWrapText(true);
        patrol.getStyleClass().add("text-muted");
        patrol.textProperty().bind(model.patrolTextProperty());
        model.kindEditableProperty().addListener((o, a, b) -> rebuild());
        grid.setHgap(8);
        grid.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields, new ColumnConstraints());
        model.fields().addListener((ListChangeListener<NumberField>) c -> rebuild());
        getChildren().addAll(title, heading, empty, grid);
        showKind(model.kindProperty().get());
        showMode(model.modeProperty().get());
        rebuild();
    }

    private void showMode(Optional<PatrolMode> m) {
        updatingKind = true;
        try {
            mode.setValue(m.orElse(null));
        } finally {
            updatingKind = false;
        }
    }

    private void showKind(Optional<ObstacleKind> k) {
        updatingKind = true;
        try {
            kind.setValue(k.orElse(null));
            kind.setDisable(!model.kindEditableProperty().get());
        } finally {
            updatingKind = false;
        }
    }

    private void rebuild() {
        grid.getChildren().clear();
        int row = 0;
        if (model.kindProperty().get().isPresent()) {
            grid.add(new Label("kind"), 0, row);
            grid.add(kind, 1, row++);
            kind.setMaxWidth(Double.MAX_VALUE);
            kind.setDisable(!model.kindEditableProperty().get());
        }
        if (model.modeProperty().get().isPresent()) {
            grid.add(new Label("patrol mode"), 0, row);
            grid.add(mode, 1, row++, 2, 1);
            grid.add(patrol, 0, row++, 3, 1);
        }
        for (NumberField f : model.fields()) {
            TextField text = new TextField();
            text.setId("field-" + f.key());
            text.setPrefColumnCount(8);
            text.textProperty().bindBidirectional(f.textProperty());
            text.setOnAction(e -> f.commit());
            text.focusedProperty().addListener((o, was, now) -> {
                if (was && !now) {
                    f.commit();
                }
            });
            text.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    f.revert();
                    e.consume();
                }
            });
            Label error = new Label();
            error.setId("error-" + f.key());
            error.setWrapText(true);
            error.getStyleClass().add("danger");
            error.textProperty().bind(f.errorProperty());
            error.visibleProperty().bind(f.errorProperty().isNotEmpty());
            error.managedProperty().bind(error.visibleProperty());
            f.errorProperty().addListener((o, a, msg) -> text.pseudoClassStateChanged(
                    javafx.css.PseudoClass.getPseudoClass("danger"), !msg.isEmpty()));
            grid.add(new Label(f.label()), 0, row);
            grid.add(text, 1, row);
            grid.add(new Label(f.unit()), 2, row++);
            grid.add(error, 0, row++, 3, 1);
        }
    }
}
