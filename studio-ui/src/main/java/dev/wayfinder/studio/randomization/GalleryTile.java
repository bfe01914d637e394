package dev.wayfinder.studio.randomization;

import dev.wayfinder.scenarios.model.Episode;
import java.util.Objects;
import java.util.Optional;

/**
 * One tile of the gallery: the seed, the episode drawn for it, the robot camera's first view and a top-down map of
 * the episode's layout. A tile waiting for its pictures has neither; a seed whose episode could not be drawn has a
 * problem instead. Immutable (the pixel arrays are not copied: nobody writes them after the renderer made them).
 *
 * @param index   position in the gallery, from 0
 * @param seed    the episode seed ({@code wayfinder randomize --seed})
 * @param episode the drawn episode; empty while waiting or when none could be drawn
 * @param camera  the robot camera's view of the episode's first state
 * @param map     the episode seen from above: the arena with its walls, obstacles, start and goal
 * @param problem why the tile has no episode or no camera view; empty when all is well
 */
public record GalleryTile(int index, long seed, Optional<Episode> episode, Optional<Pixels> camera,
                          Optional<Pixels> map, String problem) {
    public GalleryTile {
        Objects.requireNonNull(episode, "episode");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(problem, "problem");
    }

    /** A tile whose pictures are still being made. */
    public static GalleryTile waiting(int index, long seed) {
        return new GalleryTile(index, seed, Optional.empty(), Optional.empty(), Optional.empty(), "");
    }

    /** Whether the renderer has finished this tile (with pictures or a problem). */
    public boolean done() {
        return episode.isPresent() || !problem.isEmpty();
    }

    /**
     * An opaque picture as 0xAARRGGBB ints, rows top first (JavaFX's ARGB pixel format).
     *
     * @param width  pixels, &gt; 0
     * @param height pixels, &gt; 0
     * @param argb   width x height pixels
     */
    public record Pixels(int width, int height, int[] argb) {
        public Pixels {
            Objects.requireNonNull(argb, "argb");
            if (width <= 0 || height <= 0 || argb.length != width * height) {
                throw new IllegalArgumentException("a " + width + "x" + height + " picture needs " + width * height
                        + " pixels, got " + argb.length);
            }
        }
    }
}
