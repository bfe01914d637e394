/**
 * The training panel: a {@code wayfinder train} run started as a child process (so DJL's native memory and threads
 * stay out of the studio's JVM), its metrics.csv read as it grows into live curves with an ETA, stop and resume; or
 * a finished run opened from its folder. {@link dev.wayfinder.studio.training.TrainingModel} is the view model,
 * tested without the toolkit; {@link dev.wayfinder.studio.training.TrainingView} only binds to it.
 */
package dev.wayfinder.studio.training;
