package dev.wayfinder.scenarios.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.Vec2;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Geometry2dTest {
    private static final Material M = Material.solid(Rgb.BLACK);
    private static final double EPS = 1e-12;

    private static Obstacle box(double x, double y, double yaw, double sx, double sy) {
        return Obstacle.fixed("b", new Box(sx, sy, 0.5), new Pose2(x, y, yaw), M);
    }

    @Test
    void cornersRunCounterClockwiseFromThePlusPlusCorner() {
        // 2 m along the heading, 1 m across, turned a quarter turn: the box's +x now points along world +y.
        Vec2[] c = Geometry2d.corners(box(1, 2, Math.PI / 2, 2, 1));
        double[][] expected = {{0.5, 3}, {0.5, 1}, {1.5, 1}, {1.5, 3}};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i][0], c[i].x(), EPS, "corner " + i + " x");
            assertEquals(expected[i][1], c[i].y(), EPS, "corner " + i + " y");
        }
    }

    @Test
    void boxEdgesJoinTheSameCornersBitForBit() {
        long seed = 20240611L;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int trial = 0; trial < 200; trial++) {
            Obstacle o = box(rng.nextDouble(-5, 5), rng.nextDouble(-5, 5), rng.nextDouble(-4, 4),
                    rng.nextDouble(0.05, 3), rng.nextDouble(0.05, 3));
            Box b = (Box) o.shape();
            double[] seg = new double[4 * 4 + 4];
            int next = Geometry2d.boxEdges(o.pose().x(), o.pose().y(), o.pose().yaw(), b.size().x(), b.size().y(),
                    seg, 1);
            assertEquals(5, next, "next free quadruple");
            Vec2[] c = Geometry2d.corners(o);
            for (int e = 0; e < 4; e++) {
                Vec2 from = c[e];
                Vec2 to = c[(e + 1) % 4];
                int k = (1 + e) * 4;
                assertArrayEquals(new double[] {from.x(), from.y(), to.x(), to.y()},
                        new double[] {seg[k], seg[k + 1], seg[k + 2], seg[k + 3]},
                        "edge " + e + " of trial " + trial + ", seed " + seed);
            }
            assertArrayEquals(new double[4], new double[] {seg[0], seg[1], seg[2], seg[3]},
                    "quadruple before 'at' untouched, seed " + seed);
        }
    }

    @Test
    void cylinderCornersAreItsBoundingSquare() {
        Obstacle o = Obstacle.fixed("c", new Cylinder(0.5, 1), new Pose2(1, -1, 0), M);
        Vec2[] c = Geometry2d.corners(o);
        assertEquals(new Vec2(1.5, -0.5), c[0]);
        assertEquals(new Vec2(0.5, -1.5), c[2]);
    }

    @Test
    void distanceAndHalfExtentsOfATurnedBox() {
        Obstacle o = box(0, 0, Math.PI / 2, 2, 1);
        assertEquals(0, Geometry2d.distance(o, new Vec2(0.4, 0.9)), EPS, "inside");
        assertEquals(1.0, Geometry2d.distance(o, new Vec2(1.5, 0)), EPS, "beside the 1 m side");
        assertEquals(Math.hypot(0.5, 1), Geometry2d.distance(o, new Vec2(1, 2)), EPS, "off a corner");
        assertArrayEquals(new double[] {0.5, 1}, Geometry2d.halfExtents(o), EPS);
        Obstacle diagonal = box(0, 0, Math.PI / 4, 2, 2);
        assertArrayEquals(new double[] {Math.sqrt(2), Math.sqrt(2)}, Geometry2d.halfExtents(diagonal), EPS);
    }

    @Test
    void raysStopAtTheNearestSegmentOrCircle() {
        double[] seg = new double[4 * 4];
        Geometry2d.boxEdges(3, 0, 0, 2, 2, seg, 0); // faces at x = 2 and x = 4
        double[] circ = {0, 2, 0.5};
        assertEquals(2, Geometry2d.castRay(0, 0, 1, 0, 10, seg, 4, circ, 1), EPS, "box's near face");
        assertEquals(1.5, Geometry2d.castRay(0, 0, 0, 1, 10, seg, 4, circ, 1), EPS, "circle");
        assertEquals(10, Geometry2d.castRay(0, 0, -1, 0, 10, seg, 4, circ, 1), EPS, "nothing: the limit");
        assertEquals(1.2, Geometry2d.castRay(0, 0, 1, 0, 1.2, seg, 4, circ, 1), EPS, "limit nearer than the box");
        assertEquals(0, Geometry2d.castRay(0, 2.2, 1, 0, 10, seg, 4, circ, 1), EPS, "starting inside the circle");
    }

    @Test
    void pointSegmentDistanceClampsToTheEnds() {
        double[] seg = {9, 9, 9, 9, 0, 0, 2, 0};
        assertEquals(1, Geometry2d.pointSegmentDistSq(1, 1, seg, 1), EPS, "above the middle");
        assertEquals(2, Geometry2d.pointSegmentDistSq(3, 1, seg, 1), EPS, "past the end");
        assertEquals(4, Geometry2d.pointSegmentDistSq(-2, 0, seg, 1), EPS, "before the start");
    }
}
