package dev.wayfinder.studio.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.io.ScenarioWriter;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.UiQueue;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.edit.Scenarios;
import dev.wayfinder.studio.editor.EditorModel;
import dev.wayfinder.studio.editor.PaletteItem;
import dev.wayfinder.studio.settings.StudioSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario file changed by another program while it is open: real files, the real watch service; the test's
 * thread plays the FX thread, and file work runs on it too.
 */
class ReloadTest {
    private static final double WAIT_S = 20;

    @TempDir
    Path dir;

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final UiQueue ui = new UiQueue();

    private LibraryModel openWatched(ScenarioDocument doc, Path file) throws Exception {
        LibraryModel lib = new LibraryModel(doc, StudioSettings.inMemory(), dialogs, Runnable::run, ui);
        lib.open(file);
        assertTrue(ui.runUntil(() -> doc.file().isPresent(), WAIT_S));
        lib.watchFiles();
        return lib;
    }

    private static Scenario renamed(Scenario s, String description) {
        return new Scenario(s.name(), description, s.arena(), s.obstacles(), s.robot(), s.starts(), s.goals(),
                s.lighting(), s.limits(), s.randomization());
    }

    @Test
    void withoutUnsavedChangesAChangedFileIsReloadedSilently() throws Exception {
        Scenario room = Fixtures.bundled("cluttered-room");
        Path file = dir.resolve("room.yaml");
        ScenarioWriter.write(room, file);
        ScenarioDocument doc = new ScenarioDocument(Fixtures.bundled("empty-arena"));
        try (LibraryModel lib = openWatched(doc, file)) {
            Scenario edited = renamed(room, "Edited in another editor");
            Files.writeString(file, ScenarioWriter.write(edited));
            assertTrue(ui.runUntil(() -> doc.scenario().equals(edited), WAIT_S),
                    "the file's new content is loaded; message: " + lib.messageProperty().get());
            assertEquals("Reloaded room.yaml: it was changed on disk", lib.messageProperty().get());
            assertTrue(!doc.isDirty());
            assertEquals(List.of(), dialogs.asked(), "nothing is asked");

            // A program that writes a new file and renames it over the old one.
            Scenario moved = Scenarios.withObstacles(edited, edited.obstacles().subList(1, edited.obstacles().size()));
            Path tmp = dir.resolve("room.yaml.tmp");
            Files.writeString(tmp, ScenarioWriter.write(moved));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertTrue(ui.runUntil(() -> doc.scenario().equals(moved), WAIT_S), "a replaced file is reloaded too");
        }
    }

    @Test
    void theStudiosOwnSaveIsNotAChange() throws Exception {
        Scenario room = Fixtures.bundled("cluttered-room");
        Path file = dir.resolve("room.yaml");
        ScenarioWriter.write(room, file);
        ScenarioDocument doc = new ScenarioDocument(room);
        try (LibraryModel lib = openWatched(doc, file)) {
            new EditorModel(doc).add(PaletteItem.CYLINDER, new Vec2(1.2, -0.7));
            Scenario mine = doc.scenario();
            lib.save();
            assertTrue(ui.runUntil(() -> !doc.isDirty(), WAIT_S), "saved");
            ui.settle(3 * DiskWatcher.QUIET_MS + 500);
            assertEquals(mine, doc.scenario());
            assertEquals(1, doc.undoStack().undoSize(), "the history is kept: no reload replaced the document");
            assertEquals("", lib.messageProperty().get());
            assertEquals(List.of(), dialogs.asked());
        }
    }

    @Test
    void withUnsavedChangesTheUserIsAskedFirst() throws Exception {
        Scenario room = Fixtures.bundled("cluttered-room");
        Path file = dir.resolve("room.yaml");
        ScenarioWriter.write(room, file);
        ScenarioDocument doc = new ScenarioDocument(room);
        try (LibraryModel lib = openWatched(doc, file)) {
            new EditorModel(doc).add(PaletteItem.BOX, new Vec2(0.5, 0.5));
            Scenario mine = doc.scenario();

            dialogs.reloadChoices.add(false);
            Files.writeString(file, ScenarioWriter.write(renamed(room, "theirs, first")));
            assertTrue(ui.runUntil(() -> dialogs.asked().size() == 1, WAIT_S), "asked: " + dialogs.asked());
            assertEquals(List.of("reload room.yaml"), dialogs.asked());
            assertEquals(mine, doc.scenario(), "kept");
            assertTrue(doc.isDirty());
            assertTrue(lib.messageProperty().get().contains("unsaved changes are kept"), lib.messageProperty().get());

            dialogs.reloadChoices.add(true);
            Scenario theirs = renamed(room, "theirs, second");
            Files.writeString(file, ScenarioWriter.write(theirs));
            assertTrue(ui.runUntil(() -> doc.scenario().equals(theirs), WAIT_S), "asked: " + dialogs.asked());
            assertEquals(2, dialogs.asked().size());
            assertTrue(!doc.isDirty());
        }
    }

    @Test
    void aFileThatNoLongerLoadsIsReportedAndTheDocumentStays() throws Exception {
        Scenario room = Fixtures.bundled("cluttered-room");
        Path file = dir.resolve("room.yaml");
        ScenarioWriter.write(room, file);
        ScenarioDocument doc = new ScenarioDocument(room);
        try (LibraryModel lib = openWatched(doc, file)) {
            Files.writeString(file, ScenarioWriter.write(room).replace("wall_height: 0.5", "wall_height: tall"));
            assertTrue(ui.runUntil(() -> !dialogs.errors().isEmpty(), WAIT_S));
            String error = dialogs.errors().get(0);
            assertTrue(error.startsWith("room.yaml was changed on disk and cannot be loaded"), error);
            assertTrue(error.contains("room.yaml:") && error.contains("wall_height"), error);
            assertEquals(room, doc.scenario());
        }
    }
}
