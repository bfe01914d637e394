package dev.wayfinder.sim.expert;

import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.scenarios.planning.AStar;
import dev.wayfinder.scenarios.planning.OccupancyGrid;
import dev.wayfinder.scenarios.planning.Path;
import dev.wayfinder.sim.core.Body;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.World;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans a path for the robot's centre on an occupancy grid of the current scene: static obstacles, pushables
 * and moving obstacles at their current poses, inflated by the robot's bounding radius plus a margin: the widest margin
 * (up to 0.2 m) whose path is at most 15 % (+0.15 m) longer than the path at 0.04 m, else the widest that leaves
 * a path at all. Stateless and thread-safe.
 */
public final class GlobalPlanner {
    /** Grid cell side, metres. */
    public static final double RESOLUTION = 0.05;
    // The widest margin that still leaves a path wins: paths keep well clear of obstacles where the room allows it
    // (a learner imitating them then has room for small errors) and squeeze through doorways where it does not.
    private static final double[] MARGINS = {0.2, 0.14, 0.08, 0.04, 0.015, 0.0};
    /** Index of the margin whose path is the reference length. */
    private static final int REFERENCE = 3;
    /** A wider margin's path is taken when it is at most this factor (plus the slack, metres) longer. */
    private static final double DETOUR_FACTOR = 1.15;
    private static final double DETOUR_SLACK = 0.15;

    private GlobalPlanner() {
    }

