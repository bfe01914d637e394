package dev.wayfinder.studio.library;

import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.io.ScenarioWriter;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.edit.Scenarios;
import dev.wayfinder.studio.settings.StudioSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The scenario library: bundled scenarios and the user's files; new from a template, open, save, save as, recent
 * files, and the prompt before unsaved changes are lost. Files are read and written on {@code io} (never the FX
 * thread), through the scenarios module's loader and canonical writer; results come back on {@code ui}. Once
 * {@link #watchFiles()} is called, the open file is watched on disk ({@link DiskWatcher}): when another program
 * changes it, a document without unsaved changes is reloaded with a message, and one with unsaved changes asks
 * first. Not thread-safe: call on the {@code ui} thread.
 */
public final class LibraryModel implements AutoCloseable {
    private final ScenarioDocument doc;
    private final StudioSettings settings;
    private final DialogService dialogs;
    private final Executor io;
    private final Executor ui;
    private final ObservableList<ScenarioLibrary.Entry> bundled = FXCollections.observableArrayList();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private DiskWatcher watcher;
    /** The file's content as this studio last read or wrote it: a change event with this content is our own. */
    private byte[] known = new byte[0];

    public LibraryModel(ScenarioDocument doc, StudioSettings settings, DialogService dialogs, Executor io,
                        Executor ui) {
        this.doc = Objects.requireNonNull(doc, "doc");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.io = Objects.requireNonNull(io, "io");
        this.ui = Objects.requireNonNull(ui, "ui");
        bundled.setAll(ScenarioLibrary.list());
        recent.setAll(settings.recentFiles());
    }

    /** The bundled scenarios, simplest first. */
    public ObservableList<ScenarioLibrary.Entry> bundled() {
        return bundled;
    }

    /** Recently opened or saved files, newest first. */
    public ObservableList<Path> recent() {
        return recent;
    }

    /** Whether a file is being read or written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /**
     * Runs {@code next} once the document's unsaved changes are safe: at once when there are none; otherwise after
     * the user chose to discard them, or to save them and the save succeeded; never when the user cancels.
     */
    public void whenChangesAreSafe(Runnable next) {
        if (!doc.isDirty()) {
            next.run();
            return;
        }
        switch (dialogs.askSaveChanges(doc.displayName())) {
            case DISCARD -> next.run();
            case SAVE -> save(next);
            case CANCEL -> { }
        }
    }

    /** A new, unsaved scenario copied from the bundled {@code template}, named "untitled". */
    public void newFromTemplate(String template) {
        whenChangesAreSafe(() -> {
            Scenario s = bundledScenario(template);
            doc.replace(Scenarios.withName(s, "untitled"), java.util.Optional.empty());
        });
    }

    /** Opens the bundled scenario {@code name}; Save will ask where to put it. */
    public void openBundled(String name) {
        whenChangesAreSafe(() -> doc.replace(bundledScenario(name), java.util.Optional.empty()));
    }

    private static Scenario bundledScenario(String name) {
        try {
            return ScenarioLibrary.load(name);
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Asks for a file and opens it. */
    public void open() {
        whenChangesAreSafe(() -> dialogs.chooseFileToOpen().ifPresent(this::load));
    }

    /** Opens {@code file} (after the unsaved-changes prompt). */
    public void open(Path file) {
        whenChangesAreSafe(() -> load(file));
    }

    /** Reads {@code file} in the background and makes it the document; problems are shown, located. */
    private void load(Path file) {
        busy.set(true);
        io.execute(() -> {
            Scenario s;
            byte[] content = read(file);
            try {
                s = ScenarioLoader.load(file);
            } catch (ScenarioException e) {
                ui.execute(() -> {
                    busy.set(false);
                    dialogs.showError("Could not open " + file, e.getMessage());
                });
                return;
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    dialogs.showError("Could not open " + file, String.valueOf(e.getMessage()));
                });
                return;
            }
            ui.execute(() -> {
                busy.set(false);
                known = content;
                doc.replace(s, java.util.Optional.of(file));
                remember(file);
            });
        });
    }

    /** Saves to the document's file, or asks where when it has none. */
    public void save() {
        save(() -> { });
    }

    private void save(Runnable then) {
        if (doc.file().isPresent()) {
            write(doc.file().get(), then);
        } else {
            saveAs(then);
        }
    }

    /** Asks where and saves there. */
    public void saveAs() {
        saveAs(() -> { });
    }

    private void saveAs(Runnable then) {
        dialogs.chooseFileToSave(doc.scenario().name() + ".yaml").ifPresent(p -> write(p, then));
    }

    /** Writes the current state as canonical YAML in the background, then marks it saved and runs {@code then}. */
    private void write(Path file, Runnable then) {
        Scenario s = doc.scenario();
        long revision = doc.undoStack().revision();
        byte[] content = ScenarioWriter.write(s).getBytes(StandardCharsets.UTF_8);
        busy.set(true);
        io.execute(() -> {
            try {
                ScenarioWriter.write(s, file);
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    dialogs.showError("Could not save " + file, e.getClass().getSimpleName() + ": " + e.getMessage());
                });
                return;
            }
            ui.execute(() -> {
                busy.set(false);
                known = content;
                doc.markSaved(revision, file);
                remember(file);
                then.run();
            });
        });
    }

    /** The file's bytes, or none when it cannot be read (the loader then says why). */
    private static byte[] read(Path file) {
        try {
            return Files.size(file) <= ScenarioLoader.MAX_FILE_BYTES ? Files.readAllBytes(file) : new byte[0];
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    /**
     * Watches the document's file on disk from now on (following open and save as), reporting changes other
     * programs make to {@link #fileChangedOnDisk} on the {@code ui} thread.
     *
     * @throws IOException when the file system offers no watch service
     */
    public void watchFiles() throws IOException {
        if (watcher != null) {
            return;
        }
        watcher = new DiskWatcher(p -> ui.execute(() -> fileChangedOnDisk(p)));
        watch(doc.file());
        doc.fileProperty().addListener((o, a, f) -> watch(f));
    }

    private void watch(Optional<Path> f) {
        try {
            watcher.watch(f);
        } catch (IOException e) {
            message.set("Changes to " + f.map(Path::toString).orElse("the file") + " made elsewhere are not noticed: "
                    + e.getMessage());
        }
    }

    /**
     * {@code file} changed on disk. When it is the document's file and its content differs from what the studio
     * last read or wrote: reloads it when there are no unsaved changes, else asks whether to reload or keep the
     * changes; a file that no longer loads is reported, located, and the document stays as it is.
     */
    public void fileChangedOnDisk(Path file) {
        if (doc.file().isEmpty() || !same(doc.file().get(), file)) {
            return;
        }
        io.execute(() -> {
            byte[] content = read(file);
            if (Arrays.equals(content, known) || !Files.isRegularFile(file)) {
                return;
            }
            Scenario s;
            String problem;
            try {
                s = ScenarioLoader.load(file);
                problem = "";
            } catch (ScenarioException e) {
                s = null;
                problem = e.getMessage();
            }
            Scenario loaded = s;
            String why = problem;
            ui.execute(() -> changedOnDisk(file, content, loaded, why));
        });
    }

    private void changedOnDisk(Path file, byte[] content, Scenario loaded, String problem) {
        if (doc.file().isEmpty() || !same(doc.file().get(), file) || Arrays.equals(content, known)) {
            return;
        }
        known = content;
        String name = doc.displayName();
        if (loaded == null) {
            message.set(name + " changed on disk and cannot be loaded; the studio keeps its version");
            dialogs.showError(name + " was changed on disk and cannot be loaded", problem);
            return;
        }
        if (loaded.equals(doc.scenario())) {
            return;
        }
        if (!doc.isDirty()) {
            doc.replace(loaded, Optional.of(file));
            message.set("Reloaded " + name + ": it was changed on disk");
        } else if (dialogs.askReloadChanged(name)) {
            doc.replace(loaded, Optional.of(file));
            message.set("Reloaded " + name + " from disk; the unsaved changes were dropped");
        } else {
            message.set(name + " was changed on disk; your unsaved changes are kept (saving overwrites the file)");
        }
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** The last thing the library has to say (a reload, a file no longer watched); empty at first. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Stops watching files. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void remember(Path file) {
        settings.addRecent(file);
        settings.save();
        recent.setAll(settings.recentFiles());
    }

    /** The bundled scenario names usable as templates. */
    public List<String> templates() {
        return ScenarioLibrary.NAMES;
    }
}
