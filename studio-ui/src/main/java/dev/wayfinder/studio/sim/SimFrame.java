package dev.wayfinder.studio.sim;

import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Vec2;
import java.util.List;
import java.util.Optional;

/**
 * What the simulation looked like after one reset or step, as the simulation thread hands it to the views: a copy,
 * so views on other threads read it while the simulation moves on. Immutable once published.
 *
 * @param sequence       numbers the frames of one runner in the order they were made
 * @param episode        the episode simulated (the scene to draw)
 * @param steps          control steps since the reset
 * @param timeNanos      simulated time since the reset
 * @param status         where the episode stands
 * @param detail         what the status needs said (what was hit, why there is an error), or empty
 * @param poses          x, y (metres) and yaw (radians) of every body, robot first, 3 values each
 * @param lidar          the lidar's ranges, metres, beams in the order of the robot's lidar spec
 * @param contacts       where bodies touch (not the floor): x, y, z and the unit normal, 6 values per point
 * @param route          the planned route from the robot to the goal (empty when there is none)
 * @param camera         the robot camera's pictures, when the camera renders
 * @param distanceToGoal metres, true distance
 */
public record SimFrame(long sequence, Episode episode, int steps, long timeNanos, EpisodeStatus status, String detail,
                       double[] poses, float[] lidar, float[] contacts, List<Vec2> route, Optional<CameraImages> camera,
                       double distanceToGoal) {
    public SimFrame {
        route = List.copyOf(route);
    }

    /** Simulated time, seconds. */
    public double seconds() {
        return timeNanos / 1e9;
    }

    /** Number of bodies (the robot and every obstacle). */
    public int bodyCount() {
        return poses.length / 3;
    }

    public double x(int body) {
        return poses[3 * body];
    }

    public double y(int body) {
        return poses[3 * body + 1];
    }

    public double yaw(int body) {
        return poses[3 * body + 2];
    }
}
