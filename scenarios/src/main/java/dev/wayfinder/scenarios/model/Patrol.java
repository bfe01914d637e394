package dev.wayfinder.scenarios.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The path of a {@link ObstacleKind#MOVING} obstacle. The obstacle starts at its own pose and drives in
 * straight lines through {@code waypoints} in order at {@code speed}, keeping its yaw (translation only);
 * at the end it follows {@code mode}. So the full path is {@code [pose, waypoints...]}: see {@link #path}.
 *
 * @param waypoints further points of the path, metres, world frame; at least one
 * @param speed     metres per second, finite, &gt; 0
 * @param mode      what happens at the end of the path
 */
public record Patrol(List<Vec2> waypoints, double speed, PatrolMode mode) {
    public Patrol {
        Checks.notNull("waypoints", waypoints);
        waypoints = List.copyOf(waypoints);
        if (waypoints.isEmpty()) {
            throw new IllegalArgumentException("waypoints must hold at least one point");
        }
        Checks.positive("speed", speed);
        Checks.notNull("mode", mode);
    }

    /** The full path: {@code start} followed by the waypoints. */
    public List<Vec2> path(Vec2 start) {
        List<Vec2> p = new ArrayList<>(waypoints.size() + 1);
        p.add(start);
        p.addAll(waypoints);
        return List.copyOf(p);
    }
}
