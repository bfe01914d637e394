package dev.wayfinder.studio.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.editor.EditorModel;
import dev.wayfinder.studio.editor.PaletteItem;
import dev.wayfinder.studio.settings.StudioSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library without the toolkit: files are read and written on the calling thread (direct executors). */
class LibraryModelTest {
    @TempDir
    Path dir;

    private LibraryModel library(ScenarioDocument doc, StudioSettings settings, ScriptedDialogs dialogs) {
        return new LibraryModel(doc, settings, dialogs, Runnable::run, Runnable::run);
    }

    @Test
    void saveAsWritesCanonicalYamlThatLoadsBackEqual() throws Exception {
        ScenarioDocument doc = new ScenarioDocument(Fixtures.bundled("cluttered-room"));
        new EditorModel(doc).add(PaletteItem.CYLINDER, new Vec2(1.2, -0.7));
        ScriptedDialogs dialogs = new ScriptedDialogs();
        Path file = dir.resolve("room.yaml");
        dialogs.files.add(file);
        StudioSettings settings = StudioSettings.load(dir.resolve("settings.properties"));
        LibraryModel lib = library(doc, settings, dialogs);
        assertTrue(doc.isDirty());
        lib.save();
        assertEquals(List.of("save as cluttered-room.yaml"), dialogs.asked, "no file yet: save asks where");
        assertFalse(doc.isDirty());
        assertEquals(Optional.of(file), doc.file());
        assertEquals(doc.scenario(), ScenarioLoader.load(file));
        assertEquals(List.of(file.toAbsolutePath()), lib.recent());
        assertEquals(List.of(file.toAbsolutePath()),
                StudioSettings.load(dir.resolve("settings.properties")).recentFiles(), "recent files are stored");
        new EditorModel(doc).nudge(1, 0);
        lib.save();
        assertEquals(1, dialogs.asked.size(), "with a file, save does not ask");
        assertEquals(doc.scenario(), ScenarioLoader.load(file));
    }

    @Test
    void unsavedChangesAreAskedAbout() throws Exception {
        Scenario room = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(room);
        ScriptedDialogs dialogs = new ScriptedDialogs();
        LibraryModel lib = library(doc, StudioSettings.inMemory(), dialogs);
        lib.openBundled("maze");
        assertTrue(dialogs.asked.isEmpty(), "nothing to lose: no question");
        assertEquals("maze", doc.scenario().name());
        new EditorModel(doc).add(PaletteItem.BOX, Vec2.ZERO);
        Scenario edited = doc.scenario();

        dialogs.saveChoices.add(DialogService.SaveChoice.CANCEL);
        lib.newFromTemplate("empty-arena");
        assertEquals(edited, doc.scenario(), "cancel keeps the edits");

        Path file = dir.resolve("maze-edited.yaml");
        dialogs.saveChoices.add(DialogService.SaveChoice.SAVE);
        dialogs.files.add(file);
        lib.newFromTemplate("empty-arena");
        assertEquals(edited, ScenarioLoader.load(file), "saved first");
        assertEquals("untitled", doc.scenario().name(), "then replaced");
        assertEquals(Optional.empty(), doc.file());

        new EditorModel(doc).add(PaletteItem.BOX, Vec2.ZERO);
        dialogs.saveChoices.add(DialogService.SaveChoice.DISCARD);
        lib.open(file);
        assertEquals(edited, doc.scenario(), "discarded, then opened");
        assertEquals(Optional.of(file), doc.file());
        assertFalse(doc.isDirty());
    }

    @Test
    void aBrokenFileIsReportedWithItsLocatedProblems() throws Exception {
        ScenarioDocument doc = new ScenarioDocument(Fixtures.bundled("cluttered-room"));
        ScriptedDialogs dialogs = new ScriptedDialogs();
        LibraryModel lib = library(doc, StudioSettings.inMemory(), dialogs);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\narena: {size: [4, -1]}\nstarts: [{center: [0, 0]}]\ngoals: [{center: [1, 1]}]\n");
        lib.open(bad);
        assertEquals(1, dialogs.errors().size());
        String e = dialogs.errors().get(0);
        assertTrue(e.startsWith("Could not open " + bad), e);
        assertTrue(e.contains(bad + ":2:"), "file:line:column of the problem: " + e);
        assertEquals("cluttered-room", doc.scenario().name(), "the document is unchanged");
        lib.open(dir.resolve("missing.yaml"));
        assertEquals(2, dialogs.errors().size());
        assertTrue(dialogs.errors().get(1).contains("missing.yaml"), dialogs.errors().get(1));
    }
}
