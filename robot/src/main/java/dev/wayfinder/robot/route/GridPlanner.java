package dev.wayfinder.robot.route;

import dev.wayfinder.robot.OccupancyMap;


/**
 * A* on an {@link OccupancyMap} for a round robot: cells closer than the robot's radius to an occupied cell are
 * blocked (the configuration space), and cells within a band beyond it cost more, so paths keep off walls (a costmap's
 * inflation layer). Unknown cells are free (Nav2's {@code allow_unknown}); outside the grid is blocked. 8-connected
 * moves, octile heuristic. A start inside the inflated band (odometry drift, a tight spot) or a blocked goal is moved
 * to the nearest free cell. Build once per map; {@link #plan} allocates only its result. Not thread-safe.
 */
public final class GridPlanner {
    /** Width of the band beyond the radius where the cost rises, metres. */
    public static final double INFLATION_BAND = 0.3;
    /** Extra cost per step at the edge of the blocked region (falls linearly to 0 across the band). */
    public static final double INFLATION_COST = 3.0;

    private final OccupancyMap map;
    private final double radius;
    private final int w;
    private final int h;
    /** Distance of each cell's centre to the nearest occupied cell's centre, metres (w x h). */
    private float[] clearance;
    /** A partial refresh's window of cells and its distance field, kept for the next. */
    private byte[] window = new byte[0];
    private float[] local = new float[0];
    private final boolean[] blocked;
    private final float[] stepCost;
    private final double[] g;
    private final int[] parent;
    private final int[] heap;
    private final double[] heapKey;
    private final int[] heapPos;
    private final int[] stamp;
    private int search;

