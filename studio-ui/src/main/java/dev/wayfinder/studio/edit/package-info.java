/** The edit state of the studio: the scenario document, edits as old and new values, the undo stack whose revision drives the unsaved marker, and the one selection. Toolkit-free (JavaFX properties only). */
package dev.wayfinder.studio.edit;
