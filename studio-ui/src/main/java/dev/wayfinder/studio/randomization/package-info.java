/**
 * The randomization tab: the scenario's randomization ranges edited as undoable edits
 * ({@link dev.wayfinder.studio.randomization.RandomizationModel}), and a gallery of seeded episodes drawn exactly as
 * {@code wayfinder randomize} draws them, rendered on a {@link dev.wayfinder.studio.randomization.GalleryRenderer}
 * thread with its own OpenGL context (the newest request wins; a stale batch stops at its next tile).
 */
package dev.wayfinder.studio.randomization;
