/** The top-down map editor: its model in world coordinates (hit testing, handles, gestures, palette, snapping; toolkit-free) and the canvas view drawing in scenarios' map layout. */
package dev.wayfinder.studio.editor;
