/** The scenario library: bundled scenarios, files, recent files, save prompts; file I/O off the FX thread; dialogs behind an interface. */
package dev.wayfinder.studio.library;
