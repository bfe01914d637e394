package dev.wayfinder.scenarios.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.geometry.Geometry2d;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.Vec2;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AStarTest {
    static final Material M = Material.solid(Rgb.BLACK);
    static final Arena ARENA = new Arena(new Vec2(4, 4), 0.5, 0.1, M, M, 0.8);

    static Obstacle box(String id, double x, double y, double sx, double sy) {
        return Obstacle.fixed(id, new Box(sx, sy, 0.5), new Pose2(x, y, 0), M);
    }

    @Test
    void emptyArenaGivesStraightPath() {
        OccupancyGrid g = OccupancyGrid.of(ARENA, List.of(), 0.1, 0.05);
        Path p = AStar.plan(g, new Vec2(-1, -1), new Vec2(1, 1)).orElseThrow();
        assertEquals(new Vec2(-1, -1), p.start());
        assertEquals(new Vec2(1, 1), p.goal());
        assertEquals(Math.sqrt(8), p.length(), 0.1);
    }

    @Test
    void wallFromSideToSideBlocks() {
        OccupancyGrid g = OccupancyGrid.of(ARENA, List.of(box("w", 0, 0, 0.1, 4)), 0.1, 0.05);
        assertTrue(AStar.plan(g, new Vec2(-1, 0), new Vec2(1, 0)).isEmpty());
    }

    @Test
    void doorwayPassesOnlyWhenWiderThanTheRobot() {
        for (double gap : new double[] {0.15, 0.3, 0.5}) {
            double len = (4 - gap) / 2;
            List<Obstacle> wall = List.of(box("s", 0, -2 + len / 2, 0.1, len), box("n", 0, 2 - len / 2, 0.1, len));
            OccupancyGrid g = OccupancyGrid.of(ARENA, wall, 0.105, 0.02);
            boolean found = AStar.plan(g, new Vec2(-1, 0.5), new Vec2(1, -0.5)).isPresent();
            assertEquals(gap > 0.21 + 2 * 0.02, found, "gap " + gap);
        }
    }

    @Test
    void blockedStartOrGoalGivesNoPath() {
        OccupancyGrid g = OccupancyGrid.of(ARENA, List.of(box("b", 1, 1, 0.5, 0.5)), 0.1, 0.05);
        assertTrue(AStar.plan(g, new Vec2(1, 1), new Vec2(-1, -1)).isEmpty());
        assertTrue(AStar.plan(g, new Vec2(-1, -1), new Vec2(1, 1)).isEmpty());
        assertTrue(AStar.plan(g, new Vec2(-1, -1), new Vec2(5, 5)).isEmpty());
    }

    /** On random obstacle fields, A* finds a path exactly when a flood fill says the goal is reachable. */
    @Test
    void findsPathIffOneExistsAndPathKeepsClearance() {
        for (int trial = 0; trial < 200; trial++) {
            long seed = 1000 + trial;
            Random r = new Random(seed);
            List<Obstacle> obs = new ArrayList<>();
            for (int i = 0, n = r.nextInt(25); i < n; i++) {
                Pose2 pose = new Pose2(r.nextDouble() * 4 - 2, r.nextDouble() * 4 - 2, r.nextDouble() * 6);
                obs.add(r.nextBoolean()
                        ? Obstacle.fixed("b" + i, new Box(0.1 + r.nextDouble(), 0.1 + r.nextDouble(), 0.5), pose, M)
                        : Obstacle.fixed("c" + i, new Cylinder(0.05 + 0.4 * r.nextDouble(), 0.5), pose, M));
            }
            double inflation = 0.05 + 0.15 * r.nextDouble();
            OccupancyGrid g = OccupancyGrid.of(ARENA, obs, inflation, 0.05);
            Vec2 from = g.center(r.nextInt(g.nx()), r.nextInt(g.ny()));
            Vec2 to = g.center(r.nextInt(g.nx()), r.nextInt(g.ny()));
            Optional<Path> p = AStar.plan(g, from, to);
            boolean reachable = g.isFree(from) && g.isFree(to) && floodReachable(g, from, to);
            assertEquals(reachable, p.isPresent(), "seed " + seed);
            assertEquals(reachable, Reachability.of(g).connected(from, to), "seed " + seed);
            Vec2 anyFrom = new Vec2(r.nextDouble() * 4 - 2, r.nextDouble() * 4 - 2);
            Vec2 anyTo = new Vec2(r.nextDouble() * 4 - 2, r.nextDouble() * 4 - 2);
            assertEquals(AStar.plan(g, anyFrom, anyTo).isPresent(), Reachability.of(g).connected(anyFrom, anyTo),
                    "seed " + seed + " (arbitrary points)");
            if (p.isPresent()) {
                assertClear(g, p.get(), "seed " + seed, Math.sqrt(0.5));
                Path shortPath = AStar.shortcut(g, p.get());
                assertTrue(shortPath.length() <= p.get().length() + 1e-9, "seed " + seed);
                assertEquals(p.get().start(), shortPath.start());
                assertEquals(p.get().goal(), shortPath.goal());
                assertClear(g, shortPath, "seed " + seed + " (shortcut)", Math.sqrt(0.5) + 0.125);
            }
        }
    }

    /** Every point along the path (sampled every 1 cm) keeps the robot's radius from obstacles, less a cell. */
    static void assertClear(OccupancyGrid g, Path p, String what, double cellsLost) {
        List<Vec2> pts = p.points();
        for (int k = 1; k < pts.size(); k++) {
            Vec2 a = pts.get(k - 1);
            Vec2 b = pts.get(k);
            int steps = Math.max(1, (int) (a.distanceTo(b) / 0.01));
            for (int s = 0; s <= steps; s++) {
                Vec2 q = a.plus(b.minus(a).times((double) s / steps));
                for (Obstacle o : g.obstacles()) {
                    double d = Geometry2d.distance(o, q);
                    assertTrue(d >= g.inflation() - g.resolution() * cellsLost - 1e-9,
                            what + ": " + q + " is " + d + " m from " + o.id());
                }
            }
        }
    }

    /** Reference: 8-connected flood fill with the same corner rule. */
    static boolean floodReachable(OccupancyGrid g, Vec2 from, Vec2 to) {
        int nx = g.nx();
        boolean[] seen = new boolean[nx * g.ny()];
        ArrayDeque<int[]> q = new ArrayDeque<>();
        int si = g.column(from.x());
        int sj = g.row(from.y());
        int gi = g.column(to.x());
        int gj = g.row(to.y());
        q.add(new int[] {si, sj});
        seen[sj * nx + si] = true;
        while (!q.isEmpty()) {
            int[] c = q.poll();
            if (c[0] == gi && c[1] == gj) {
                return true;
            }
            for (int di = -1; di <= 1; di++) {
                for (int dj = -1; dj <= 1; dj++) {
                    int i = c[0] + di;
                    int j = c[1] + dj;
                    if ((di == 0 && dj == 0) || g.isBlocked(i, j) || seen[j * nx + i]) {
                        continue;
                    }
                    if (di != 0 && dj != 0 && (g.isBlocked(c[0] + di, c[1]) || g.isBlocked(c[0], c[1] + dj))) {
                        continue;
                    }
                    seen[j * nx + i] = true;
                    q.add(new int[] {i, j});
                }
            }
        }
        return false;
    }
}
