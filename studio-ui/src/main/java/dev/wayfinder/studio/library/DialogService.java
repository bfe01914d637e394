package dev.wayfinder.studio.library;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The questions the studio asks its user, behind an interface so that the view models are tested with scripted
 * answers and the real application shows dialogs. Called on the FX thread.
 */
public interface DialogService {
    /** The answer to "save your changes first?". */
    enum SaveChoice { SAVE, DISCARD, CANCEL }

    /** Asks whether to save the unsaved changes of {@code document} before it is closed or replaced. */
    SaveChoice askSaveChanges(String document);

    /**
     * Asks whether to reload {@code document}, which another program changed on disk, losing the unsaved changes made
     * here; true reloads, false keeps the changes (saving then overwrites the file).
     */
    boolean askReloadChanged(String document);

    /** A scenario file to open; empty when the user cancels. */
    Optional<Path> chooseFileToOpen();

    /** Where to save; {@code suggestedName} is the file name offered. Empty when the user cancels. */
    Optional<Path> chooseFileToSave(String suggestedName);

    /** Tells the user that {@code what} failed and why ({@code details}: the located problems or the I/O error). */
    void showError(String what, String details);
}
