package dev.wayfinder.studio.inspector;

import dev.wayfinder.studio.edit.Edit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleFunction;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One numeric field of the inspector: the text the user types, and the error shown under it when that text is not
 * an acceptable value. {@link #commit()} turns acceptable text into an edit (through the undo stack, by the
 * inspector); unacceptable text leaves the scenario alone and says why. Not thread-safe (FX thread).
 */
public final class NumberField {
    private final String key;
    private final String label;
    private final String unit;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private DoubleFunction<Optional<Edit>> toEdit;
    private final java.util.function.Consumer<Edit> execute;
    private double value;

    /**
     * @param key     stable name, e.g. {@code x} (tests and layout use it)
     * @param label   shown beside the field
     * @param unit    shown after the field, e.g. {@code m}; accepted after the number too
     * @param value   the current value, in the field's unit
     * @param toEdit  the edit that sets the value (in the field's unit), empty when it changes nothing; throws
     *                IllegalArgumentException with a message for a value the scenario does not accept
     * @param execute runs an edit (the document's execute)
     */
    NumberField(String key, String label, String unit, double value, DoubleFunction<Optional<Edit>> toEdit,
                java.util.function.Consumer<Edit> execute) {
        this.key = Objects.requireNonNull(key, "key");
        this.label = Objects.requireNonNull(label, "label");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.toEdit = Objects.requireNonNull(toEdit, "toEdit");
        this.execute = Objects.requireNonNull(execute, "execute");
        show(value);
    }

    /** Shows the model's new value {@code v}, which {@code newEdit} changes from now on; clears the error. */
    void update(double v, DoubleFunction<Optional<Edit>> newEdit) {
        toEdit = Objects.requireNonNull(newEdit, "newEdit");
        show(v);
    }

    /** Shows {@code v} (the model's value) and clears the error. */
    void show(double v) {
        value = v;
        text.set(format(v));
        error.set("");
    }

    /**
     * Applies the typed text: a finite number (optionally followed by the unit) that the scenario accepts becomes
     * an edit; anything else sets {@link #errorProperty()} and changes nothing.
     *
     * @return whether the text was accepted
     */
    public boolean commit() {
        String t = text.get() == null ? "" : text.get().strip();
        if (!unit.isEmpty() && t.endsWith(unit)) {
            t = t.substring(0, t.length() - unit.length()).strip();
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            error.set("'" + text.get() + "' is not a number; expected " + expected());
            return false;
        }
        if (!Double.isFinite(v) || t.matches("(?i).*(nan|infinity).*")) {
            error.set("'" + text.get() + "' is not a finite number; expected " + expected());
            return false;
        }
        Optional<Edit> e;
        try {
            e = toEdit.apply(v);
        } catch (IllegalArgumentException ex) {
            error.set(label + " " + format(v) + unitSuffix() + " is not allowed: " + ex.getMessage());
            return false;
        }
        error.set("");
        if (e.isEmpty()) {
            text.set(format(value));
        } else {
            execute.accept(e.get());
        }
        return true;
    }

    /** Puts the model's value back into the field (Escape). */
    public void revert() {
        show(value);
    }

    private String expected() {
        return unit.isEmpty() ? "a number such as 0.5" : "a number in " + unit + ", such as 0.5";
    }

    private String unitSuffix() {
        return unit.isEmpty() ? "" : " " + unit;
    }

    /** {@code v} with up to 6 decimals, no trailing zeros. */
    static String format(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    /** The model's value, in the field's unit. */
    public double value() {
        return value;
    }

    /** What the user typed (or the model's value). */
    public StringProperty textProperty() {
        return text;
    }

    /** Why the typed text was refused; empty when it was not. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
