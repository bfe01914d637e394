package dev.wayfinder.robot.route;

import dev.wayfinder.robot.OccupancyMap;
import dev.wayfinder.robot.Pose2D;
import dev.wayfinder.robot.perception.DepthObstacles;

import java.util.Arrays;

/**
 * What the robot has seen of its surroundings, on a grid in the planning frame (the map frame, or the odom frame of a
 * mapless robot), as a costmap's obstacle layer: each depth frame marks the cell of the nearest obstacle in each strip
 * of the view and clears the cells its rays crossed to get there (or to the farthest floor seen, where the strip saw
 * no obstacle), so furniture that moved since the map was made, new obstacles and things that moved away are
 * tracked. Cells never seen are unknown. Combined with the static map (the larger value wins), or alone for a mapless
 * robot, it is what the route is planned on. Allocates nothing per frame. Not thread-safe.
 */
public final class ObstacleLayer {
    private final OccupancyMap geometry;
    private final byte[] seen;
    private final byte[] combined;
    private final double[] tmp = new double[2];
    private final double[] point = new double[2];
    private boolean changed;
    /** Cells changed since the last {@link #combine}: a box (empty when {@code i0 > i1}), or everything. */
    private int i0 = Integer.MAX_VALUE;
    private int j0 = Integer.MAX_VALUE;
    private int i1 = Integer.MIN_VALUE;
    private int j1 = Integer.MIN_VALUE;
    private boolean everything = true;
    /** The box the last {@link #combine} changed (i0, j0, i1, j1 inclusive), unless it changed everything. */
    private final int[] lastBox = new int[4];
    private boolean lastEverything = true;

    /** A layer over {@code geometry}'s cells (its contents are ignored), everything unknown. */
    public ObstacleLayer(OccupancyMap geometry) {
        this.geometry = geometry;
        this.seen = new byte[geometry.width() * geometry.height()];
        this.combined = new byte[seen.length];
        Arrays.fill(seen, (byte) -1);
    }

    /**
     * A grid for a mapless robot at {@code start} heading to {@code goal} (odom frame): their bounding box plus
     * {@code margin} metres all round, {@code resolution}-metre cells.
     */
    public static OccupancyMap around(double sx, double sy, double gx, double gy, double margin, double resolution) {
        double x0 = Math.min(sx, gx) - margin;
        double y0 = Math.min(sy, gy) - margin;
        int w = (int) Math.ceil((Math.abs(gx - sx) + 2 * margin) / resolution);
        int h = (int) Math.ceil((Math.abs(gy - sy) + 2 * margin) / resolution);
        byte[] cells = new byte[w * h];
        Arrays.fill(cells, (byte) -1);
        return new OccupancyMap(resolution, x0, y0, w, h, cells);
    }

    /** The grid's geometry. */
    public OccupancyMap geometry() {
        return geometry;
    }

    /** Forgets everything seen. */
    public void reset() {
        Arrays.fill(seen, (byte) -1);
        changed = true;
        everything = true;
    }

    private void mark(int i, int j) {
        changed = true;
        i0 = Math.min(i0, i);
        j0 = Math.min(j0, j);
        i1 = Math.max(i1, i);
        j1 = Math.max(j1, j);
    }

    /**
     * Adds the last depth frame: {@code obstacles} holds its profile (base_link points), the robot is at
     * {@code robot} and the camera at ({@code camX}, {@code camY}) in base_link, all in the planning frame.
     */
    public void observe(DepthObstacles obstacles, Pose2D robot, double camX, double camY) {
        robot.apply(camX, camY, tmp);
        double ox = tmp[0];
        double oy = tmp[1];
        // Clear along every ray first, then mark the hits, so one strip's ray cannot erase its neighbour's hit.
        for (int s = 0; s < obstacles.strips(); s++) {
            if (obstacles.obstacle(s, point) || obstacles.floorReach(s, point)) {
                robot.apply(point[0], point[1], tmp);
                clear(ox, oy, tmp[0], tmp[1]);
            }
        }
        for (int s = 0; s < obstacles.strips(); s++) {
            if (obstacles.obstacle(s, point)) {
                robot.apply(point[0], point[1], tmp);
                int i = geometry.column(tmp[0]);
                int j = geometry.row(tmp[1]);
                if (i >= 0 && j >= 0 && i < geometry.width() && j < geometry.height()
                        && seen[j * geometry.width() + i] != 100) {
                    seen[j * geometry.width() + i] = 100;
                    mark(i, j);
                }
            }
        }
    }

    /** Marks the cells from (x0, y0) up to, not including, the cell of (x1, y1) free. */
    private void clear(double x0, double y0, double x1, double y1) {
        double len = Math.hypot(x1 - x0, y1 - y0);
        double step = geometry.resolution() * 0.5;
        int n = (int) (len / step);
        int endI = geometry.column(x1);
        int endJ = geometry.row(y1);
        for (int k = 0; k < n; k++) {
            double t = k * step / len;
            int i = geometry.column(x0 + t * (x1 - x0));
            int j = geometry.row(y0 + t * (y1 - y0));
            if ((i == endI && j == endJ) || i < 0 || j < 0 || i >= geometry.width() || j >= geometry.height()) {
                continue;
            }
            int c = j * geometry.width() + i;
            if (seen[c] != 0) {
                seen[c] = 0;
                mark(i, j);
            }
        }
    }

    /**
     * The cells to plan on: where the layer has seen something, what it saw (occupied or free); elsewhere the static
     * map's value ({@code base}, of the same geometry), or unknown without one. The live array.
     */
    public byte[] combine(OccupancyMap base) {
        if (base != null && (base.width() != geometry.width() || base.height() != geometry.height())) {
            throw new IllegalArgumentException("the static map and the layer differ in size");
        }
        byte[] b = base == null ? null : base.cells();
        for (int k = 0; k < seen.length; k++) {
            combined[k] = seen[k] >= 0 ? seen[k] : b == null ? -1 : b[k];
        }
        lastEverything = everything;
        lastBox[0] = i0;
        lastBox[1] = j0;
        lastBox[2] = i1;
        lastBox[3] = j1;
        changed = false;
        everything = false;
        i0 = Integer.MAX_VALUE;
        j0 = Integer.MAX_VALUE;
        i1 = Integer.MIN_VALUE;
        j1 = Integer.MIN_VALUE;
        return combined;
    }

    /**
     * The cells the last {@link #combine} changed against the one before (with the same base): their bounding box as
     * {i0, j0, i1, j1}, inclusive (empty when i0 &gt; i1), or null when it may differ everywhere (the first combine,
     * or the first after {@link #reset}). What {@link GridPlanner#refresh(byte[], int, int, int, int)} takes.
     */
    public int[] lastChange() {
        return lastEverything ? null : lastBox.clone();
    }

    /** Whether anything changed since the last {@link #combine}. */
    public boolean changed() {
        return changed;
    }
}
