package dev.wayfinder.studio.editor;

import dev.wayfinder.scenarios.model.Vec2;
import java.util.Objects;

/**
 * A grip on the selected obstacle: drag it to rotate or resize it, or to move a waypoint of its patrol.
 *
 * @param kind  what dragging it does
 * @param at    where it is, world frame, metres
 * @param index for {@link Kind#WAYPOINT}, the waypoint (an index into the patrol's waypoints); -1 otherwise
 */
public record Handle(Kind kind, Vec2 at, int index) {
    /** What a handle does. */
    public enum Kind {
        /** Turns the obstacle about its centre; sits ahead of it along its heading. */
        ROTATE,
        /** Changes the size, the centre staying put; sits on a corner (box) or the rim (cylinder). */
        RESIZE,
        /** Moves one waypoint of a moving obstacle's patrol; sits on the waypoint. */
        WAYPOINT
    }

    public Handle {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if ((kind == Kind.WAYPOINT) != (index >= 0)) {
            throw new IllegalArgumentException("a waypoint handle needs its index, other handles none: " + kind
                    + " " + index);
        }
    }

    /** A rotate or resize handle. */
    public Handle(Kind kind, Vec2 at) {
        this(kind, at, -1);
    }
}
