package dev.wayfinder.studio.library;

import dev.wayfinder.scenarios.library.ScenarioLibrary;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Library panel: new from a template, open, save; the bundled scenarios (double-click opens one) and the recent
 * files (double-click opens it).
 */
public final class LibraryView extends VBox {
    public LibraryView(LibraryModel model) {
        setId("library");
        setSpacing(8);
        setPadding(new Insets(10));
        Label title = new Label("Scenarios");
        title.getStyleClass().add("title-4");
        MenuButton create = new MenuButton("New");
        create.setId("library-new");
        for (String t : model.templates()) {
            MenuItem item = new MenuItem("from " + t);
            item.setOnAction(e -> model.newFromTemplate(t));
            create.getItems().add(item);
        }
        Button open = new Button("Open\u2026");
        open.setOnAction(e -> model.open());
        Button save = new Button("Save");
        save.setOnAction(e -> model.save());
        HBox buttons = new HBox(6, create, open, save);

        ListView<ScenarioLibrary.Entry> bundled = new ListView<>(model.bundled());
        bundled.setId("library-bundled");
        bundled.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ScenarioLibrary.Entry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name());
                setTooltip(empty || item == null ? null : new Tooltip(item.description()));
            }
        });
        bundled.setOnMouseClicked(e -> {
            var item = bundled.getSelectionModel().getSelectedItem();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && item != null) {
                model.openBundled(item.name());
            }
        });
        VBox.setVgrow(bundled, Priority.ALWAYS);

        ListView<Path> recent = new ListView<>(model.recent());
        recent.setId("library-recent");
        recent.setPlaceholder(new Label("No recent files"));
        recent.setPrefHeight(160);
        recent.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Path item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.valueOf(item.getFileName()));
                setTooltip(empty || item == null ? null : new Tooltip(item.toString()));
            }
        });
        recent.setOnMouseClicked(e -> {
            Path p = recent.getSelectionModel().getSelectedItem();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && p != null) {
                model.open(p);
            }
        });
        Label b = new Label("Bundled");
        b.getStyleClass().add("text-muted");
        Label r = new Label("Recent");
        r.getStyleClass().add("text-muted");
        getChildren().addAll(title, buttons, b, bundled, r, recent);
    }
}
