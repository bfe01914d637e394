package dev.wayfinder.scenarios.planning;

import dev.wayfinder.scenarios.model.Vec2;
import java.util.Arrays;

/**
 * Connected components of the free cells of an {@link OccupancyGrid}, under the same moves as
 * {@link AStar} (8-connected, no cutting of blocked corners). Answers "is there a path from a to b" in
 * constant time after one linear pass, which makes checking many start/goal pairs or many redrawn layouts
 * cheap. Agrees with {@code AStar.plan(grid, a, b).isPresent()}. Immutable, thread-safe.
 */
public final class Reachability {
    private final OccupancyGrid grid;
    private final int[] label;
    private final int components;

    private Reachability(OccupancyGrid grid) {
        this.grid = grid;
        int nx = grid.nx();
        int n = nx * grid.ny();
        label = new int[n];
        Arrays.fill(label, -1);
        int[] queue = new int[n];
        int next = 0;
        for (int s = 0; s < n; s++) {
            if (label[s] != -1 || grid.isBlocked(s % nx, s / nx)) {
                continue;
            }
            int head = 0;
            int tail = 0;
            queue[tail++] = s;
            label[s] = next;
            while (head < tail) {
                int c = queue[head++];
                int ci = c % nx;
                int cj = c / nx;
                for (int di = -1; di <= 1; di++) {
                    for (int dj = -1; dj <= 1; dj++) {
                        int i = ci + di;
                        int j = cj + dj;
                        if ((di == 0 && dj == 0) || grid.isBlocked(i, j) || label[j * nx + i] != -1) {
                            continue;
                        }
                        if (di != 0 && dj != 0 && (grid.isBlocked(ci + di, cj) || grid.isBlocked(ci, cj + dj))) {
                            continue;
                        }
                        label[j * nx + i] = next;
                        queue[tail++] = j * nx + i;
                    }
                }
            }
            next++;
        }
        components = next;
    }

    /** Labels the components of {@code grid}; linear in its cell count. */
    public static Reachability of(OccupancyGrid grid) {
        return new Reachability(grid);
    }

    /** Number of connected free regions. */
    public int componentCount() {
        return components;
    }

    /** Whether a collision-free path exists from {@code a} to {@code b} (same rules as {@link AStar#plan}). */
    public boolean connected(Vec2 a, Vec2 b) {
        int ai = grid.column(a.x());
        int aj = grid.row(a.y());
        int bi = grid.column(b.x());
        int bj = grid.row(b.y());
        if (!passable(ai, aj, a) || !passable(bi, bj, b)) {
            return false;
        }
        if (ai == bi && aj == bj) {
            return true;
        }
        int[] la = labels(ai, aj);
        int[] lb = labels(bi, bj);
        for (int x : la) {
            for (int y : lb) {
                if (x == y && x >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean passable(int i, int j, Vec2 p) {
        return grid.inside(i, j) && (!grid.isBlocked(i, j) || grid.isPointClear(p));
    }

    /** The component of a free cell, or those of the cells one move away from a blocked but clear one. */
    private int[] labels(int i, int j) {
        int nx = grid.nx();
        if (!grid.isBlocked(i, j)) {
            return new int[] {label[j * nx + i]};
        }
        int[] out = new int[8];
        int k = 0;
        for (int di = -1; di <= 1; di++) {
            for (int dj = -1; dj <= 1; dj++) {
                if ((di == 0 && dj == 0) || grid.isBlocked(i + di, j + dj)) {
                    continue;
                }
                if (di != 0 && dj != 0 && (grid.isBlocked(i + di, j) || grid.isBlocked(i, j + dj))) {
                    continue;
                }
                out[k++] = label[(j + dj) * nx + i + di];
            }
        }
        return Arrays.copyOf(out, k);
    }
}
