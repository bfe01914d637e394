package dev.wayfinder.scenarios.planning;

import dev.wayfinder.scenarios.model.Vec2;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A* on an {@link OccupancyGrid} with 8-connectivity (diagonal steps cost sqrt 2 and may not cut a blocked
 * corner) and the octile heuristic, so returned paths are shortest on the grid. Stateless, thread-safe.
 */
public final class AStar {
    private static final double SQRT2 = Math.sqrt(2);
    private static final int[] DI = {1, -1, 0, 0, 1, 1, -1, -1};
    private static final int[] DJ = {0, 0, 1, -1, 1, -1, 1, -1};

    private AStar() {
    }

    /**
     * Plans from {@code from} to {@code to}. Their own cells count as free when the exact points are clear
     * ({@link OccupancyGrid#isPointClear}), so a start close to an obstacle is not lost to rounding.
     *
     * @return a path whose first point is {@code from}, last is {@code to}, and whose inner points are cell
     *         centres where the direction changes; empty if no collision-free path exists
     */
    public static Optional<Path> plan(OccupancyGrid grid, Vec2 from, Vec2 to) {
        int si = grid.column(from.x());
        int sj = grid.row(from.y());
        int gi = grid.column(to.x());
        int gj = grid.row(to.y());
        if (!passable(grid, si, sj, from) || !passable(grid, gi, gj, to)) {
            return Optional.empty();
        }
        int nx = grid.nx();
        int n = nx * grid.ny();
        int start = sj * nx + si;
        int goal = gj * nx + gi;
        if (start == goal) {
            return Optional.of(new Path(from.equals(to) ? List.of(from) : List.of(from, to)));
        }
        double[] g = new double[n];
        Arrays.fill(g, Double.POSITIVE_INFINITY);
        int[] parent = new int[n];
        boolean[] closed = new boolean[n];
        Heap open = new Heap(n);
        g[start] = 0;
        parent[start] = -1;
        open.push(start, octile(si, sj, gi, gj));
        while (!open.isEmpty()) {
            int cur = open.pop();
            if (cur == goal) {
                return Optional.of(reconstruct(grid, parent, goal, from, to));
            }
            if (closed[cur]) {
                continue;
            }
            closed[cur] = true;
            int ci = cur % nx;
            int cj = cur / nx;
            for (int k = 0; k < 8; k++) {
                int ni = ci + DI[k];
                int nj = cj + DJ[k];
                int next = nj * nx + ni;
                if (!grid.inside(ni, nj) || closed[next]) {
                    continue;
                }
                if (grid.isBlocked(ni, nj) && next != goal) {
                    continue;
                }
                if (k >= 4 && (grid.isBlocked(ci + DI[k], cj) || grid.isBlocked(ci, cj + DJ[k]))) {
                    continue;
                }
                double cand = g[cur] + (k >= 4 ? SQRT2 : 1);
                if (cand < g[next]) {
                    g[next] = cand;
                    parent[next] = cur;
                    open.push(next, cand + octile(ni, nj, gi, gj));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Shortens a path by skipping points while the straight line stays on free cells (sampled every quarter
     * cell), keeping its first and last point. The result is never longer; its clearance from obstacles is
     * at least the grid's inflation less about 0.85 cell. Useful for a controller following the path.
     */
    public static Path shortcut(OccupancyGrid grid, Path path) {
        List<Vec2> pts = path.points();
        if (pts.size() <= 2) {
            return path;
        }
        List<Vec2> out = new ArrayList<>();
        out.add(pts.get(0));
        int i = 0;
        int last = pts.size() - 1;
        while (i < last) {
            int j = last;
            while (j > i + 1 && !lineFree(grid, pts.get(i), pts.get(j), i == 0, j == last)) {
                j--;
            }
            out.add(pts.get(j));
            i = j;
        }
        return new Path(out);
    }

    private static boolean lineFree(OccupancyGrid grid, Vec2 a, Vec2 b, boolean aIsStart, boolean bIsGoal) {
        double len = a.distanceTo(b);
        int steps = Math.max(1, (int) Math.ceil(len / (grid.resolution() / 4)));
        int ai = grid.column(a.x());
        int aj = grid.row(a.y());
        int bi = grid.column(b.x());
        int bj = grid.row(b.y());
        for (int s = 0; s <= steps; s++) {
            Vec2 q = a.plus(b.minus(a).times((double) s / steps));
            int i = grid.column(q.x());
            int j = grid.row(q.y());
            boolean endpointCell = (aIsStart && i == ai && j == aj) || (bIsGoal && i == bi && j == bj);
            if (grid.isBlocked(i, j) && !endpointCell) {
                return false;
            }
        }
        return true;
    }

    private static boolean passable(OccupancyGrid grid, int i, int j, Vec2 p) {
        return grid.inside(i, j) && (!grid.isBlocked(i, j) || grid.isPointClear(p));
    }

    private static double octile(int i, int j, int gi, int gj) {
        int dx = Math.abs(i - gi);
        int dy = Math.abs(j - gj);
        return Math.max(dx, dy) + (SQRT2 - 1) * Math.min(dx, dy);
    }

    private static Path reconstruct(OccupancyGrid grid, int[] parent, int goal, Vec2 from, Vec2 to) {
        int nx = grid.nx();
        List<Integer> cells = new ArrayList<>();
        for (int c = goal; c != -1; c = parent[c]) {
            cells.add(c);
        }
        Collections.reverse(cells);
        List<Vec2> pts = new ArrayList<>();
        pts.add(from);
        for (int k = 1; k < cells.size() - 1; k++) {
            int a = cells.get(k - 1);
            int b = cells.get(k);
            int c = cells.get(k + 1);
            boolean turn = (b - a) != (c - b);
            if (turn) {
                pts.add(grid.center(b % nx, b / nx));
            }
        }
        pts.add(to);
        return new Path(pts);
    }

    /** A binary min-heap of (cell, priority) with lazy deletion (duplicates allowed). */
    private static final class Heap {
        private int[] cells;
        private double[] keys;
        private int size;

        Heap(int capacityHint) {
            int cap = Math.max(16, Math.min(capacityHint, 1 << 16));
            cells = new int[cap];
            keys = new double[cap];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(int cell, double key) {
            if (size == cells.length) {
                cells = Arrays.copyOf(cells, size * 2);
                keys = Arrays.copyOf(keys, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int p = (i - 1) / 2;
                if (keys[p] <= key) {
                    break;
                }
                cells[i] = cells[p];
                keys[i] = keys[p];
                i = p;
            }
            cells[i] = cell;
            keys[i] = key;
        }

        int pop() {
            int top = cells[0];
            int lastCell = cells[--size];
            double lastKey = keys[size];
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) {
                    break;
                }
                int c = l + 1 < size && keys[l + 1] < keys[l] ? l + 1 : l;
                if (keys[c] >= lastKey) {
                    break;
                }
                cells[i] = cells[c];
                keys[i] = keys[c];
                i = c;
            }
            cells[i] = lastCell;
            keys[i] = lastKey;
            return top;
        }
    }
}
