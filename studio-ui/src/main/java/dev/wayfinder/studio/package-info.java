/** The JavaFX studio: the launcher the CLI calls (no JavaFX in its signatures), the main window that wires view models to views, themes, shortcuts and headless snapshots. No simulation, rendering or training logic. */
package dev.wayfinder.studio;
