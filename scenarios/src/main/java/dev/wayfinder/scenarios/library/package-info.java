/** The bundled scenario library: {@link dev.wayfinder.scenarios.library.ScenarioLibrary}. */
package dev.wayfinder.scenarios.library;
