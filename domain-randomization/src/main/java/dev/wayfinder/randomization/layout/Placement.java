package dev.wayfinder.randomization.layout;

import dev.wayfinder.randomization.rng.Rng;
import dev.wayfinder.scenarios.model.Vec2;
import java.util.List;
import java.util.Optional;

/**
 * Finds a spot for an added object (extra obstacle or distractor) of bounding radius r: inside the
 * placement area shrunk by r, at least a given clearance from the start and the goal, and, on the first
 * half of the tries, not overlapping other objects' bounding discs.
 *
 * @param min lower-left corner of the placement area (already intersected with the arena), metres
 * @param max upper-right corner, metres
 */
public record Placement(Vec2 min, Vec2 max) {
    /** Spots tried per object before giving up. */
    public static final int TRIES = 64;

    public Placement {
        if (min == null || max == null) {
            throw new IllegalArgumentException("min and max must not be null");
        }
    }

    /** A disc already in the layout: centre and radius, metres. */
    public record Disc(Vec2 center, double radius) {
        public Disc {
            if (center == null || !(radius >= 0)) {
                throw new IllegalArgumentException("a disc needs a centre and a radius >= 0");
            }
        }
    }

    /** Whether an object of bounding radius {@code r} fits in the area at all. */
    public boolean fits(double r) {
        return max.x() - min.x() >= 2 * r && max.y() - min.y() >= 2 * r;
    }

    /**
     * A spot for an object of bounding radius {@code r}, or empty when none of {@link #TRIES} draws from
     * {@code rng} satisfies the rules.
     *
     * @param keepClear discs the object must not touch at all (start and goal with their clearances)
     * @param avoid     discs the object should not overlap (other obstacles); relaxed after half the tries
     */
    public Optional<Vec2> place(double r, List<Disc> keepClear, List<Disc> avoid, Rng rng) {
        if (!fits(r)) {
            return Optional.empty();
        }
        for (int t = 0; t < TRIES; t++) {
            Vec2 p = new Vec2(rng.uniform(min.x() + r, max.x() - r), rng.uniform(min.y() + r, max.y() - r));
            if (touchesAny(p, r, keepClear) || (t < TRIES / 2 && touchesAny(p, r, avoid))) {
                continue;
            }
            return Optional.of(p);
        }
        return Optional.empty();
    }

    private static boolean touchesAny(Vec2 p, double r, List<Disc> discs) {
        for (Disc d : discs) {
            double dx = p.x() - d.center().x();
            double dy = p.y() - d.center().y();
            double reach = r + d.radius();
            if (dx * dx + dy * dy < reach * reach) {
                return true;
            }
        }
        return false;
    }
}
