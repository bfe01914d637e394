package dev.wayfinder.studio.library;

import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The real dialogs: alerts and the platform's file choosers, owned by the studio window. */
public final class FxDialogs implements DialogService {
    private final Window owner;

    public FxDialogs(Window owner) {
        this.owner = owner;
    }

    @Override
    public SaveChoice askSaveChanges(String document) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", save, discard, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle("Unsaved changes");
        a.setHeaderText("Save the changes to " + document + "?");
        a.setContentText("Your changes are lost if you don't save them.");
        ButtonType answer = a.showAndWait().orElse(ButtonType.CANCEL);
        return answer == save ? SaveChoice.SAVE : answer == discard ? SaveChoice.DISCARD : SaveChoice.CANCEL;
    }

    @Override
    public boolean askReloadChanged(String document) {
        ButtonType reload = new ButtonType("Reload", ButtonBar.ButtonData.YES);
        ButtonType keep = new ButtonType("Keep my changes", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", reload, keep);
        a.initOwner(owner);
        a.setTitle("File changed on disk");
        a.setHeaderText(document + " was changed by another program.");
        a.setContentText("Reload it and lose your unsaved changes here? Keeping them means saving overwrites the"
                + " other program's changes.");
        return a.showAndWait().orElse(keep) == reload;
    }

    private FileChooser chooser(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Scenario files", "*.yaml", "*.yml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return c;
    }

    @Override
    public Optional<Path> chooseFileToOpen() {
        return Optional.ofNullable(chooser("Open scenario").showOpenDialog(owner)).map(java.io.File::toPath);
    }

    @Override
    public Optional<Path> chooseFileToSave(String suggestedName) {
        FileChooser c = chooser("Save scenario");
        c.setInitialFileName(suggestedName);
        return Optional.ofNullable(c.showSaveDialog(owner)).map(java.io.File::toPath);
    }

    @Override
    public void showError(String what, String details) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(owner);
        a.setTitle("Wayfinder Studio");
        a.setHeaderText(what);
        TextArea text = new TextArea(details);
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(Math.min(12, details.split("\n").length + 1));
        a.getDialogPane().setContent(text);
        a.showAndWait();
    }
}
