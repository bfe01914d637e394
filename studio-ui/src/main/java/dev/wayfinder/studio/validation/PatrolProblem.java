package dev.wayfinder.studio.validation;

import dev.wayfinder.scenarios.model.Vec2;
import java.util.Objects;

/**
 * One problem of a moving obstacle's patrol path, found by {@link PatrolCheck}.
 *
 * @param obstacleId the moving obstacle
 * @param kind       what is wrong
 * @param index      for {@link Kind#OUTSIDE_ARENA}, the waypoint (index into the patrol's waypoints); for
 *                   {@link Kind#CROSSES_OBSTACLE}, the leg: leg {@code j} runs from path point {@code j} to
 *                   {@code j + 1} of {@code [pose, waypoints...]}, and for a loop the last leg returns to the pose
 * @param at         where: the waypoint, or the first point of the leg where the obstacle would touch the other
 * @param other      the static obstacle crossed; empty for {@link Kind#OUTSIDE_ARENA}
 * @param path       the field it concerns, as a file path ({@code obstacles[2].patrol.waypoints[0]})
 * @param message    what is wrong, in words
 */
public record PatrolProblem(String obstacleId, Kind kind, int index, Vec2 at, String other, String path,
                            String message) {
    /** What can be wrong with a patrol path. */
    public enum Kind {
        /** At a waypoint, the obstacle would reach outside the arena (through its walls). */
        OUTSIDE_ARENA,
        /** Along a leg, the obstacle would run into a static obstacle. */
        CROSSES_OBSTACLE
    }

    public PatrolProblem {
        Objects.requireNonNull(obstacleId, "obstacleId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(other, "other");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
