package dev.wayfinder.scenarios.planning;

import dev.wayfinder.scenarios.geometry.Geometry2d;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Vec2;
import java.util.BitSet;
import java.util.List;

/**
 * A 2D occupancy grid of the arena for a round robot of radius {@code inflation}: a cell is blocked when
 * its centre is closer than {@code inflation} to an obstacle's footprint or to a wall. Planning on it is
 * planning for the robot's centre (configuration space). Immutable, thread-safe.
 *
 * <p>Every obstacle passed in counts, whatever its kind; callers choose which to pass (the scenario
 * validator passes static and pushable ones, an expert may pass moving ones at their current pose).
 * Cell (i, j) covers x in [minX + i*res, minX + (i+1)*res), y likewise; minX = -arena.size.x/2.
 */
public final class OccupancyGrid {
    /** Most cells a grid may have; the resolution is coarsened to stay below it. */
    public static final int MAX_CELLS = 4_000_000;

    private final Arena arena;
    private final List<Obstacle> obstacles;
    private final double inflation;
    private final double resolution;
    private final int nx;
    private final int ny;
    private final BitSet blocked;

    private OccupancyGrid(Arena arena, List<Obstacle> obstacles, double inflation, double resolution) {
        this.arena = arena;
        this.obstacles = List.copyOf(obstacles);
        this.inflation = inflation;
        double area = arena.size().x() * arena.size().y();
        this.resolution = Math.max(resolution, Math.sqrt(area / MAX_CELLS) * 1.01);
        this.nx = Math.max(1, (int) Math.ceil(arena.size().x() / this.resolution));
        this.ny = Math.max(1, (int) Math.ceil(arena.size().y() / this.resolution));
        this.blocked = new BitSet(nx * ny);
        rasterise();
    }

    /**
     * Builds the grid.
     *
     * @param arena      the arena (walls bound the grid)
     * @param obstacles  obstacles to rasterise at their current pose
     * @param inflation  robot radius, metres, &gt;= 0
     * @param resolution cell side, metres, &gt; 0 (coarsened if the grid would exceed {@link #MAX_CELLS})
     */
    public static OccupancyGrid of(Arena arena, List<Obstacle> obstacles, double inflation, double resolution) {
        if (!(inflation >= 0) || !Double.isFinite(inflation)) {
            throw new IllegalArgumentException("inflation must be finite and >= 0, got " + inflation);
        }
        if (!(resolution > 0) || !Double.isFinite(resolution)) {
            throw new IllegalArgumentException("resolution must be finite and > 0, got " + resolution);
        }
        return new OccupancyGrid(arena, obstacles, inflation, resolution);
    }

    private void rasterise() {
        double minX = -arena.halfX();
        double minY = -arena.halfY();
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                Vec2 c = center(i, j);
                if (Math.abs(c.x()) > arena.halfX() - inflation || Math.abs(c.y()) > arena.halfY() - inflation) {
                    blocked.set(j * nx + i);
                }
            }
        }
        for (Obstacle o : obstacles) {
            double[] h = Geometry2d.halfExtents(o);
            double r = inflation + resolution;
            int i0 = Math.max(0, (int) Math.floor((o.pose().x() - h[0] - r - minX) / resolution));
            int i1 = Math.min(nx - 1, (int) Math.floor((o.pose().x() + h[0] + r - minX) / resolution));
            int j0 = Math.max(0, (int) Math.floor((o.pose().y() - h[1] - r - minY) / resolution));
            int j1 = Math.min(ny - 1, (int) Math.floor((o.pose().y() + h[1] + r - minY) / resolution));
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    double d = Geometry2d.distance(o, center(i, j));
                    if (d < inflation || d == 0) {
                        blocked.set(j * nx + i);
                    }
                }
            }
        }
    }

    /** Cells along x. */
    public int nx() {
        return nx;
    }

    /** Cells along y. */
    public int ny() {
        return ny;
    }

    /** Cell side, metres. */
    public double resolution() {
        return resolution;
    }

    /** Robot radius the obstacles were inflated by, metres. */
    public double inflation() {
        return inflation;
    }

    public Arena arena() {
        return arena;
    }

    /** The obstacles rasterised. */
    public List<Obstacle> obstacles() {
        return obstacles;
    }

    /** Centre of cell (i, j), world frame. */
    public Vec2 center(int i, int j) {
        return new Vec2(-arena.halfX() + (i + 0.5) * resolution, -arena.halfY() + (j + 0.5) * resolution);
    }

    /** Column of x, possibly outside [0, nx). */
    public int column(double x) {
        return (int) Math.floor((x + arena.halfX()) / resolution);
    }

    /** Row of y, possibly outside [0, ny). */
    public int row(double y) {
        return (int) Math.floor((y + arena.halfY()) / resolution);
    }

    /** Whether (i, j) is a cell of the grid. */
    public boolean inside(int i, int j) {
        return i >= 0 && j >= 0 && i < nx && j < ny;
    }

    /** Whether cell (i, j) is blocked; cells outside the grid are. */
    public boolean isBlocked(int i, int j) {
        return !inside(i, j) || blocked.get(j * nx + i);
    }

    /** Whether the cell containing {@code p} is free. */
    public boolean isFree(Vec2 p) {
        return !isBlocked(column(p.x()), row(p.y()));
    }

    /**
     * Exact test, independent of the grid's cells: whether a disc of radius {@link #inflation()} at
     * {@code p} lies inside the arena and clear of every obstacle.
     */
    public boolean isPointClear(Vec2 p) {
        if (!arena.containsDisc(p, inflation)) {
            return false;
        }
        for (Obstacle o : obstacles) {
            double d = Geometry2d.distance(o, p);
            if (d < inflation || d == 0) {
                return false;
            }
        }
        return true;
    }

    /** Number of blocked cells. */
    public int blockedCount() {
        return blocked.cardinality();
    }
}
