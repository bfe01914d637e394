package dev.wayfinder.studio.edit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The edits done to a document, for undo and redo. Each edit pushed gets a new id; {@link #revisionProperty()} is
 * the id of the last edit in effect (0 for none), so two states of a document are the same state exactly when their
 * revisions are equal: a document saved at revision r is unsaved again after any edit, and saved again once undo or
 * redo returns to r. Holds at most {@link #LIMIT} edits (the oldest are forgotten). Properties change on the thread
 * that calls; in the studio that is the FX thread. Not thread-safe.
 */
public final class UndoStack {
    /** Most edits kept for undo. */
    public static final int LIMIT = 1000;

    private record Entry(Edit edit, long id) {
    }

    private final Deque<Entry> undo = new ArrayDeque<>();
    private final Deque<Entry> redo = new ArrayDeque<>();
    private long nextId = 1;
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision", 0);
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo", false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo", false);
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(this, "undoText", "Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(this, "redoText", "Redo");

    /** Records {@code e}, already applied; forgets what could be redone. */
    public void push(Edit e) {
        undo.push(new Entry(e, nextId++));
        if (undo.size() > LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        update();
    }

    /** The edit to revert, taken from the undo side to the redo side; empty when there is none. */
    public Optional<Edit> undo() {
        Entry e = undo.poll();
        if (e == null) {
            return Optional.empty();
        }
        redo.push(e);
        update();
        return Optional.of(e.edit());
    }

    /** The edit to apply again, taken from the redo side back to the undo side; empty when there is none. */
    public Optional<Edit> redo() {
        Entry e = redo.poll();
        if (e == null) {
            return Optional.empty();
        }
        undo.push(e);
        update();
        return Optional.of(e.edit());
    }

    /** Forgets every edit; the revision becomes 0 (ids are never reused). */
    public void clear() {
        undo.clear();
        redo.clear();
        update();
    }

    /** Number of edits that can be undone. */
    public int undoSize() {
        return undo.size();
    }

    private void update() {
        Entry top = undo.peek();
        revision.set(top == null ? 0 : top.id());
        canUndo.set(top != null);
        canRedo.set(!redo.isEmpty());
        undoText.set(top == null ? "Undo" : "Undo " + top.edit().description());
        Entry next = redo.peek();
        redoText.set(next == null ? "Redo" : "Redo " + next.edit().description());
    }

    /** Id of the last edit in effect, 0 for none: names the document's state. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public long revision() {
        return revision.get();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** "Undo " and the description of the edit undo would revert. */
    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    /** "Redo " and the description of the edit redo would apply. */
    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }
}
