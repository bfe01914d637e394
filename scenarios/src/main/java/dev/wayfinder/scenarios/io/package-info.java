/**
 * Reading and writing scenario files: {@link dev.wayfinder.scenarios.io.ScenarioLoader} (bounded, located
 * errors, all problems of a file at once), {@link dev.wayfinder.scenarios.io.ScenarioWriter} (canonical
 * YAML that loads back to an equal scenario) and {@link dev.wayfinder.scenarios.io.ScenarioException}.
 * The format is documented in scenarios/README.md.
 */
package dev.wayfinder.scenarios.io;