    /**
     * A path from the robot's true position to the goal, or empty when even the thinnest margin fails.
     * {@code cache} keeps grids between calls while nothing on them has moved (no moving obstacles, pushables
     * where they were); pass a fresh cache per episode.
     */
    public static Optional<Path> plan(World world, SimState state, Cache cache) {
        Vec2 from = new Vec2(state.robotX(), state.robotY());
        Vec2 to = world.episode().goal();
        boolean hasMoving = world.bodies().stream().anyMatch(b -> b.kind() == dev.wayfinder.sim.core.BodyKind.MOVING);
        for (boolean withMoving : hasMoving ? new boolean[] {true, false} : new boolean[] {false}) {
            List<Obstacle> obstacles = obstacles(world, state, withMoving);
            boolean cacheable = !withMoving && obstacles.equals(cache.key);
            if (!cacheable && !withMoving) {
                cache.key = obstacles;
                java.util.Arrays.fill(cache.grids, null);
                cacheable = true;
            }
            // Plan with every margin down to the reference one (or until some path exists); then take the widest
            // margin whose path is not much longer than the reference path: clearance where it is cheap, no long
            // detours around a cluster of obstacles just to keep it.
            Path[] paths = new Path[MARGINS.length];
            int reference = -1;
            for (int k = 0; k < MARGINS.length && (k <= REFERENCE || reference < 0); k++) {
                OccupancyGrid grid = cacheable ? cache.grids[k] : null;
                if (grid == null) {
                    grid = OccupancyGrid.of(world.episode().arena(), obstacles, world.robotRadius() + MARGINS[k],
                            RESOLUTION);
                    if (cacheable) {
                        cache.grids[k] = grid;
                    }
                }
                paths[k] = planOn(grid, from, to).orElse(null);
                if (paths[k] != null) {
                    reference = k;
                }
            }
            if (reference >= 0) {
                double limit = DETOUR_FACTOR * paths[reference].length() + DETOUR_SLACK;
                for (int k = 0; k <= reference; k++) {
                    if (paths[k] != null && paths[k].length() <= limit) {
                        return Optional.of(paths[k]);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Grids of one episode's still obstacles, reused while those stay where they are. Not thread-safe. */
    public static final class Cache {
        private List<Obstacle> key;
        private final OccupancyGrid[] grids = new OccupancyGrid[MARGINS.length];
    }

    /**
     * Plans on {@code grid}; a start inside the inflated zone is first moved to the nearest free cell within
     * 0.3 m (the path then begins at the true start), and the result is shortened by line-of-sight.
     */
    static Optional<Path> planOn(OccupancyGrid grid, Vec2 from, Vec2 to) {
        Vec2 start = grid.isFree(from) ? from : nearestFree(grid, from, 0.3);
        if (start == null) {
            return Optional.empty();
        }
        Optional<Path> p = AStar.plan(grid, start, to);
        if (p.isEmpty()) {
            return p;
        }
        List<Vec2> pts = new ArrayList<>();
        if (start != from) {
            pts.add(from);
        }
        pts.addAll(shortcut(grid, p.get().points()));
        return Optional.of(new Path(pts));
    }

    private static Vec2 nearestFree(OccupancyGrid grid, Vec2 p, double radius) {
        int ci = grid.column(p.x());
        int cj = grid.row(p.y());
        int reach = (int) Math.ceil(radius / grid.resolution());
        Vec2 best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (int dj = -reach; dj <= reach; dj++) {
            for (int di = -reach; di <= reach; di++) {
                int i = ci + di;
                int j = cj + dj;
                if (!grid.inside(i, j) || grid.isBlocked(i, j)) {
                    continue;
                }
                Vec2 c = grid.center(i, j);
                double d = c.distanceTo(p);
                if (d < bestD && d <= radius) {
                    bestD = d;
                    best = c;
                }
            }
        }
        return best;
    }

    /** Greedy line-of-sight shortening: from each kept point, jump to the farthest visible later point. */
    static List<Vec2> shortcut(OccupancyGrid grid, List<Vec2> pts) {
        if (pts.size() <= 2) {
            return pts;
        }
        List<Vec2> out = new ArrayList<>();
        int i = 0;
        out.add(pts.get(0));
        while (i < pts.size() - 1) {
            int j = pts.size() - 1;
            while (j > i + 1 && !visible(grid, pts.get(i), pts.get(j))) {
                j--;
            }
            out.add(pts.get(j));
            i = j;
        }
        return out;
    }

    private static boolean visible(OccupancyGrid grid, Vec2 a, Vec2 b) {
        double len = a.distanceTo(b);
        int n = Math.max(1, (int) Math.ceil(len / (grid.resolution() / 3)));
        for (int k = 1; k < n; k++) {
            double t = (double) k / n;
            if (!grid.isFree(new Vec2(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y())))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Length of the shortest collision-free path from the episode's start to its goal on the grid of the
     * static and pushable obstacles inflated by the robot's radius (the reference for SPL), or the straight
     * distance when no path exists.
     */
    public static double shortestPathLength(World world) {
        List<Obstacle> still = new ArrayList<>();
        for (Obstacle o : world.episode().obstacles()) {
            if (o.kind() != ObstacleKind.MOVING) {
                still.add(o);
            }
        }
        Vec2 start = world.episode().start().position();
        Vec2 goal = world.episode().goal();
        return planOn(OccupancyGrid.of(world.episode().arena(), still, world.robotRadius(), RESOLUTION),
                start, goal).map(Path::length).orElse(start.distanceTo(goal));
    }

    private static List<Obstacle> obstacles(World world, SimState state, boolean withMoving) {
        List<Obstacle> out = new ArrayList<>();
        double[] pose = new double[7];
        for (Body b : world.bodies()) {
            if (b.obstacle().isEmpty()) {
                continue;
            }
            Obstacle o = b.obstacle().get();
            switch (o.kind()) {
                case STATIC -> out.add(o);
                case PUSHABLE, MOVING -> {
                    if (o.kind() == ObstacleKind.MOVING && !withMoving) {
                        continue;
                    }
                    state.bodyPose(b.index(), pose);
                    if (Double.isFinite(pose[0]) && Double.isFinite(pose[1])) {
                        // Quantised, so that a body settling by micrometres does not invalidate cached grids.
                        out.add(o.withPose(new Pose2(Math.rint(pose[0] * 200) / 200, Math.rint(pose[1] * 200) / 200,
                                Math.rint(state.bodyYaw(b.index()) * 100) / 100)));
                    }
                }
            }
        }
        return out;
    }
}
