package dev.wayfinder.studio.edit;

import java.util.Objects;

/**
 * What is selected in the studio: nothing, an obstacle (by id, which survives reordering), or a start or goal
 * region (by index). Immutable.
 */
public sealed interface Selection {
    /** Nothing selected. */
    Selection NONE = new Nothing();

    /** Nothing selected. */
    record Nothing() implements Selection {
    }

    /** The obstacle with this id. */
    record ObstacleItem(String id) implements Selection {
        public ObstacleItem {
            Objects.requireNonNull(id, "id");
        }
    }

    /** The start region at this index. */
    record StartItem(int index) implements Selection {
    }

    /** The goal region at this index. */
    record GoalItem(int index) implements Selection {
    }
}
