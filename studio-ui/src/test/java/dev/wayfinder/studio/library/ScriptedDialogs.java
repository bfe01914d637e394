package dev.wayfinder.studio.library;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Dialog answers given in advance; what was asked is recorded. Thread-safe enough for the FX thread and a test. */
public final class ScriptedDialogs implements DialogService {
    public final Deque<SaveChoice> saveChoices = new ArrayDeque<>();
    public final Deque<Path> files = new ArrayDeque<>();
    public final Deque<Boolean> reloadChoices = new ArrayDeque<>();
    public final List<String> asked = new ArrayList<>();
    public final List<String> errors = new ArrayList<>();

    @Override
    public synchronized SaveChoice askSaveChanges(String document) {
        asked.add("save changes to " + document);
        return saveChoices.isEmpty() ? SaveChoice.CANCEL : saveChoices.poll();
    }

    @Override
    public synchronized boolean askReloadChanged(String document) {
        asked.add("reload " + document);
        return !reloadChoices.isEmpty() && reloadChoices.poll();
    }

    @Override
    public synchronized Optional<Path> chooseFileToOpen() {
        asked.add("open");
        return Optional.ofNullable(files.poll());
    }

    @Override
    public synchronized Optional<Path> chooseFileToSave(String suggestedName) {
        asked.add("save as " + suggestedName);
        return Optional.ofNullable(files.poll());
    }

    @Override
    public synchronized void showError(String what, String details) {
        errors.add(what + "\n" + details);
    }

    public synchronized List<String> asked() {
        return List.copyOf(asked);
    }

    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }
}
