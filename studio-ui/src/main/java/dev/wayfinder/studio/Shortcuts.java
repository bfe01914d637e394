package dev.wayfinder.studio;

import java.util.List;
import javafx.scene.input.KeyCombination;

/**
 * The studio's keyboard shortcuts, in one table: the menus take their accelerators from it and Help's overlay
 * lists it.
 */
public final class Shortcuts {
    /** One shortcut: what it does and its keys. */
    public record Shortcut(String action, KeyCombination keys) {
    }

    public static final Shortcut NEW = of("New from template (empty arena)", "Shortcut+N");
    public static final Shortcut OPEN = of("Open a scenario file", "Shortcut+O");
    public static final Shortcut SAVE = of("Save", "Shortcut+S");
    public static final Shortcut SAVE_AS = of("Save as", "Shortcut+Shift+S");
    public static final Shortcut QUIT = of("Quit", "Shortcut+Q");
    public static final Shortcut UNDO = of("Undo", "Shortcut+Z");
    public static final Shortcut REDO = of("Redo", "Shortcut+Shift+Z");
    public static final Shortcut DELETE = of("Delete the selected obstacle", "Delete");
    public static final Shortcut SNAP = of("Snap to grid on/off", "Shortcut+G");
    public static final Shortcut DARK = of("Dark theme on/off", "Shortcut+Shift+D");
    public static final Shortcut HELP = of("Keyboard shortcuts", "F1");

    /** Every shortcut, in menu order, and the editor's own keys (which have no menu item). */
    public static final List<Shortcut> ALL = List.of(NEW, OPEN, SAVE, SAVE_AS, QUIT, UNDO, REDO, DELETE, SNAP, DARK,
            HELP);

    /** Keys of the map itself, listed with the others. */
    public static final List<String[]> EDITOR_KEYS = List.of(
            new String[] {"Arrow keys", "Nudge the selection by one grid step"},
            new String[] {"Escape", "Cancel a drag, or clear the selection"},
            new String[] {"Drag the round handle", "Rotate (15\u00b0 steps while snapping)"},
            new String[] {"Drag the square handle", "Resize"},
            new String[] {"Scroll, + / -", "Zoom the map (at the pointer, or at the middle)"},
            new String[] {"Middle-drag, Space+drag", "Pan the map"},
            new String[] {"Home", "Fit the arena in the map"});

    private Shortcuts() {
    }

    private static Shortcut of(String action, String keys) {
        return new Shortcut(action, KeyCombination.valueOf(keys));
    }
}
