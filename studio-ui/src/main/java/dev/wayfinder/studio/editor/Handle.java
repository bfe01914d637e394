package dev.wayfinder.studio.editor;

import dev.wayfinder.scenarios.model.Vec2;
import java.util.Objects;

/**
 * A grip on the selected obstacle: drag it to rotate or resize.
 *
 * @param kind what dragging it does
 * @param at   where it is, world frame, metres
 */
public record Handle(Kind kind, Vec2 at) {
    /** What a handle does. */
    public enum Kind {
        /** Turns the obstacle about its centre; sits ahead of it along its heading. */
        ROTATE,
        /** Changes the size, the centre staying put; sits on a corner (box) or the rim (cylinder). */
        RESIZE
    }

    public Handle {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
