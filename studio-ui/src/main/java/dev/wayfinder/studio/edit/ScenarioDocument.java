package dev.wayfinder.studio.edit;

import dev.wayfinder.scenarios.model.Scenario;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * The scenario being edited, its file and its edit history: the edit state, which nothing but edits (and
 * opening another scenario) changes. Every change goes through {@link #execute} (recorded for undo), except the
 * live preview of a drag, which {@link #endPreview} turns into one edit. The selection lives here too, so every
 * panel shares one. Properties change on the calling thread (the FX thread in the studio). Not thread-safe.
 */
public final class ScenarioDocument {
    private final ReadOnlyObjectWrapper<Scenario> scenario;
    private final ReadOnlyObjectWrapper<Optional<Path>> file = new ReadOnlyObjectWrapper<>(this, "file",
            Optional.empty());
    private final UndoStack stack = new UndoStack();
    private final ReadOnlyLongWrapper savedRevision = new ReadOnlyLongWrapper(this, "savedRevision", 0);
    private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>(this, "selection", Selection.NONE);
    private final IntegerProperty waypoint = new SimpleIntegerProperty(this, "waypoint", -1);
    private final BooleanBinding dirty;
    private final StringBinding title;
    private Scenario previewBase;

    /** A document holding {@code initial}, not yet saved anywhere. */
    public ScenarioDocument(Scenario initial) {
        scenario = new ReadOnlyObjectWrapper<>(this, "scenario", Objects.requireNonNull(initial, "initial"));
        dirty = Bindings.createBooleanBinding(() -> stack.revision() != savedRevision.get(),
                stack.revisionProperty(), savedRevision);
        title = Bindings.createStringBinding(() -> (dirty.get() ? "*" : "") + displayName() + " \u2014 Wayfinder Studio",
                scenario, file, dirty);
        selection.addListener((obs, old, now) -> {
            if (now == null) {
                selection.set(Selection.NONE);
            }
            waypoint.set(-1);
        });
        waypoint.addListener((obs, old, now) -> {
            if (now.intValue() != -1 && now.intValue() != validWaypoint(now.intValue())) {
                waypoint.set(-1);
            }
        });
        scenario.addListener((obs, old, now) -> dropStaleSelection());
    }

    /** The name shown for this document: the file name, or the scenario name when there is no file. */
    public String displayName() {
        return file.get().map(p -> String.valueOf(p.getFileName())).orElse(scenario.get().name());
    }

    /** Applies {@code e} to the scenario and records it for undo. Ends a running preview first. */
    public void execute(Edit e) {
        cancelPreview();
        scenario.set(e.apply(scenario.get()));
        stack.push(e);
    }

    /** Reverts the last edit; false when there was none. */
    public boolean undo() {
        cancelPreview();
        Optional<Edit> e = stack.undo();
        e.ifPresent(x -> scenario.set(x.revert(scenario.get())));
        return e.isPresent();
    }

    /** Applies the last undone edit again; false when there was none. */
    public boolean redo() {
        cancelPreview();
        Optional<Edit> e = stack.redo();
        e.ifPresent(x -> scenario.set(x.apply(scenario.get())));
        return e.isPresent();
    }

    /** Starts a live preview (a drag): later {@link #preview} calls show states that are not recorded. */
    public void beginPreview() {
        cancelPreview();
        previewBase = scenario.get();
    }

    /** Shows {@code s} while a preview runs. */
    public void preview(Scenario s) {
        if (previewBase == null) {
            throw new IllegalStateException("preview without beginPreview");
        }
        scenario.set(Objects.requireNonNull(s, "s"));
    }

    /** Whether a preview runs. */
    public boolean previewing() {
        return previewBase != null;
    }

    /** The scenario as it was when the running preview began. */
    public Scenario previewBase() {
        if (previewBase == null) {
            throw new IllegalStateException("no preview runs");
        }
        return previewBase;
    }

    /**
     * Ends the preview: with an edit, the scenario becomes that edit applied to the state before the preview, as one
     * recorded edit; without, the state before the preview comes back.
     */
    public void endPreview(Optional<Edit> e) {
        if (previewBase == null) {
            return;
        }
        Scenario base = previewBase;
        previewBase = null;
        if (e.isPresent()) {
            scenario.set(e.get().apply(base));
            stack.push(e.get());
        } else {
            scenario.set(base);
        }
    }

    private void cancelPreview() {
        endPreview(Optional.empty());
    }

    /** Replaces the whole document (open, new): history forgotten, saved state = this one, selection cleared. */
    public void replace(Scenario s, Optional<Path> newFile) {
        previewBase = null;
        selection.set(Selection.NONE);
        stack.clear();
        scenario.set(Objects.requireNonNull(s, "s"));
        file.set(Objects.requireNonNull(newFile, "newFile"));
        savedRevision.set(stack.revision());
    }

    /** Records that the state of {@code revision} was written to {@code savedTo}. */
    public void markSaved(long revision, Path savedTo) {
        file.set(Optional.of(savedTo));
        savedRevision.set(revision);
    }

    private void dropStaleSelection() {
        Scenario s = scenario.get();
        boolean gone = switch (selection.get()) {
            case Selection.Nothing n -> false;
            case Selection.ObstacleItem o -> Scenarios.indexOf(s, o.id()) < 0;
            case Selection.StartItem st -> st.index() >= s.starts().size();
            case Selection.GoalItem g -> g.index() >= s.goals().size();
        };
        if (gone) {
            selection.set(Selection.NONE);
        }
        if (waypoint.get() != validWaypoint(waypoint.get())) {
            waypoint.set(-1);
        }
    }

    /** {@code k} when it is a waypoint of the selected obstacle's patrol, else -1. */
    private int validWaypoint(int k) {
        if (k < 0 || !(selection.get() instanceof Selection.ObstacleItem o)) {
            return -1;
        }
        return Scenarios.obstacle(scenario.get(), o.id()).flatMap(ob -> ob.patrol())
                .filter(p -> k < p.waypoints().size()).map(p -> k).orElse(-1);
    }

    public ReadOnlyObjectProperty<Scenario> scenarioProperty() {
        return scenario.getReadOnlyProperty();
    }

    public Scenario scenario() {
        return scenario.get();
    }

    /** The file the document was opened from or saved to; empty for a new or bundled scenario. */
    public ReadOnlyObjectProperty<Optional<Path>> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public Optional<Path> file() {
        return file.get();
    }

    public UndoStack undoStack() {
        return stack;
    }

    /** The revision last saved (or opened). */
    public ReadOnlyLongProperty savedRevisionProperty() {
        return savedRevision.getReadOnlyProperty();
    }

    /** Whether the document differs from what was last saved or opened: the unsaved marker. */
    public ObservableValue<Boolean> dirtyProperty() {
        return dirty;
    }

    public boolean isDirty() {
        return dirty.get();
    }

    /** The window title: '*' when unsaved, the document's name, the application's name. */
    public StringBinding titleProperty() {
        return title;
    }

    /** The one selection every panel shares. */
    public ObjectProperty<Selection> selectionProperty() {
        return selection;
    }

    public Selection selection() {
        return selection.get();
    }

    /**
     * The selected waypoint of the selected moving obstacle's patrol (an index into its waypoints), or -1: a part of
     * the selection, cleared whenever the selection changes and whenever an edit leaves no such waypoint. Setting an
     * index that is not a waypoint of the selection sets -1.
     */
    public IntegerProperty waypointProperty() {
        return waypoint;
    }

    public int waypoint() {
        return waypoint.get();
    }
}
