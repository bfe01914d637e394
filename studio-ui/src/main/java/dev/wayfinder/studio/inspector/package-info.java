/** The inspector: the selected item's fields with units, validated input, edits through the undo stack. */
package dev.wayfinder.studio.inspector;
