package dev.wayfinder.scenarios.planning;

import dev.wayfinder.scenarios.model.Vec2;
import java.util.List;

/**
 * A planned path for the robot's centre: straight segments between points in metres, world frame; the
 * first point is the start and the last the goal.
 *
 * @param points at least one
 */
public record Path(List<Vec2> points) {
    public Path {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a path needs at least one point");
        }
    }

    /** Total length, metres. */
    public double length() {
        double sum = 0;
        for (int i = 1; i < points.size(); i++) {
            sum += points.get(i - 1).distanceTo(points.get(i));
        }
        return sum;
    }

    public Vec2 start() {
        return points.get(0);
    }

    public Vec2 goal() {
        return points.get(points.size() - 1);
    }
}