    /**
     * @param map    the static map
     * @param radius the robot's radius, metres, &gt;= 0
     */
    public GridPlanner(OccupancyMap map, double radius) {
        if (!(radius >= 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("robot radius must be finite and >= 0, got " + radius);
        }
        this.map = map;
        this.radius = radius;
        this.w = map.width();
        this.h = map.height();
        int n = w * h;
        this.blocked = new boolean[n];
        this.stepCost = new float[n];
        refresh(map.cells());
        this.g = new double[n];
        this.parent = new int[n];
        this.heap = new int[n];
        this.heapKey = new double[n];
        this.heapPos = new int[n];
        this.stamp = new int[n];
    }

    /**
     * Plans on {@code cells} from now on (the map's geometry, other contents: the static map with what the robot has
     * observed since, say); width x height values, -1..100.
     */
    public void refresh(byte[] cells) {
        if (cells.length != w * h) {
            throw new IllegalArgumentException("need " + w * h + " cells, got " + cells.length);
        }
        clearance = distanceField(w, h, map.resolution(), cells, clearance);
        costs(0, 0, w - 1, h - 1);
    }

    /** Blocked cells and step costs from the clearance, in the box (inclusive). */
    private void costs(int ci0, int cj0, int ci1, int cj1) {
        for (int j = cj0; j <= cj1; j++) {
            for (int k = j * w + ci0, end = j * w + ci1; k <= end; k++) {
                // Clearance is measured between cell centres; an occupied cell reaches half a cell towards us.
                double over = clearance[k] - 0.5 * map.resolution() - radius;
                blocked[k] = over < 0;
                stepCost[k] = (float) (over >= INFLATION_BAND ? 0 : INFLATION_COST * (1 - over / INFLATION_BAND));
            }
        }
    }

    /**
     * As {@link #refresh(byte[])} when only the cells in the box {@code (i0, j0)..(i1, j1)} (inclusive; empty when
     * i0 &gt; i1) differ from the cells of the last refresh: a robot's obstacle layer changes only where its camera
     * looked. Only what those cells can reach is recomputed: the distance field within the radius and the inflation
     * band of them, from the cells within that reach again. The blocked cells and the step costs are exactly those a
     * whole refresh gives (a distance up to the reach comes from a path that stays inside that window, so the
     * window's chamfer gives the same value; beyond the reach a cell is neither blocked nor costed either way);
     * {@link #clearance} is then exact up to the radius plus the band, and at least that beyond it.
     */
    public void refresh(byte[] cells, int i0, int j0, int i1, int j1) {
        if (cells.length != w * h) {
            throw new IllegalArgumentException("need " + w * h + " cells, got " + cells.length);
        }
        if (i0 > i1 || j0 > j1) {
            return;
        }
        int reach = (int) Math.ceil((radius + 0.5 * map.resolution() + INFLATION_BAND) / map.resolution()) + 1;
        int ri0 = Math.max(0, i0 - reach);
        int rj0 = Math.max(0, j0 - reach);
        int ri1 = Math.min(w - 1, i1 + reach);
        int rj1 = Math.min(h - 1, j1 + reach);
        int si0 = Math.max(0, ri0 - reach);
        int sj0 = Math.max(0, rj0 - reach);
        int si1 = Math.min(w - 1, ri1 + reach);
        int sj1 = Math.min(h - 1, rj1 + reach);
        int sw = si1 - si0 + 1;
        int sh = sj1 - sj0 + 1;
        if ((long) sw * sh * 2 > (long) w * h) {
            refresh(cells);
            return;
        }
        if (window.length < sw * sh) {
            window = new byte[sw * sh];
        }
        for (int j = 0; j < sh; j++) {
            System.arraycopy(cells, (sj0 + j) * w + si0, window, j * sw, sw);
        }
        local = distanceField(sw, sh, map.resolution(), window, local);
        for (int j = rj0; j <= rj1; j++) {
            System.arraycopy(local, (j - sj0) * sw + (ri0 - si0), clearance, j * w + ri0, ri1 - ri0 + 1);
        }
        costs(ri0, rj0, ri1, rj1);
    }

    /** Whether cell {@code k} (row-major) is blocked (tests). */
    boolean blockedAt(int k) {
        return blocked[k];
    }

    /** Cell {@code k}'s extra step cost (tests). */
    float stepCostAt(int k) {
        return stepCost[k];
    }

    /** The map planned on. */
    public OccupancyMap map() {
        return map;
    }

    /** Whether the cell containing map point (x, y) is free for the robot's centre. */
    public boolean free(double x, double y) {
        int i = map.column(x);
        int j = map.row(y);
        return i >= 0 && j >= 0 && i < w && j < h && !blocked[j * w + i];
    }

    /** Distance from map point (x, y)'s cell to the nearest occupied cell, metres (0 outside the grid). */
    public double clearance(double x, double y) {
        int i = map.column(x);
        int j = map.row(y);
        return i >= 0 && j >= 0 && i < w && j < h ? clearance[j * w + i] : 0;
    }

    /**
     * A path from ({@code fx}, {@code fy}) to ({@code tx}, {@code ty}) in the map frame: x, y pairs of cell centres,
     * the start first (the exact start and goal points at its ends), or null when none exists.
     */
    public double[] plan(double fx, double fy, double tx, double ty) {
        int start = nearestFree(map.column(fx), map.row(fy));
        int goal = nearestFree(map.column(tx), map.row(ty));
        if (start < 0 || goal < 0) {
            return null;
        }
        search++;
        int size = 0;
        g[start] = 0;
        parent[start] = -1;
        stamp[start] = search;
        size = push(size, start, heuristic(start, goal));
        final double diag = Math.sqrt(2);
        while (size > 0) {
            int cur = heap[0];
            size = pop(size);
            if (cur == goal) {
                return trace(fx, fy, tx, ty, goal);
            }
            int ci = cur % w;
            int cj = cur / w;
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    if (di == 0 && dj == 0) {
                        continue;
                    }
                    int ni = ci + di;
                    int nj = cj + dj;
                    if (ni < 0 || nj < 0 || ni >= w || nj >= h) {
                        continue;
                    }
                    int nb = nj * w + ni;
                    if (blocked[nb]) {
                        continue;
                    }
                    boolean diagonal = di != 0 && dj != 0;
                    if (diagonal && (blocked[cj * w + ni] || blocked[nj * w + ci])) {
                        continue; // no corner cutting
                    }
                    double len = (diagonal ? diag : 1) * map.resolution();
                    double cand = g[cur] + len * (1 + stepCost[nb]);
                    if (stamp[nb] != search) {
                        stamp[nb] = search;
                        g[nb] = cand;
                        parent[nb] = cur;
                        heapPos[nb] = -1;
                        size = push(size, nb, cand + heuristic(nb, goal));
                    } else if (cand < g[nb] - 1e-12) {
                        g[nb] = cand;
                        parent[nb] = cur;
                        if (heapPos[nb] >= 0) {
                            decrease(heapPos[nb], cand + heuristic(nb, goal));
                        } else {
                            size = push(size, nb, cand + heuristic(nb, goal));
                        }
                    }
                }
            }
        }
        return null;
    }

    private double[] trace(double fx, double fy, double tx, double ty, int goal) {
        int count = 0;
        for (int c = goal; c >= 0; c = parent[c]) {
            count++;
        }
        double[] out = new double[2 * (count + 2)];
        int k = count;
        for (int c = goal; c >= 0; c = parent[c]) {
            out[2 * k] = map.centerX(c % w);
            out[2 * k + 1] = map.centerY(c / w);
            k--;
        }
        out[0] = fx;
        out[1] = fy;
        out[2 * (count + 1)] = tx;
        out[2 * (count + 1) + 1] = ty;
        return out;
    }

    private double heuristic(int a, int b) {
        int dx = Math.abs(a % w - b % w);
        int dy = Math.abs(a / w - b / w);
        return map.resolution() * (Math.max(dx, dy) + (Math.sqrt(2) - 1) * Math.min(dx, dy));
    }

    /** The free cell nearest (i, j) by rings of growing Chebyshev radius, or -1. */
    private int nearestFree(int i, int j) {
        int ci = Math.max(0, Math.min(w - 1, i));
        int cj = Math.max(0, Math.min(h - 1, j));
        int max = Math.max(w, h);
        for (int r = 0; r < max; r++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int dj = -r; dj <= r; dj++) {
                for (int di = -r; di <= r; di++) {
                    if (Math.max(Math.abs(di), Math.abs(dj)) != r) {
                        continue;
                    }
                    int ni = ci + di;
                    int nj = cj + dj;
                    if (ni < 0 || nj < 0 || ni >= w || nj >= h || blocked[nj * w + ni]) {
                        continue;
                    }
                    double d = di * di + dj * dj;
                    if (d < bestD) {
                        bestD = d;
                        best = nj * w + ni;
                    }
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        return -1;
    }

    private int push(int size, int cell, double key) {
        heap[size] = cell;
        heapKey[size] = key;
        heapPos[cell] = size;
        up(size);
        return size + 1;
    }

    private void decrease(int pos, double key) {
        heapKey[pos] = key;
        up(pos);
    }

    private int pop(int size) {
        heapPos[heap[0]] = -1;
        size--;
        if (size > 0) {
            heap[0] = heap[size];
            heapKey[0] = heapKey[size];
            heapPos[heap[0]] = 0;
            down(0, size);
        }
        return size;
    }

    private void up(int p) {
        while (p > 0) {
            int q = (p - 1) / 2;
            if (heapKey[q] <= heapKey[p]) {
                break;
            }
            swap(p, q);
            p = q;
        }
    }

    private void down(int p, int size) {
        while (true) {
            int l = 2 * p + 1;
            if (l >= size) {
                return;
            }
            int m = l + 1 < size && heapKey[l + 1] < heapKey[l] ? l + 1 : l;
            if (heapKey[p] <= heapKey[m]) {
                return;
            }
            swap(p, m);
            p = m;
        }
    }

    private void swap(int a, int b) {
        int ca = heap[a];
        int cb = heap[b];
        double ka = heapKey[a];
        heap[a] = cb;
        heapKey[a] = heapKey[b];
        heap[b] = ca;
        heapKey[b] = ka;
        heapPos[cb] = a;
        heapPos[ca] = b;
    }

    /**
     * Euclidean-ish distance from each cell centre to the nearest occupied cell centre (two-pass chamfer with 1 and
     * sqrt 2 weights, within a few percent of Euclidean), metres; infinite on a map without obstacles.
     */
    static float[] distanceField(OccupancyMap map) {
        return distanceField(map.width(), map.height(), map.resolution(), map.cells(), null);
    }

    /**
     * The chamfer distance field of a w x h grid into the first w x h values of {@code into} when it has room for
     * them (so a replan allocates nothing), else into a new array. Written for speed: a minimum by comparison (no NaN
     * can occur) and the row's previous value carried in a local; the same values as the textbook form (a test
     * compares them on random maps).
     */
    private static float[] distanceField(int w, int h, double resolution, byte[] cells, float[] into) {
        int n = w * h;
        float[] d = into != null && into.length >= n ? into : new float[n];
        final float inf = Float.POSITIVE_INFINITY;
        for (int k = 0; k < w * h; k++) {
            d[k] = cells[k] >= OccupancyMap.OCCUPIED ? 0 : inf;
        }
        final float r = (float) resolution;
        final float rd = (float) (resolution * Math.sqrt(2));
        for (int j = 0; j < h; j++) {
            int row = j * w;
            float left = inf;
            for (int i = 0; i < w; i++) {
                int k = row + i;
                float v = d[k];
                float c = left + r;
                if (c < v) {
                    v = c;
                }
                if (j > 0) {
                    int up = k - w;
                    c = d[up] + r;
                    if (c < v) {
                        v = c;
                    }
                    if (i > 0) {
                        c = d[up - 1] + rd;
                        if (c < v) {
                            v = c;
                        }
                    }
                    if (i < w - 1) {
                        c = d[up + 1] + rd;
                        if (c < v) {
                            v = c;
                        }
                    }
                }
                d[k] = v;
                left = v;
            }
        }
        for (int j = h - 1; j >= 0; j--) {
            int row = j * w;
            float right = inf;
            for (int i = w - 1; i >= 0; i--) {
                int k = row + i;
                float v = d[k];
                float c = right + r;
                if (c < v) {
                    v = c;
                }
                if (j < h - 1) {
                    int down = k + w;
                    c = d[down] + r;
                    if (c < v) {
                        v = c;
                    }
                    if (i < w - 1) {
                        c = d[down + 1] + rd;
                        if (c < v) {
                            v = c;
                        }
                    }
                    if (i > 0) {
                        c = d[down - 1] + rd;
                        if (c < v) {
                            v = c;
                        }
                    }
                }
                d[k] = v;
                right = v;
            }
        }
        return d;
    }
}
