package dev.wayfinder.studio.validation;

import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.edit.Selection;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The Problems panel: a header ("2 problems", "No problems", "Checking...") and every problem of the newest
 * report with its line:column in the saved file, then the patrol paths' problems; choosing one selects the part it
 * concerns on the map.
 */
public final class ProblemsView extends BorderPane {
    private final ListView<Issue> list = new ListView<>();

    public ProblemsView(ValidationModel validation, ScenarioDocument doc) {
        setId("problems");
        Label header = new Label();
        header.setId("problems-header");
        header.getStyleClass().add("title-4");
        header.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = validation.issues().size();
            String count = n == 0 ? "No problems" : n == 1 ? "1 problem" : n + " problems";
            return validation.runningProperty().get() ? count + " (checking\u2026)" : count;
        }, validation.reportProperty(), validation.runningProperty(), validation.patrolProblems()));
        Label paths = new Label();
        paths.getStyleClass().add("text-muted");
        paths.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = validation.report().paths().size();
            return n == 0 ? "" : n == 1 ? "1 planned path" : n + " planned paths";
        }, validation.reportProperty()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, header, gap, paths);
        top.setPadding(new Insets(6, 10, 6, 10));
        setTop(top);
        list.setId("problems-list");
        list.setPlaceholder(new Label("The scenario is valid: every start reaches every goal."));
        list.setCellFactory(v -> new ListCell<>() {
            {
                // Long messages wrap inside the panel instead of running off its right edge.
                setWrapText(true);
                prefWidthProperty().bind(list.widthProperty().subtract(24));
            }

            @Override
            protected void updateItem(Issue item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                    getStyleClass().remove("danger");
                } else {
                    String loc = item.location().isEmpty() ? "" : "line " + item.location() + "  ";
                    setText("\u26a0  " + loc + item.text());
                    setTooltip(new Tooltip(item.problem().toString()));
                    if (!getStyleClass().contains("danger")) {
                        getStyleClass().add("danger");
                    }
                }
            }
        });
        validation.reportProperty().addListener((o, a, r) -> list.getItems().setAll(validation.issues()));
        validation.patrolProblems().addListener((javafx.collections.ListChangeListener<PatrolProblem>) c ->
                list.getItems().setAll(validation.issues()));
        list.getItems().setAll(validation.issues());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, issue) -> {
            if (issue != null && !(issue.target() instanceof Selection.Nothing)) {
                doc.selectionProperty().set(issue.target());
            }
        });
        setCenter(list);
    }
}
